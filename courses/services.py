"""Writes to courses: each a keyword-only function that validates and runs in a transaction."""

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from blendplan.validators import USERNAME_MAX_LENGTH
from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome
from courses.roles import Role, roles_of
from courses.signals import course_changed


@transaction.atomic
def course_create(*, owner: User, **fields: Any) -> Course:
    """Create and return a course (its draft schedule follows from ``course_changed``).

    Raises ValidationError, naming the fields at fault, when ``fields`` are invalid; then
    nothing is saved.
    """
    course = Course(owner=owner, **fields)
    course.full_clean()
    course.save()
    return course


def outcome_add(*, course: Course, **fields: Any) -> LearningOutcome:
    """Add and return a learning outcome at the end of ``course``'s list."""
    position = course.outcomes.count()
    outcome = LearningOutcome(course=course, position=position, **fields)
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def learner_profile_set(
    *, course: Course, segments: list[dict[str, Any]], **fields: Any
) -> LearnerProfile:
    """Replace ``course``'s learner profile and its segments; all or nothing."""
    LearnerProfile.objects.filter(course=course).delete()
    profile = LearnerProfile(course=course, **fields)
    profile.full_clean()
    profile.save()
    for segment_fields in segments:
        segment = LearnerSegment(profile=profile, **segment_fields)
        segment.full_clean()
        segment.save()
    return profile


def outcome_update(*, outcome: LearningOutcome, **fields: Any) -> LearningOutcome:
    """Change and return ``outcome``; nothing is saved when a field is invalid."""
    for name, value in fields.items():
        setattr(outcome, name, value)
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def outcome_delete(*, outcome: LearningOutcome) -> None:
    """Remove ``outcome`` (blocks stop serving it) and close the gap in the numbering."""
    course = outcome.course
    outcome.delete()
    _renumber(course)


@transaction.atomic
def outcome_move(*, outcome: LearningOutcome, offset: int) -> None:
    """Move ``outcome`` ``offset`` places up (negative) or down the course's list."""
    ordered = list(outcome.course.outcomes.select_for_update().order_by("position", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == outcome.pk)
    target = max(0, min(len(ordered) - 1, index + offset))
    ordered.insert(target, ordered.pop(index))
    _save_order(ordered)


def _renumber(course: Course) -> None:
    _save_order(list(course.outcomes.order_by("position", "pk")))


def _save_order(ordered: list[LearningOutcome]) -> None:
    for position, item in enumerate(ordered):
        item.position = position
    LearningOutcome.objects.bulk_update(ordered, ["position"])
    if ordered:  # a bulk update sends no post_save
        course_changed.send(sender=LearningOutcome, course=ordered[0].course)


NO_SUCH_INSTRUCTOR = (
    "No instructor has the username “{name}”. Check the spelling; if it is right, they need "
    "to sign in once and to ask the site's administrators for the instructor role."
)


def co_instructor_add(*, course: Course, username: str) -> User:
    """Add the instructor called ``username`` as a co-instructor of ``course``; return them.

    Raises ValidationError when there is no such instructor or they already teach the course.
    Someone who is not an instructor gets the same message as no one at all, so the form
    does not reveal which usernames exist.
    """
    name = username.strip()
    if len(name) > USERNAME_MAX_LENGTH:
        # Not a username, and a lookup of it would be slow (SQLite: "LIKE pattern too complex").
        raise ValidationError({"username": "A username has at most 150 characters."})
    user = User.objects.filter(username__iexact=name, is_active=True).first()
    if user is None or Role.INSTRUCTOR not in roles_of(user):
        raise ValidationError({"username": NO_SUCH_INSTRUCTOR.format(name=name)})
    if user == course.owner or course.co_instructors.filter(pk=user.pk).exists():
        raise ValidationError({"username": f"{user.get_username()} already teaches this course."})
    course.co_instructors.add(user)
    return user


def co_instructor_remove(*, course: Course, user: User) -> None:
    """Take ``user`` off ``course``'s co-instructors."""
    course.co_instructors.remove(user)
