"""A submitted version's snapshot, read for its blend: the arithmetic and the timeline.

One reading for every page that shows a version (the review page, the print view, the
comparison), so they agree on its hours and its live share.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from schedules.charts import Timeline, timeline
from schedules.rules.blend import BlendSummary, summarise_blend
from schedules.rules.choices import Modality


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


def version_blend(snapshot: dict[str, Any]) -> BlendSummary:
    """Return the blend of a version's blocks over the weeks its course ran then."""
    blocks = (SnapshotBlock(block) for block in snapshot["blocks"])
    return summarise_blend(blocks, weeks=snapshot["course"]["weeks"])


def version_timeline(snapshot: dict[str, Any], blend: BlendSummary) -> Timeline:
    """Return the timeline of ``blend`` (``version_blend(snapshot)``) against the version's
    weekly target and the share recommended when it was submitted."""
    recommended = snapshot.get("recommended_live_share")
    return timeline(
        blend,
        weekly_hours=Decimal(str(snapshot["course"]["weekly_hours"])),
        recommended_share=None if recommended is None else recommended / 100,
    )
