"""A sample week fitted to a recommended live share: the week keeps its blocks, days and total
hours, and its live and self-paced blocks get longer or shorter in proportion until the week
is as near the share as 5-minute steps allow.

Seed 000 publishes its weeks at 50%, 33% and 17% live, while a course's recommendation can
be anywhere ("Use this matrix as a starting point, then iterate"); a newcomer who starts
from the nearest week and fits it lands inside the tolerance at once. The seed's own week
stays the default: fitting is offered, never imposed.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from schedules.rules.sample_weeks import BlockTemplate

STEP = 5  # minutes: the steps sample weeks are scaled in
SHORTEST = 15  # minutes: no block is fitted below a quarter of an hour


@dataclass(frozen=True, slots=True)
class FitChange:
    """One block whose length fitting changed."""

    title: str
    before: int
    after: int

    @property
    def sentence(self) -> str:
        return f"“{self.title}” {self.before} → {self.after} min"


def _share_out(blocks: list[BlockTemplate], minutes: int) -> list[int]:
    """Return ``minutes`` shared among ``blocks`` in proportion to their lengths, in 5-minute
    steps, none below the shortest (largest remainders get the odd steps)."""
    steps = minutes // STEP
    weights = [block.minutes for block in blocks]
    whole = sum(weights)
    exact = [steps * weight / whole for weight in weights]
    shares = [max(SHORTEST // STEP, int(value)) for value in exact]
    order = sorted(range(len(blocks)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    spare = steps - sum(shares)
    for index in order * 2:
        if spare <= 0:
            break
        shares[index] += 1
        spare -= 1
    for index in sorted(range(len(blocks)), key=lambda i: -shares[i]):
        while spare < 0 and shares[index] > SHORTEST // STEP:
            shares[index] -= 1
            spare += 1
    return [share * STEP for share in shares]


def fit_to_share(
    blocks: Sequence[BlockTemplate], share: float
) -> tuple[list[BlockTemplate], list[FitChange]]:
    """Return ``blocks`` with their lengths fitted to a ``share`` (0-1) of live time, the
    total kept, and what changed. A week with no live or no self-paced block is returned as
    it is: lengths alone cannot move its share."""
    live = [block for block in blocks if block.start_time is not None]
    self_paced = [block for block in blocks if block.start_time is None]
    if not live or not self_paced:
        return list(blocks), []
    total = sum(block.minutes for block in blocks)
    target = round(total * share / STEP) * STEP
    target = max(SHORTEST * len(live), min(target, total - SHORTEST * len(self_paced)))
    fitted = dict(
        zip(
            [id(block) for block in live + self_paced],
            _share_out(live, target) + _share_out(self_paced, total - target),
            strict=True,
        )
    )
    result = [replace(block, minutes=fitted[id(block)]) for block in blocks]
    changes = [
        FitChange(block.title, block.minutes, new.minutes)
        for block, new in zip(blocks, result, strict=True)
        if new.minutes != block.minutes
    ]
    return result, changes
