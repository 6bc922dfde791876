"""Which schedules a user may see, with their latest version: the API's list of schedules.

The same rule as one schedule's review page (``reviews.get_review_for_user``): the course's
instructors see it whatever its status, reviewers see it once it is submitted, returned or
approved, superusers see everything.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import OuterRef, Q, QuerySet, Subquery

from courses.access import courses_taught_by
from courses.roles import Role, roles_of
from schedules.models import Schedule, ScheduleVersion
from schedules.reviews.selectors import REVIEWABLE


def schedules_visible_to(user: User | AnonymousUser) -> QuerySet[Schedule]:
    """Return the schedules ``user`` may read: those of courses they teach and, for
    reviewers, every one that has been submitted."""
    if not user.is_authenticated:
        return Schedule.objects.none()
    visible = Q(course__in=courses_taught_by(user))
    if Role.REVIEWER in roles_of(user):
        visible |= Q(status__in=REVIEWABLE)
    return Schedule.objects.filter(visible)


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """A schedule with its latest submitted version (None while it is a draft never sent)."""

    schedule: Schedule
    latest: ScheduleVersion | None

    @property
    def problems(self) -> int | None:
        """Return the latest version's problems not dismissed (None without a version)."""
        if self.latest is None:
            return None
        findings: Sequence[dict[str, Any]] = self.latest.snapshot.get("findings", [])
        return int(sum(f["severity"] == "problem" and not f.get("dismissed") for f in findings))


def schedule_rows(
    user: User | AnonymousUser, *, status: str | None = None, discipline: str | None = None
) -> list[ScheduleRow]:
    """Return the schedules ``user`` may read, by course title, filtered by review status
    and discipline, each with its latest version, in a fixed number of queries."""
    schedules = schedules_visible_to(user).select_related("course__owner")
    if status:
        schedules = schedules.filter(status=status)
    if discipline:
        schedules = schedules.filter(course__discipline=discipline)
    found = list(schedules.order_by("course__title", "pk"))
    # Only each schedule's newest version: earlier ones, with their snapshots, stay unread.
    newest = ScheduleVersion.objects.filter(schedule=OuterRef("schedule")).order_by("-number")
    versions = ScheduleVersion.objects.filter(
        schedule__in=schedules.values("pk"), number=Subquery(newest.values("number")[:1])
    )
    latest = {version.schedule_id: version for version in versions}
    return [ScheduleRow(schedule, latest.get(schedule.pk)) for schedule in found]
