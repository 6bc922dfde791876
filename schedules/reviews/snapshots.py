"""A submitted version's snapshot: what submitting freezes (``version_snapshot``), and how
it is read for its blend, the arithmetic and the timeline.

One reading for every page that shows a version (the review page, the print view, the
comparison), so they agree on its hours and its live share.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from courses.models import Course
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
    blocks: list[dict[str, Any]] = [
        {
            **row,
            "start_time": row["start_time"].isoformat() if row["start_time"] else None,
            "outcomes": served.get(row["id"], []),
        }
        for row in rows.values(*SNAPSHOT_BLOCK_FIELDS)
    ]
    # The learners' blend: a session offered twice (a repeat for other time zones) once.
    summary = summarise_blend(learner_blocks(facts.blocks), weeks=facts.weeks)
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
