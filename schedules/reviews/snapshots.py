"""A submitted version's snapshot: what submitting freezes (``version_snapshot``), and how
it is read for its blend, the arithmetic and the timeline.

One reading for every page that shows a version (the review page, the print view, the
comparison), so they agree on its hours and its live share.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from courses.models import Course, LearningOutcome
from schedules.charts import Timeline, timeline
from schedules.editor.selectors import blend_facts
from schedules.models import BLOCK_FIELDS, DISPLAY_ORDER, ActivityBlock, FindingDismissal, Schedule
from schedules.rules.blend import BlendSummary, summarise_blend
from schedules.rules.checks import run_checks
from schedules.rules.checks.repeats import learner_blocks
from schedules.rules.choices import Modality

SNAPSHOT_BLOCK_FIELDS = ("id", *BLOCK_FIELDS)


def version_snapshot(course: Course) -> dict[str, Any]:
    """Return what a submitted version freezes: blocks, recommendation, findings, dismissals."""
    schedule = Schedule.objects.get(course=course)
    facts = blend_facts(course)
    dismissed = dict(
        FindingDismissal.objects.filter(schedule=schedule).values_list("key", "reason")
    )
    rows = ActivityBlock.objects.filter(schedule=schedule).order_by(*DISPLAY_ORDER)
    served = {block.id: sorted(block.outcome_ids) for block in facts.blocks}
    blocks = [_block_part(row, served) for row in rows.values(*SNAPSHOT_BLOCK_FIELDS)]
    # The learners' blend: a session offered twice (a repeat for other time zones) once.
    summary = summarise_blend(learner_blocks(facts.blocks), weeks=facts.weeks)
    return {
        "course": _course_part(
            course,
            course.outcomes.order_by("position", "pk").values_list(
                "pk", "text", "bloom_level", "kind"
            ),
        ),
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


def _course_part(course: Course, outcomes: Iterable[tuple[int, str, str, str]]) -> dict[str, Any]:
    """Return the course as a snapshot keeps it; ``outcomes`` as (pk, text, bloom, kind) in
    the course's order (each block lists the ids it serves)."""
    return {
        "title": course.title,
        "code": course.code,
        "weeks": course.weeks,
        "weekly_hours": float(course.weekly_hours),
        "timezone": course.timezone,
        "start_date": course.start_date.isoformat() if course.start_date else None,
        "outcomes": [
            {"id": pk, "text": text, "bloom_level": bloom_level, "kind": kind}
            for pk, text, bloom_level, kind in outcomes
        ],
    }


def _block_part(row: dict[str, Any], served: dict[int, list[int]]) -> dict[str, Any]:
    """Return a block's row (``SNAPSHOT_BLOCK_FIELDS``) as a snapshot keeps it."""
    return {
        **row,
        "start_time": row["start_time"].isoformat() if row["start_time"] else None,
        "outcomes": served.get(row["id"], []),
    }


def current_blends(courses: Sequence[Course]) -> dict[int, dict[str, Any]]:
    """Return each course's course and blocks as a snapshot would keep them now, by schedule
    id: what ``version_snapshot`` freezes of them, in four queries whatever the number of
    courses (no checks and no recommendation, which an edit is not judged on)."""
    schedules = {course.schedule.pk: course for course in courses}
    if not schedules:
        return {}
    outcomes: dict[int, list[tuple[int, str, str, str]]] = {}
    for course_id, pk, text, bloom_level, kind in (
        LearningOutcome.objects.filter(course__in=[c.pk for c in courses])
        .order_by("course_id", "position", "pk")
        .values_list("course_id", "pk", "text", "bloom_level", "kind")
    ):
        outcomes.setdefault(course_id, []).append((pk, text, bloom_level, kind))
    served: dict[int, list[int]] = {}
    for block_id, outcome_id in (
        ActivityBlock.outcomes.through.objects.filter(activityblock__schedule__in=schedules)
        .order_by("activityblock_id", "learningoutcome_id")
        .values_list("activityblock_id", "learningoutcome_id")
    ):
        served.setdefault(block_id, []).append(outcome_id)
    blocks: dict[int, list[dict[str, Any]]] = {pk: [] for pk in schedules}
    for row in (
        ActivityBlock.objects.filter(schedule__in=schedules)
        .order_by(*DISPLAY_ORDER)
        .values("schedule_id", *SNAPSHOT_BLOCK_FIELDS)
    ):
        schedule_id = row.pop("schedule_id")
        blocks[schedule_id].append(_block_part(row, served))
    return {
        pk: {"course": _course_part(course, outcomes.get(course.pk, [])), "blocks": blocks[pk]}
        for pk, course in schedules.items()
    }


@dataclass(frozen=True, slots=True)
class SnapshotBlock:
    """A block as a version froze it (enough for the blend arithmetic)."""

    data: dict[str, Any]

    @property
    def is_live(self) -> bool:
        return bool(self.data["modality"] == Modality.LIVE)

    @property
    def duration_minutes(self) -> int:
        return int(self.data["duration_minutes"])

    @property
    def weeks(self) -> list[int]:
        return list(self.data["weeks"])

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def title(self) -> str:
        return str(self.data["title"])

    @property
    def activity_type(self) -> str:
        return str(self.data["activity_type"])

    @property
    def outcome_ids(self) -> list[int]:
        return list(self.data.get("outcomes", []))


def version_blend(snapshot: dict[str, Any]) -> BlendSummary:
    """Return the blend of a version's blocks over the weeks its course ran then."""
    blocks = [SnapshotBlock(block) for block in snapshot["blocks"]]
    # As the version's live share was counted: a repeated session once.
    return summarise_blend(learner_blocks(blocks), weeks=snapshot["course"]["weeks"])


def version_timeline(snapshot: dict[str, Any], blend: BlendSummary) -> Timeline:
    """Return the timeline of ``blend`` (``version_blend(snapshot)``) against the version's
    weekly target and the share recommended when it was submitted."""
    recommended = snapshot.get("recommended_live_share")
    return timeline(
        blend,
        weekly_hours=Decimal(str(snapshot["course"]["weekly_hours"])),
        recommended_share=None if recommended is None else recommended / 100,
    )
