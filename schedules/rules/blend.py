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

    @property
    def duration_minutes(self) -> int: ...

    @property
    def weeks(self) -> Sequence[int]: ...  # empty: every week


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
    """Return the per-week live and self-paced load of ``blocks`` over a ``weeks``-week course.

    Each block is visited once: a block that runs every week adds to a shared total, one in
    chosen weeks adds to those weeks only (the editor recomputes this after every edit).
    """
    every_live = every_self_paced = 0
    live = [0] * (weeks + 1)
    self_paced = [0] * (weeks + 1)
    for block in blocks:
        chosen = block.weeks
        if not chosen:
            if block.is_live:
                every_live += block.duration_minutes
            else:
                every_self_paced += block.duration_minutes
            continue
        loads = live if block.is_live else self_paced
        for week in chosen:
            if 1 <= week <= weeks:
                loads[week] += block.duration_minutes
    return BlendSummary(
        weeks=tuple(
            WeekLoad(
                week=week,
                live_minutes=every_live + live[week],
                self_paced_minutes=every_self_paced + self_paced[week],
            )
            for week in range(1, weeks + 1)
        )
    )
