"""Who may see and change a course: one lookup helper, used by every view and fragment."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404

from courses.models import Course


def courses_taught_by(user: User | AnonymousUser) -> QuerySet[Course]:
    """Return the courses ``user`` owns or co-teaches (every course for a superuser)."""
    if not user.is_authenticated:
        return Course.objects.none()
    if getattr(user, "is_superuser", False):
        return Course.objects.all()
    # A subquery rather than a join: no duplicate rows, so no DISTINCT over whole rows.
    co_taught = Course.co_instructors.through.objects.filter(user=user).values("course_id")
    return Course.objects.filter(Q(owner=user) | Q(pk__in=co_taught))


def get_course_for_user(
    user: User | AnonymousUser,
    pk: int,
    *,
    loading: Callable[[QuerySet[Course]], QuerySet[Course]] | None = None,
) -> Course:
    """Return course ``pk`` if ``user`` teaches it.

    Raises Http404 otherwise, so that the existence of other people's courses is not
    revealed. ``loading`` adds what the caller will read (related rows), in the same lookup.
    """
    courses = courses_taught_by(user).filter(pk=pk).select_related("owner")
    course = (loading(courses) if loading else courses).first()
    if course is None:
        raise Http404("No such course.")
    return course
