"""Suggested edits from the pilot's evidence: each evidence finding about a block carries a
concrete change to that block, worked out here in plain Python (no request, no query), which
the instructor sees (before → after) and applies through the editor's services (issue #16:
"Each suggestion applies as a draft edit the instructor reviews").

* A live session with low attendance while learners are most active elsewhere moves to the
  busiest hour no live block covers (seed 000: the "peak engagement windows").
* Self-paced work most learners finished after its due day gets a due day two days later,
  Sunday at the latest (seed 001: engagement, pace and performance). Two days is our own
  step, not a seed's: enough to show in the next weeks' completion, small enough to keep
  the week's rhythm.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from schedules.models import ActivityBlock
from schedules.rules.checks import Finding
from schedules.rules.choices import Modality, Weekday

LATER_BY_DAYS = 2
SUNDAY = 6


@dataclass(frozen=True, slots=True)
class Change:
    """One field of a block that a suggestion changes, in words and as the value to save."""

    field: str
    label: str
    before: str
    after: str
    value: Any


@dataclass(frozen=True, slots=True)
class SuggestedEdit:
    finding_key: str
    finding_message: str
    block_id: int
    block_title: str
    summary: str
    changes: tuple[Change, ...]

    def fields(self) -> dict[str, Any]:
        """Return the block fields to save, for ``block_update``."""
        return {change.field: change.value for change in self.changes}

    def before(self) -> dict[str, str]:
        return {change.label: change.before for change in self.changes}

    def after(self) -> dict[str, str]:
        return {change.label: change.after for change in self.changes}


def _day(day: int | None) -> str:
    return Weekday(day).label if day is not None else "none"


def _clock(at: time | None) -> str:
    return f"{at:%H:%M}" if at is not None else "none"


def move_live(
    finding: Finding, block: ActivityBlock, peak: tuple[int, int] | None
) -> SuggestedEdit | None:
    """Move a live block to ``peak`` (weekday, hour), keeping its length; None when there is
    no peak away from the live blocks or the block is already there."""
    if peak is None or block.modality != Modality.LIVE:
        return None
    day, hour = peak
    start = time(hour)
    if block.day == day and block.start_time == start:
        return None
    changes = []
    if block.day != day:
        changes.append(Change("day", "Day", _day(block.day), _day(day), day))
    if block.start_time != start:
        changes.append(
            Change("start_time", "Start", _clock(block.start_time), _clock(start), start)
        )
    return SuggestedEdit(
        finding.key,
        finding.message,
        block.pk,
        block.title,
        f"Move to {_day(day)} {_clock(start)}, the busiest hour away from the live sessions",
        tuple(changes),
    )


def later_due_day(finding: Finding, block: ActivityBlock) -> SuggestedEdit | None:
    """Give self-paced work a due day ``LATER_BY_DAYS`` later, Sunday at the latest; None when
    it is already due on Sunday."""
    if block.modality == Modality.LIVE:
        return None
    due = block.due_day if block.due_day is not None else block.day
    later = min(due + LATER_BY_DAYS, SUNDAY)
    if later == due:
        return None
    return SuggestedEdit(
        finding.key,
        finding.message,
        block.pk,
        block.title,
        f"Make it due on {_day(later)} instead of {_day(due)}",
        (Change("due_day", "Due day", _day(due), _day(later), later),),
    )


def suggested_edits(
    findings: Sequence[Finding],
    blocks: dict[int, ActivityBlock],
    peak_away: tuple[int, int] | None,
) -> dict[int, SuggestedEdit]:
    """Return the suggested edit of each evidence finding that has one, by block id."""
    edits: dict[int, SuggestedEdit] = {}
    for finding in findings:
        block = blocks.get(finding.block_id) if finding.block_id is not None else None
        if block is None:
            continue
        edit = None
        if finding.check == "pilot-low-attendance":
            edit = move_live(finding, block, peak_away)
        elif finding.check == "pilot-late-self-paced":
            edit = later_due_day(finding, block)
        if edit is not None:
            edits.setdefault(block.pk, edit)
    return edits
