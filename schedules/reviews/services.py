"""The review workflow's writes: submit, comment, decide.

Draft → submitted → changes requested → submitted … → approved. Submitting freezes a
numbered, immutable version (blocks, recommendation, rules version, findings and
dismissals at that moment); the instructor keeps editing the schedule without changing
what was submitted. Reviewers decide on the latest submitted version only.
"""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from courses.access import teaches
from courses.models import Course
from schedules.editor.selectors import blend_facts
from schedules.models import (
    BLOCK_FIELDS,
    DISPLAY_ORDER,
    ActivityBlock,
    FindingDismissal,
    ReviewComment,
    ReviewStatus,
    Schedule,
    ScheduleEvent,
    ScheduleVersion,
)
from schedules.reviews.notifications import notify_decided, notify_replied, notify_submitted
from schedules.reviews.selectors import OWN_WORK
from schedules.rules.blend import summarise_blend
from schedules.rules.checks import run_checks

SNAPSHOT_BLOCK_FIELDS = ("id", *BLOCK_FIELDS)


class ReviewRefusedError(Exception):
    """A review action that does not apply to the schedule as it stands."""


def version_snapshot(course: Course) -> dict[str, Any]:
    """Return what a submitted version freezes: blocks, recommendation, findings, dismissals."""
    schedule = Schedule.objects.get(course=course)
    facts = blend_facts(course)
    dismissed = dict(
        FindingDismissal.objects.filter(schedule=schedule).values_list("key", "reason")
    )
    rows = ActivityBlock.objects.filter(schedule=schedule).order_by(*DISPLAY_ORDER)
    served = {block.id: sorted(block.outcome_ids) for block in facts.blocks}
    blocks: list[dict[str, Any]] = [
        {
            **row,
            "start_time": row["start_time"].isoformat() if row["start_time"] else None,
            "outcomes": served.get(row["id"], []),
        }
        for row in rows.values(*SNAPSHOT_BLOCK_FIELDS)
    ]
    summary = summarise_blend(facts.blocks, weeks=facts.weeks)
    return {
        "course": {
            "title": course.title,
            "code": course.code,
            "weeks": course.weeks,
            "weekly_hours": float(course.weekly_hours),
            "timezone": course.timezone,
            "start_date": course.start_date.isoformat() if course.start_date else None,
            # The outcomes in the course's order; each block lists the ids it serves.
            "outcomes": [
                {"id": pk, "text": text, "bloom_level": bloom_level, "kind": kind}
                for pk, text, bloom_level, kind in course.outcomes.order_by(
                    "position", "pk"
                ).values_list("pk", "text", "bloom_level", "kind")
            ],
        },
        "blocks": blocks,
        "live_percent": summary.live_percent,
        "recommended_live_share": schedule.recommended_live_share,
        "recommendation": schedule.recommendation,
        "rules_version": schedule.rules_version,
        "findings": [
            {**finding.to_dict(), "dismissed": dismissed.get(finding.key)}
            for finding in run_checks(facts)
        ],
    }


@transaction.atomic
def schedule_submit(*, course: Course, by: User) -> ScheduleVersion:
    """Freeze the schedule as its next version and put it in the reviewers' queue.

    Submitting again with nothing changed while it waits for review returns the same
    version: a double click makes one version.
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
    version = ScheduleVersion.objects.create(
        schedule=schedule,
        number=(latest.number if latest else 0) + 1,
        snapshot=snapshot,
        submitted_by=by,
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
    if comment:
        ReviewComment.objects.create(version=version, author=by, body=comment)
    schedule.status = ReviewStatus.APPROVED if approve else ReviewStatus.CHANGES_REQUESTED
    schedule.save(update_fields=["status", "updated"])
    ScheduleEvent.objects.create(
        schedule=schedule,
        version=version,
        kind=ScheduleEvent.Kind.APPROVED if approve else ScheduleEvent.Kind.CHANGES_REQUESTED,
        actor=by,
    )
    notify_decided(version, approved=approve, by=by, comment=comment)
