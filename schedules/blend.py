"""Arithmetic of a blend: live and self-paced minutes per week and the live share.

Plain Python over plain values so that pages, checks and benchmarks share one definition
of "live share" (live minutes over all minutes, across the weeks the course runs).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol


class BlockLike(Protocol):
    """What the blend arithmetic needs of an activity block."""

    @property
    def is_live(self) -> bool: ...

    duration_minutes: int

    def runs_in_week(self, week: int) -> bool: ...


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """Minutes of live and self-paced work in one week (1-based)."""

    week: int
    live_minutes: int
    self_paced_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.live_minutes + self.self_paced_minutes


@dataclass(frozen=True, slots=True)
class BlendSummary:
    """A whole course's blend: its weeks and totals."""

    weeks: Sequence[WeekLoad]

    @property
    def live_minutes(self) -> int:
        return sum(week.live_minutes for week in self.weeks)

    @property
    def total_minutes(self) -> int:
        return sum(week.total_minutes for week in self.weeks)

    @property
    def live_share(self) -> float | None:
        """Return live minutes over all minutes (0–1), or None for an empty blend."""
        total = self.total_minutes
        return self.live_minutes / total if total else None

    @property
    def live_percent(self) -> int | None:
        """Return the live share as a whole percentage, or None for an empty blend."""
        share = self.live_share
        return None if share is None else round(share * 100)


def summarise_blend(blocks: Iterable[BlockLike], *, weeks: int) -> BlendSummary:
    """Return the per-week live and self-paced load of ``blocks`` over a ``weeks``-week course."""
    blocks = list(blocks)
    loads = []
    for week in range(1, weeks + 1):
        live = self_paced = 0
        for block in blocks:
            if not block.runs_in_week(week):
                continue
            if block.is_live:
                live += block.duration_minutes
            else:
                self_paced += block.duration_minutes
        loads.append(WeekLoad(week=week, live_minutes=live, self_paced_minutes=self_paced))
    return BlendSummary(weeks=tuple(loads))
