"""A sample week's live sessions moved to the times that suit the cohort.

Seed 000 names only the days of a sample week's live parts; their times are ours, written
for learners in the instructor's own zone. A cohort spread over time zones may be asleep at
them, so each live session keeps its day but starts at the time the planner's slot search
(``timezones.slots.suggest_slots``) finds best for the cohort, within waking hours, when its
own time shuts learners out and a better one exists.

It reads the learner profile's segments and waking hours, not the survey's stated
availability: the editor that calls it sits below the survey (docs/architecture.md, "The
planner on stated availability"); the planner's "Use for …" moves a block to the stated slot.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from schedules.rules.choices import Modality
from schedules.rules.sample_weeks import BlockTemplate
from schedules.rules.timezones.coverage import CohortClock, WakingHours
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.slots import suggest_slots


def placed_for_cohort(
    blocks: Sequence[BlockTemplate],
    segments: Sequence[Segment],
    *,
    timezone: str,
    start_date: date,
    weeks: int,
    waking: WakingHours,
) -> list[BlockTemplate]:
    """Return ``blocks`` with each live one at the best time of its day for ``segments``.

    A live block whose own time suits every learner keeps it; otherwise it moves to the
    slot of the same day that suits the most learners in every course week (ties: the
    earliest, within the instructor's waking hours where possible), if that suits more.
    """
    if not any(segment.head_count for segment in segments):
        return list(blocks)
    clock = CohortClock(
        segments, view_timezone=timezone, start_date=start_date, weeks=weeks, waking=waking
    )
    placed = []
    for block in blocks:
        if block.modality != Modality.LIVE or block.start_time is None:
            placed.append(block)
            continue
        outside = clock.who_is_outside(
            day=int(block.day), start=block.start_time, duration_minutes=block.minutes
        )
        if not outside:
            placed.append(block)
            continue
        left_out = sum({exclusion.segment: exclusion.head_count for exclusion in outside}.values())
        best = suggest_slots(
            segments,
            start_date=start_date,
            weeks=weeks,
            view_timezone=timezone,
            waking=waking,
            duration_minutes=block.minutes,
            days=(int(block.day),),
            host_waking=waking,
        ).single
        if best.left_out_learners < left_out:
            block = replace(block, start_time=best.sessions[0].start)
        placed.append(block)
    return placed
