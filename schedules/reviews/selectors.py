"""The review workflow's reads: who may see a review, the queue, threads and history."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse

from courses.access import courses_taught_by, teaches
from courses.models import Course
from courses.roles import Role, roles_of
from schedules.models import (
    Notification,
    PilotRevision,
    ReviewComment,
    ReviewStatus,
    Schedule,
    ScheduleEvent,
    ScheduleVersion,
)
from schedules.reviews.snapshots import current_blends, version_snapshot
from schedules.rules.weeks import weeks_phrase

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


def latest_approval(schedule: Schedule) -> ScheduleEvent | None:
    """Return ``schedule``'s last approval (with its version), or None while none is."""
    return (
        ScheduleEvent.objects.filter(schedule=schedule, kind=ScheduleEvent.Kind.APPROVED)
        .select_related("version")
        .order_by("-created", "-pk")
        .first()
    )


def approved_version(schedule: Schedule) -> ScheduleVersion | None:
    """Return the version of ``schedule`` approved last, or None while none is."""
    approval = latest_approval(schedule)
    return approval.version if approval else None


@dataclass(frozen=True, slots=True)
class QueueRow:
    schedule: Schedule
    version: ScheduleVersion
    edited_since: bool = False

    @property
    def status_label(self) -> str:
        """Return the status as every page words it ("Approved · edited since")."""
        return status_label(self.schedule.status, edited_since=self.edited_since)

    @property
    def _findings(self) -> Sequence[dict[str, Any]]:
        findings: Sequence[dict[str, Any]] = self.version.snapshot.get("findings", [])
        return findings

    @property
    def problems(self) -> int:
        """Return the problems the instructor left open (not dismissed)."""
        return sum(f["severity"] == "problem" and not f.get("dismissed") for f in self._findings)

    @property
    def warnings(self) -> int:
        """Return the warnings the instructor left open (not dismissed)."""
        return sum(f["severity"] == "warning" and not f.get("dismissed") for f in self._findings)

    @property
    def dismissed(self) -> int:
        """Return the findings the instructor dismissed, with a reason the reviewer reads."""
        return sum(bool(f.get("dismissed")) for f in self._findings)


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
    listed = [schedule for schedule in schedules if schedule.pk in latest]
    now = current_blends([schedule.course for schedule in listed])
    rows = [
        QueueRow(
            schedule,
            latest[schedule.pk],
            not _same_blend(latest[schedule.pk].snapshot, now[schedule.pk]),
        )
        for schedule in listed
    ]
    return sorted(rows, key=lambda row: row.version.submitted_at)


def schedule_history(schedule: Schedule, *, limit: int | None = None) -> list[ScheduleEvent]:
    """Return who did what to ``schedule`` and when, newest first (``limit``: the latest N)."""
    events = ScheduleEvent.objects.filter(schedule=schedule).select_related("actor", "version")
    return list(events[:limit] if limit is not None else events)


def review_path(version: ScheduleVersion, *, thread_pk: int | None = None) -> str:
    """Return the path of ``version``'s review page (at a thread, when given)."""
    path = reverse("schedules:review", args=[version.schedule_id])
    anchor = f"#comment-{thread_pk}" if thread_pk else ""
    return f"{path}?version={version.number}{anchor}"


def _same_blend(submitted: dict[str, Any], now: dict[str, Any]) -> bool:
    """Return whether the course and blocks of ``now`` are those ``submitted`` froze.

    Compared on what the submitted snapshot kept, so a version from before snapshots kept
    outcomes is not taken for an edit; findings and the recommendation are left out (new
    rules change them, not the instructor).
    """
    old_course, new_course = submitted["course"], now["course"]
    if any(new_course.get(key) != value for key, value in old_course.items()):
        return False
    old_blocks = {block["id"]: block for block in submitted["blocks"]}
    new_blocks = {block["id"]: block for block in now["blocks"]}
    if old_blocks.keys() != new_blocks.keys():
        return False
    return all(
        new_blocks[pk].get(key) == value
        for pk, block in old_blocks.items()
        for key, value in block.items()
    )


def status_label(status: str, *, edited_since: bool) -> str:
    """Return a schedule's review status in words, the same on every page: "Approved", or
    "Approved · edited since" once the blend differs from the version last submitted."""
    label = str(ReviewStatus(status).label)
    if edited_since and status != ReviewStatus.DRAFT:
        return f"{label} · edited since"
    return label


def edited_since_among(courses: Sequence[Course]) -> set[int]:
    """Return the ids of the schedules, among ``courses``' (loaded with their schedule), whose
    blend differs from their latest submitted version, in a fixed number of queries."""
    submitted = [
        course
        for course in courses
        if (schedule := getattr(course, "schedule", None)) is not None
        and schedule.status != ReviewStatus.DRAFT
    ]
    if not submitted:
        return set()
    ids = [course.schedule.pk for course in submitted]
    latest = ScheduleVersion.objects.filter(
        schedule__in=ids,
        number=Subquery(
            ScheduleVersion.objects.filter(schedule=OuterRef("schedule"))
            .order_by("-number")
            .values("number")[:1]
        ),
    ).values_list("schedule_id", "snapshot")
    now = current_blends(submitted)
    return {pk for pk, snapshot in latest if not _same_blend(snapshot, now[pk])}


@dataclass(frozen=True, slots=True)
class SubmissionState:
    """Where a schedule stands against the version submitted last, and what submitting now
    would send: the findings still open (problems, warnings) and those dismissed."""

    schedule: Schedule
    latest: ScheduleVersion | None
    edited_since: bool
    problems: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    dismissed: int

    @property
    def waiting_unchanged(self) -> bool:
        """Whether the latest version waits for review and nothing has changed since."""
        return self.schedule.status == ReviewStatus.SUBMITTED and not self.edited_since

    @property
    def can_submit(self) -> bool:
        return not self.waiting_unchanged

    @property
    def label(self) -> str:
        """Return the status in words: "Approved · edited since" (``status_label``)."""
        edited = self.latest is not None and self.edited_since
        return status_label(self.schedule.status, edited_since=edited)


def submission_state(course: Course) -> SubmissionState:
    """Return the course's schedule against its latest version, with the findings a
    submission would carry (one run of the checks)."""
    schedule = Schedule.objects.get(course=course)
    now = version_snapshot(course)
    latest = ScheduleVersion.objects.filter(schedule=schedule).order_by("-number").first()
    findings = now["findings"]
    return SubmissionState(
        schedule=schedule,
        latest=latest,
        edited_since=latest is not None and not _same_blend(latest.snapshot, now),
        problems=[f for f in findings if f["severity"] == "problem" and not f["dismissed"]],
        warnings=[f for f in findings if f["severity"] == "warning" and not f["dismissed"]],
        dismissed=sum(bool(f["dismissed"]) for f in findings),
    )


@dataclass(frozen=True, slots=True)
class Decision:
    """The LMS team's latest decision on a schedule: who, when, and what they said."""

    event: ScheduleEvent
    comment: str

    @property
    def approved(self) -> bool:
        return self.event.kind == ScheduleEvent.Kind.APPROVED


def latest_decision(
    schedule: Schedule, *, version: ScheduleVersion | None = None
) -> Decision | None:
    """Return the latest decision on ``schedule`` (on ``version``, when given), or None.

    Decisions made before events kept their comment find it as the reviewer's comment on
    that version written last before the decision.
    """
    decisions = ScheduleEvent.objects.filter(
        schedule=schedule,
        kind__in=[ScheduleEvent.Kind.APPROVED, ScheduleEvent.Kind.CHANGES_REQUESTED],
    )
    if version is not None:
        decisions = decisions.filter(version=version)
    event = decisions.select_related("actor", "comment", "version").first()
    if event is None:
        return None
    comment = event.comment
    if comment is None and event.actor_id is not None:
        comment = (
            ReviewComment.objects.filter(
                version=event.version_id,
                author=event.actor_id,
                parent=None,
                created__lte=event.created,
            )
            .order_by("-created", "-pk")
            .first()
        )
    return Decision(event, comment.body if comment else "")


def notifications_of(user: User) -> QuerySet[Notification]:
    """Return ``user``'s notifications, newest first, with what the list shows of each."""
    return Notification.objects.filter(recipient=user).select_related("version", "schedule__course")


def unlinked_pilot_revisions(schedule: Schedule) -> list[PilotRevision]:
    """Return the edits made from the schedule's pilot evidence that still stand (not undone)
    and no submitted version links yet, oldest first: what the next version can say it
    answers."""
    return list(
        PilotRevision.objects.filter(
            pilot__schedule=schedule, version__isnull=True, undone__isnull=True
        )
        .select_related("pilot")
        .order_by("applied", "pk")
    )


def pilot_evidence_snapshot(revisions: Sequence[PilotRevision]) -> dict[str, Any]:
    """Return the pilot evidence ``revisions`` answered, as a version keeps it: the findings
    with their figures as they read, and each edit before → after. A copy, not a link, since
    an instructor can delete the pilot's data (issue #16)."""
    if not revisions:
        return {}
    pilot = revisions[0].pilot
    return {
        "weeks": weeks_phrase(tuple(pilot.weeks)),
        "answered": [
            {
                "finding": revision.finding_message,
                "block": revision.block_title,
                "summary": revision.summary,
                "changes": [
                    [label, before, revision.after.get(label, "")]
                    for label, before in revision.before.items()
                ],
            }
            for revision in revisions
        ],
    }
