"""``course_changed``: what an instructor says about a course changed, by whatever path.

Sent with ``course=`` after a course's basics, one of its outcomes, its learner profile or
one of its segments is saved or deleted: through a page, the admin, a management command or
code. Other apps (the schedules' recommendations) listen to it, so courses/ never needs to
know them. Saves of the models send it on their own (``model_saved`` and ``model_deleted``,
connected in ``CoursesConfig.ready``); code that writes without ``save()`` (a bulk update)
sends it itself.
"""

from typing import Any

from django.db.models import Model, QuerySet
from django.dispatch import Signal

from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome

course_changed = Signal()

WATCHED: tuple[type[Model], ...] = (Course, LearningOutcome, LearnerProfile, LearnerSegment)


def course_of(instance: Model) -> Course | None:
    """Return the course ``instance`` (one of ``WATCHED``) describes."""
    if isinstance(instance, Course):
        return instance
    if isinstance(instance, LearningOutcome | LearnerProfile):
        return instance.course
    if isinstance(instance, LearnerSegment):
        return instance.profile.course
    return None


def model_saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    """Send ``course_changed`` for a saved course, outcome, profile or segment."""
    if raw:  # loaddata: rows arrive as they were, with whatever they were derived into
        return
    course = course_of(instance)
    if course is not None:
        course_changed.send(sender=sender, course=course)


def model_deleted(sender: type[Model], instance: Model, origin: Any = None, **kwargs: Any) -> None:
    """Send ``course_changed`` for a deleted outcome, profile or segment.

    Not when a course is being deleted with everything it holds (``origin`` is the course
    or a queryset of courses): there is nothing left to keep up to date.
    """
    deleting_courses = isinstance(origin, Course) or (
        isinstance(origin, QuerySet) and origin.model is Course
    )
    if isinstance(instance, Course) or deleting_courses:
        return
    course = course_of(instance)
    if course is not None:
        course_changed.send(sender=sender, course=course)
