"""The review workflow's reads: who may see a review, the queue, threads and history."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404

from courses.access import courses_taught_by, teaches
from courses.models import Course
from courses.roles import Role, roles_of
from schedules.models import ReviewComment, ReviewStatus, Schedule, ScheduleEvent, ScheduleVersion

# The statuses in which reviewers see a schedule (a draft is the instructor's alone).
REVIEWABLE = (ReviewStatus.SUBMITTED, ReviewStatus.CHANGES_REQUESTED, ReviewStatus.APPROVED)


@dataclass(frozen=True, slots=True)
class CommentThread:
    """A comment and its replies, oldest first, with whose side each author is on."""

    comment: ReviewComment
    replies: list[ReviewComment]
    teacher_ids: frozenset[int]

    def side_of(self, comment: ReviewComment) -> str:
        return "Instructor" if comment.author_id in self.teacher_ids else "LMS team"

    @property
    def entries(self) -> list[tuple[ReviewComment, str]]:
        return [(c, self.side_of(c)) for c in [self.comment, *self.replies]]


def comment_threads(version: ScheduleVersion, *, course: Course) -> list[CommentThread]:
    """Return a version's comment threads in the order they were started (two queries)."""
    teacher_ids = frozenset([course.owner_id, *course.co_instructors.values_list("pk", flat=True)])
    comments = ReviewComment.objects.filter(version=version).select_related("author")
    threads: dict[int, CommentThread] = {}
    for comment in comments.order_by("created", "pk"):
        if comment.parent_id is None:
            threads[comment.pk] = CommentThread(comment, [], teacher_ids)
        elif comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
    return list(threads.values())


# Separation of duties (ASVS 2.3.5): nobody judges a schedule they wrote.
OWN_WORK = "You teach this course, so another reviewer decides on it."


@dataclass(frozen=True, slots=True)
class ReviewAccess:
    schedule: Schedule
    can_decide: bool
    # Why a reviewer may not decide here ("" when they may, or are not a reviewer).
    why_not_decide: str = ""


def get_review_for_user(user: User | AnonymousUser, schedule_pk: int) -> ReviewAccess:
    """Return a schedule's review for ``user``: reviewers may decide, its teachers may read.

    A reviewer (or superuser) who owns or co-teaches the course reads it as a teacher: they
    may not decide on their own work. Raises Http404 for anyone else, and for reviewers
    while the schedule is a draft.
    """
    schedule = Schedule.objects.select_related("course__owner").filter(pk=schedule_pk).first()
    if schedule is None or not user.is_authenticated:
        raise Http404("No such schedule, or not one you may see.")
    reviewer = Role.REVIEWER in roles_of(user)
    if reviewer and schedule.status in REVIEWABLE:
        if teaches(user, schedule.course):
            return ReviewAccess(schedule, can_decide=False, why_not_decide=OWN_WORK)
        return ReviewAccess(schedule, can_decide=True)
    if courses_taught_by(user).filter(pk=schedule.course_id).exists():
        return ReviewAccess(schedule, can_decide=False)
    raise Http404("No such schedule, or not one you may see.")


def approved_version(schedule: Schedule) -> ScheduleVersion | None:
    """Return the version of ``schedule`` approved last, or None while none is."""
    approval = (
        ScheduleEvent.objects.filter(schedule=schedule, kind=ScheduleEvent.Kind.APPROVED)
        .select_related("version")
        .order_by("-created", "-pk")
        .first()
    )
    return approval.version if approval else None


@dataclass(frozen=True, slots=True)
class QueueRow:
    schedule: Schedule
    version: ScheduleVersion

    @property
    def problems(self) -> int:
        findings: Sequence[dict[str, Any]] = self.version.snapshot.get("findings", [])
        return sum(f["severity"] == "problem" and not f.get("dismissed") for f in findings)


def review_queue(*, status: str = "", discipline: str = "") -> list[QueueRow]:
    """Return the schedules reviewers can see, with their latest version, oldest first."""
    schedules = Schedule.objects.filter(status__in=REVIEWABLE).select_related("course__owner")
    if status in REVIEWABLE:
        schedules = schedules.filter(status=status)
    else:
        schedules = schedules.filter(status=ReviewStatus.SUBMITTED)
    if discipline:
        schedules = schedules.filter(course__discipline=discipline)
    latest: dict[int, ScheduleVersion] = {}
    for version in ScheduleVersion.objects.filter(schedule__in=schedules).order_by("number"):
        latest[version.schedule_id] = version
    rows = [QueueRow(s, latest[s.pk]) for s in schedules if s.pk in latest]
    return sorted(rows, key=lambda row: row.version.submitted_at)


def schedule_history(schedule: Schedule, *, limit: int | None = None) -> list[ScheduleEvent]:
    """Return who did what to ``schedule`` and when, newest first (``limit``: the latest N)."""
    events = ScheduleEvent.objects.filter(schedule=schedule).select_related("actor", "version")
    return list(events[:limit] if limit is not None else events)
