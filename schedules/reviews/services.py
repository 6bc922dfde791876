"""The review workflow's writes: submit, comment, decide.

Draft → submitted → changes requested → submitted … → approved. Submitting freezes a
numbered, immutable version (blocks, recommendation, rules version, findings and
dismissals at that moment); the instructor keeps editing the schedule without changing
what was submitted. Reviewers decide on the latest submitted version only.
"""

from collections.abc import Sequence

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from courses.access import teaches
from courses.models import Course
from schedules.models import (
    PilotRevision,
    ReviewComment,
    ReviewStatus,
    Schedule,
    ScheduleEvent,
    ScheduleVersion,
)
from schedules.reviews.notifications import notify_decided, notify_replied, notify_submitted
from schedules.reviews.selectors import (
    OWN_WORK,
    pilot_evidence_snapshot,
    unlinked_pilot_revisions,
)
from schedules.reviews.snapshots import version_snapshot


class ReviewRefusedError(Exception):
    """A review action that does not apply to the schedule as it stands."""


@transaction.atomic
def schedule_submit(
    *, course: Course, by: User, note: str = "", link_evidence: bool = False
) -> ScheduleVersion:
    """Freeze the schedule as its next version and put it in the reviewers' queue, with the
    instructor's ``note`` to the reviewers (optional). With ``link_evidence``, the version
    keeps a copy of the pilot evidence that the edits made from it since the last version
    answered, and those edits point to it.

    Submitting again with nothing changed while it waits for review returns the same
    version (and keeps its note): a double click makes one version.
    """
    schedule = Schedule.objects.select_for_update().get(course=course)
    if not schedule.blocks.exists():
        raise ReviewRefusedError("Add some activity blocks before submitting the schedule.")
    snapshot = version_snapshot(course)
    latest = ScheduleVersion.objects.filter(schedule=schedule).order_by("-number").first()
    if (
        latest is not None
        and schedule.status == ReviewStatus.SUBMITTED
        and latest.snapshot == snapshot
    ):
        return latest
    note = note.strip()
    version = ScheduleVersion(
        schedule=schedule,
        number=(latest.number if latest else 0) + 1,
        snapshot=snapshot,
        submitted_by=by,
        note=note,
    )
    if note:
        try:
            version.clean_fields(exclude=["schedule", "snapshot", "submitted_by"])
        except ValidationError as refused:
            raise ValidationError({"note": refused.message_dict["note"]}) from None
    revisions = unlinked_pilot_revisions(schedule) if link_evidence else []
    version.pilot_evidence = pilot_evidence_snapshot(revisions)
    version.save()
    PilotRevision.objects.filter(pk__in=[revision.pk for revision in revisions]).update(
        version=version
    )
    schedule.status = ReviewStatus.SUBMITTED
    schedule.save(update_fields=["status", "updated"])
    ScheduleEvent.objects.create(
        schedule=schedule, version=version, kind=ScheduleEvent.Kind.SUBMITTED, actor=by
    )
    notify_submitted(version)
    return version


def _latest_submitted(schedule: Schedule, version: ScheduleVersion) -> None:
    """Refuse unless ``version`` is the latest one and it waits for a decision."""
    _latest_version(schedule, version, open_statuses=(ReviewStatus.SUBMITTED,))


def _latest_version(
    schedule: Schedule, version: ScheduleVersion, *, open_statuses: Sequence[str]
) -> None:
    latest = ScheduleVersion.objects.filter(schedule=schedule).order_by("-number").first()
    if latest is not None and latest.pk != version.pk:
        raise ReviewRefusedError(
            f"Version {version.number} is not the latest version; version {latest.number} is."
        )
    if schedule.status not in open_statuses:
        raise ReviewRefusedError(
            f"Version {version.number} is {schedule.get_status_display().lower()}; "
            "its review is closed."
        )


def _check_text(body: str, *, field: str = "body") -> None:
    """Refuse a comment's text that its model would refuse (too long, control characters)."""
    try:
        ReviewComment(body=body).clean_fields(
            exclude=["version", "parent", "block_id", "author", "created"]
        )
    except ValidationError as refused:
        raise ValidationError({field: refused.message_dict["body"]}) from None


# The discussion stays open while the instructor works on requested changes, so they can
# answer the reviewer's comments before resubmitting.
DISCUSSION_OPEN = (ReviewStatus.SUBMITTED, ReviewStatus.CHANGES_REQUESTED)


@transaction.atomic
def review_comment(
    *,
    version: ScheduleVersion,
    by: User,
    body: str,
    block_id: int | None = None,
    reply_to: ReviewComment | None = None,
) -> ReviewComment:
    """Comment on the latest version, on the whole schedule or one block, or reply to a thread.

    A reply joins the thread of the comment it answers (threads are one level deep) and is
    about what that thread is about. The others in the thread are told by e-mail.
    """
    schedule = Schedule.objects.select_for_update().get(pk=version.schedule_id)
    _latest_version(schedule, version, open_statuses=DISCUSSION_OPEN)
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write a comment first."})
    _check_text(body)
    root = None
    if reply_to is not None:
        if reply_to.version_id != version.pk:
            raise ValidationError({"parent": "That comment is not part of this version."})
        root = reply_to.parent or reply_to
        block_id = root.block_id
    elif block_id is not None and block_id not in {b["id"] for b in version.snapshot["blocks"]}:
        raise ValidationError({"block": "That block is not part of this version."})
    comment = ReviewComment.objects.create(
        version=version, block_id=block_id, author=by, body=body, parent=root
    )
    ScheduleEvent.objects.create(
        schedule=schedule, version=version, kind=ScheduleEvent.Kind.COMMENTED, actor=by
    )
    if root is not None:
        notify_replied(comment, thread=root)
    return comment


@transaction.atomic
def review_decide(*, version: ScheduleVersion, by: User, approve: bool, comment: str) -> None:
    """Approve the latest submitted version, or request changes (which needs a comment).

    Raises ReviewRefusedError when ``by`` owns or co-teaches the course: nobody decides on
    their own work (separation of duties, ASVS 2.3.5), whatever their roles.
    """
    schedule = (
        Schedule.objects.select_for_update().select_related("course").get(pk=version.schedule_id)
    )
    if teaches(by, schedule.course):
        raise ReviewRefusedError(OWN_WORK)
    _latest_submitted(schedule, version)
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError({"comment": "Say what should change: a comment is required."})
    if comment:
        _check_text(comment, field="comment")
    remark = (
        ReviewComment.objects.create(version=version, author=by, body=comment) if comment else None
    )
    schedule.status = ReviewStatus.APPROVED if approve else ReviewStatus.CHANGES_REQUESTED
    schedule.save(update_fields=["status", "updated"])
    ScheduleEvent.objects.create(
        schedule=schedule,
        version=version,
        kind=ScheduleEvent.Kind.APPROVED if approve else ScheduleEvent.Kind.CHANGES_REQUESTED,
        actor=by,
        comment=remark,
    )
    notify_decided(version, approved=approve, by=by, comment=comment)
