"""Checks of load: each week's hours against the course's weekly load, live teaching against
the instructor's capacity, and the live share against the recommendation (seeds 000, 003).

Learners attend one offering of a repeated session, so their hours and the live share count
it once; the instructor teaches every offering, so capacity counts them all. Every message
gives the hours and the direction, and the fix names the blocks to change.
"""

from collections import defaultdict

from schedules.rules.blend import summarise_blend
from schedules.rules.checks.activities import presents
from schedules.rules.checks.facts import BlendFacts, BlockFacts
from schedules.rules.checks.findings import Finding, Severity
from schedules.rules.checks.repeats import learner_blocks
from schedules.rules.checks.wording import blocks_named, finding, hours
from schedules.rules.weeks import weeks_phrase


def _runs(block: BlockFacts, weeks: list[int] | set[int]) -> bool:
    """Whether ``block`` runs in any of ``weeks`` (a block with no weeks runs in every one)."""
    if not block.weeks:
        return bool(weeks)
    return not (weeks if isinstance(weeks, set) else set(weeks)).isdisjoint(block.weeks)


def _to_change(blocks: list[BlockFacts], weeks: list[int]) -> list[BlockFacts]:
    """Return the blocks to look at first in ``weeks``: those that run only in some weeks
    (they are what makes these weeks differ), or else the two longest."""
    wanted = set(weeks)  # once, not once per block
    running = [block for block in blocks if _runs(block, wanted)]
    chosen = [block for block in running if block.weeks]
    return chosen or sorted(running, key=lambda b: -b.duration_minutes)[:2]


def _hours_words(
    facts: BlendFacts, blocks: list[BlockFacts], minutes: int, weeks: list[int]
) -> tuple[str, str]:
    """Return what is wrong with ``weeks`` of ``minutes`` each, and how to fix it."""
    target = facts.weekly_hours * 60
    gap = minutes - target
    direction = "more" if gap > 0 else "less"
    verb = "has" if len(weeks) == 1 else "each have"
    candidates = _to_change(blocks, weeks)
    if gap > 0:
        fix = (
            f"Trim {hours(gap)} in {weeks_phrase(weeks)}: shorten, move or drop "
            f"{blocks_named(candidates)}; or change the course's weekly hours."
        )
    else:
        longest = [b for b in candidates if not b.is_live] or candidates
        fix = (
            f"Add about {hours(-gap)} in {weeks_phrase(weeks)}: a self-paced activity, or "
            + (f"lengthen {blocks_named(longest, 2)}; " if longest else "")
            + "or change the course's weekly hours."
        )
    message = (
        f"{weeks_phrase(weeks).capitalize()} {verb} {hours(minutes)} of work, "
        f"{hours(abs(gap))} {direction} than the weekly load of {facts.weekly_hours:g} hours "
        f"(a week is on target within {facts.thresholds.weekly_hours_tolerance:.0%})."
    )
    return message, fix


def weekly_hours_off_target(facts: BlendFacts) -> list[Finding]:
    """Weeks whose learners' hours are off the weekly load, and weeks whose live teaching is
    beyond the instructor's capacity (seed 003)."""
    blocks = learner_blocks(facts.blocks)
    summary = summarise_blend(blocks, weeks=facts.weeks)
    tolerance = facts.thresholds.weekly_hours_tolerance
    target = facts.weekly_hours * 60
    found = []
    off: dict[int, list[int]] = defaultdict(list)
    for week in summary.weeks:
        if abs(week.total_minutes - target) > target * tolerance:
            off[week.total_minutes].append(week.week)
    if off and summary.total_minutes:
        weeks = sorted(w for group in off.values() for w in group)
        parts = [_hours_words(facts, blocks, minutes, group) for minutes, group in off.items()]
        found.append(
            finding(
                "weekly-hours-off-target",
                Severity.WARNING,
                None,
                " ".join(message for message, _ in parts),
                " ".join(fix for _, fix in parts),
                "seed 003",
                weeks=weeks,
            )
        )
    found.extend(_beyond_capacity(facts))
    return found


def _beyond_capacity(facts: BlendFacts) -> list[Finding]:
    capacity = facts.live_hours_available * 60
    teaching = summarise_blend(facts.blocks, weeks=facts.weeks)
    over: dict[int, list[int]] = defaultdict(list)
    for week in teaching.weeks:
        if week.live_minutes > capacity:
            over[week.live_minutes].append(week.week)
    if not over:
        return []
    weeks = sorted(w for group in over.values() for w in group)
    most = max(over)
    live = [block for block in facts.blocks if block.is_live and _runs(block, weeks)]
    return [
        finding(
            "live-beyond-capacity",
            Severity.PROBLEM,
            None,
            f"Live teaching in {weeks_phrase(weeks)} comes to up to {hours(most)} a week, "
            f"{hours(most - capacity)} beyond the {hours(capacity)} you can teach live "
            "(each offering of a repeated session counts).",
            f"Move {hours(most - capacity)} of live work to self-paced activities (from "
            f"{blocks_named(sorted(live, key=lambda b: -b.duration_minutes))}), or add a "
            "co-facilitator who teaches some of it.",
            "seed 003",
            weeks=weeks,
        )
    ]


def _minutes_over_course(block: BlockFacts, weeks: int) -> int:
    runs = len({week for week in block.weeks if 1 <= week <= weeks}) if block.weeks else weeks
    return block.duration_minutes * runs


def _best_move(
    facts: BlendFacts, blocks: list[BlockFacts], live: int, total: int, *, to_self_paced: bool
) -> tuple[BlockFacts, float] | None:
    """Return the block whose move to the other modality brings the live share nearest the
    recommendation (blocks that only present first, when moving to self-paced), and the
    share it gives."""
    assert facts.recommended_live_share is not None
    best: tuple[tuple[bool, float], BlockFacts, float] | None = None
    for block in blocks:
        if block.is_live != to_self_paced:
            continue
        moved = _minutes_over_course(block, facts.weeks)
        share = (live - moved if to_self_paced else live + moved) / total
        rank = (
            not (to_self_paced and presents(block) is not None),
            abs(share - facts.recommended_live_share),
        )
        if best is None or rank < best[0]:
            best = (rank, block, share)
    return None if best is None else (best[1], best[2])


def split_drift(facts: BlendFacts) -> list[Finding]:
    """The learners' live share drifting from the recommendation beyond the tolerance, with
    the hours a week to move and the block whose move comes nearest (seed 000)."""
    if facts.recommended_live_share is None:
        return []
    blocks = learner_blocks(facts.blocks)
    summary = summarise_blend(blocks, weeks=facts.weeks)
    share = summary.live_share
    if share is None:
        return []
    drift = (share - facts.recommended_live_share) * 100
    if abs(drift) <= facts.thresholds.split_tolerance_points:
        return []
    to_self_paced = drift > 0
    weekly = summary.total_minutes / max(1, facts.weeks)
    move = hours(abs(drift) / 100 * weekly)
    way = "from live to self-paced" if to_self_paced else "from self-paced to live"
    fix = f"Move about {move} a week {way}"
    best = _best_move(
        facts, blocks, summary.live_minutes, summary.total_minutes, to_self_paced=to_self_paced
    )
    if best is not None:
        block, after = best
        fix += (
            f": making “{block.title}” ({block.duration_minutes} min) "
            f"{'self-paced' if to_self_paced else 'live'} would bring the blend to {after:.0%}"
        )
    fix += "; or note why this course differs."
    return [
        finding(
            "split-drift",
            Severity.WARNING,
            None,
            f"The blend is {share:.0%} live, {abs(drift):.0f} points "
            f"{'more' if to_self_paced else 'less'} than the recommended "
            f"{facts.recommended_live_share:.0%} (tolerance "
            f"{facts.thresholds.split_tolerance_points} points).",
            fix,
            "seed 000 (decision matrix)",
        )
    ]
