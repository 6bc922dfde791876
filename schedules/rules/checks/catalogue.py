"""The blend checks themselves: one small pure function per thing a reviewer would flag.

Every function takes ``BlendFacts`` and returns findings; thresholds come from
``facts.thresholds`` (the published rule set). Messages name the block and the weeks, and
say how to fix it; each cites the seed its advice comes from.
"""

import math
from datetime import date
from functools import lru_cache

from schedules.rules.checks.facts import BlendFacts, BlockFacts
from schedules.rules.checks.findings import Finding, Severity
from schedules.rules.checks.repeats import repeats_of
from schedules.rules.checks.wording import finding, quoted, when
from schedules.rules.choices import ActivityType, Weekday
from schedules.rules.course_dates import CourseDates, clock_trouble
from schedules.rules.timezones.coverage import CohortClock, Exclusion, WakingHours
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.wording import duration

# The groups a waking-hours finding names; the rest are counted ("and 2 more groups").
WAKING_GROUPS_SHOWN = 3


def large_group_without_support(facts: BlendFacts) -> list[Finding]:
    """Live groups over the threshold with no co-facilitator or breakouts (seed 003); a
    session offered more than once splits the cohort between its offerings."""
    limit = facts.thresholds.co_facilitator_group_size
    if facts.cohort_size <= limit:
        return []
    offerings = repeats_of(facts.blocks)
    found = []
    for block in facts.blocks:
        if not block.is_live or block.co_facilitator or block.breakouts:
            continue
        times = len(offerings.get(block.id, ())) or 1
        group = math.ceil(facts.cohort_size / times)
        if group <= limit:
            continue
        split = f" (the {facts.cohort_size} learners over {times} offerings)" if times > 1 else ""
        rooms = math.ceil(group / limit)
        found.append(
            finding(
                "large-live-group",
                Severity.WARNING,
                block,
                f"{quoted(block)} ({when(block)}) gathers about {group} learners live{split} "
                f"with no co-facilitator or breakout groups; seed 003 suggests about {limit} "
                "at most for one person.",
                f"Add a co-facilitator to {quoted(block)}, or split it into {rooms} breakout "
                f"rooms of at most {limit} and tick both on the block.",
                "seed 003",
            )
        )
    return found


# Kinds of work that are self-paced by nature (seed 000's discipline guidance: readings,
# recorded lectures and forums self-paced), and those that are live by name.
SELF_PACED_BY_NATURE = {
    ActivityType.READING,
    ActivityType.RECORDED_LECTURE,
    ActivityType.DISCUSSION_FORUM,
    ActivityType.REFLECTION_JOURNAL,
}
LIVE_BY_NATURE = {
    ActivityType.LIVE_SEMINAR,
    ActivityType.LIVE_LAB,
    ActivityType.LIVE_APPLICATION,
    ActivityType.LIVE_CLINIC,
    ActivityType.LIVE_LECTURE,
    ActivityType.LIVE_ASSESSMENT,
    ActivityType.CHECK_IN,
    ActivityType.CO_WORKING,
}


def unusual_modality(facts: BlendFacts) -> list[Finding]:
    """A reading done live, a live seminar set self-paced: usually a slip (seed 000)."""
    found = []
    for block in facts.blocks:
        kind = ActivityType(block.activity_type)
        if block.is_live and kind in SELF_PACED_BY_NATURE:
            message = (
                f"“{block.title}” is a {kind.label.lower()} done live: that is unusual, and "
                "costs live time that discussion or practice would use better."
            )
        elif not block.is_live and kind in LIVE_BY_NATURE:
            message = f"“{block.title}” is a {kind.label.lower()} set as self-paced work."
        else:
            continue
        found.append(
            finding(
                "unusual-modality",
                Severity.WARNING,
                block,
                message,
                "Check the modality and the activity type: if it really is meant this way, "
                "dismiss this with a reason.",
                "seed 000 (discipline guidance)",
            )
        )
    return found


def _clock(facts: BlendFacts) -> CohortClock:
    return _cohort_clock(
        facts.segments, facts.timezone, facts.start_date, facts.weeks, facts.thresholds.waking
    )


@lru_cache(maxsize=64)
def _cohort_clock(
    segments: tuple[Segment, ...], timezone: str, start_date: date, weeks: int, waking: WakingHours
) -> CohortClock:
    """Return the cohort's clocks: a function of these values alone, and not changed once
    made, so one course's clocks serve each check of it (building the zones' offset tables
    is most of what the waking-hours check costs)."""
    return CohortClock(
        segments, view_timezone=timezone, start_date=start_date, weeks=weeks, waking=waking
    )


def _outside(clock: CohortClock, block: BlockFacts) -> list[Exclusion]:
    assert block.start_time is not None
    return clock.who_is_outside(
        day=int(block.day),
        start=block.start_time,
        duration_minutes=block.duration_minutes,
        weeks=block.weeks,
    )


def _outside_every_offering(
    clock: CohortClock, block: BlockFacts, offerings: tuple[BlockFacts, ...]
) -> list[Exclusion]:
    """Return who ``block`` leaves out of waking hours and no other offering of it takes in:
    learners who can come to one offering of a repeated session are not shut out."""
    exclusions = _outside(clock, block)
    for other in offerings:
        if other is block or other.start_time is None:
            continue
        if other.recorded:
            return []
        also: dict[str, set[int]] = {}
        for exclusion in _outside(clock, other):
            also.setdefault(exclusion.segment, set()).update(exclusion.weeks)
        exclusions = [e for e in exclusions if also.get(e.segment, set()) & set(e.weeks)]
    return exclusions


def _exclusion_words(exclusion: Exclusion, block: BlockFacts) -> str:
    """Return e.g. "20:00 for 10 learners in Asia/Tokyo (weeks 1–11), ending 22:00, 1 h
    after waking hours": the end is said, since it may be the end that falls outside."""
    start = exclusion.local_start
    end_minute = (start.hour * 60 + start.minute + block.duration_minutes) % (24 * 60)
    end = f"{end_minute // 60:02d}:{end_minute % 60:02d}"
    return f"{exclusion.sentence}, ending {end}, {exclusion.how_far}"


def _waking_fix(block: BlockFacts, first: Exclusion) -> str:
    way = "earlier" if first.side == "after" else "later"
    return (
        f"Start {quoted(block)} {duration(first.outside_minutes)} {way} if the rest of the "
        "cohort can still come, record it, add a repeat session (named "
        f"“{block.title} (repeat)”) at a time that suits them, or give them a self-paced "
        "equivalent; the time-zone planner suggests slots."
    )


def live_outside_waking_hours(facts: BlendFacts) -> list[Finding]:
    """Live sessions outside waking hours for a share of learners, unrecorded, that no
    repeat of the session takes them in for (seeds 001-003)."""
    total = sum(segment.head_count for segment in facts.segments)
    if not total:
        return []
    found = []
    clock: CohortClock | None = None
    offerings = repeats_of(facts.blocks)
    for block in facts.blocks:
        if not block.is_live or block.start_time is None or block.recorded:
            continue
        clock = clock or _clock(facts)
        exclusions = _outside_every_offering(clock, block, offerings.get(block.id, ()))
        outside = sum({e.segment: e.head_count for e in exclusions}.values())
        if not exclusions or outside / total < facts.thresholds.outside_share:
            continue
        shown = exclusions[:WAKING_GROUPS_SHOWN]
        who = "; ".join(_exclusion_words(exclusion, block) for exclusion in shown)
        if len(exclusions) > WAKING_GROUPS_SHOWN:
            more = len(exclusions) - WAKING_GROUPS_SHOWN
            groups = "group" if more == 1 else "groups"
            who += f"; and {more} more {groups} (the time-zone planner lists all)"
        found.append(
            finding(
                "live-outside-waking-hours",
                Severity.PROBLEM,
                block,
                f"{quoted(block)} ({when(block)}) is outside waking hours for {outside} of "
                f"{total} learners: {who}.",
                _waking_fix(block, exclusions[0]),
                "seeds 001, 002, 003",
            )
        )
    return found


def live_time_changes_clocks(facts: BlendFacts) -> list[Finding]:
    """Live sessions at a local time a daylight-saving change skips or repeats on one of
    their dates: calendars move or double them (RFC 5545 3.3.5)."""
    if not facts.dated:
        return []
    dates = CourseDates(facts.start_date, facts.weeks)
    found = []
    for block in facts.blocks:
        if not block.is_live or block.start_time is None:
            continue
        troubles = [
            (week, trouble)
            for week, day in dates.occurrences(block.weeks, block.day)
            if (trouble := clock_trouble(day, block.start_time, facts.timezone)) is not None
        ]
        if troubles:
            found.append(
                finding(
                    "live-time-clock-change",
                    Severity.WARNING,
                    block,
                    f"“{block.title}” ({when(block)}): "
                    + " ".join(trouble.sentence() for _, trouble in troubles),
                    "Move it out of the hour the clocks change, or to another day.",
                    "RFC 5545 (IETF, 2009)",
                    weeks=[week for week, _ in troubles],
                )
            )
    return found


def before_the_start(facts: BlendFacts) -> list[Finding]:
    """Blocks on a day of week 1 before the course starts: they never happen, and every
    export (calendar, CSV, spreadsheet, cartridge) leaves them out (seed 001: schedules
    communicated consistently across platforms)."""
    if not facts.dated or facts.start_date.weekday() == 0:
        return []
    start = facts.start_date
    return [
        finding(
            "before-the-start",
            Severity.WARNING,
            block,
            f"“{block.title}” ({Weekday(block.day).label} of week 1) falls before the course "
            f"starts on {start:%A} {start.day} {start:%B %Y}, so it never happens: the "
            "calendar and the other exports leave week 1's session out.",
            f"Move it to {start:%A} or later in week 1, or start the course earlier.",
            "seed 001",
            weeks=[1],
        )
        for block in facts.blocks
        if block.day < start.weekday() and block.runs_in(1)
    ]


def _next_live(facts: BlendFacts, block: BlockFacts) -> BlockFacts | None:
    """Return the first live session on or after ``block``'s day in a week it runs."""
    later = [
        live
        for live in facts.blocks
        if live.is_live
        and live.day >= block.day
        and any(live.runs_in(w) and block.runs_in(w) for w in range(1, facts.weeks + 1))
    ]
    return min(later, key=lambda live: live.day, default=None)


def self_paced_without_due_day(facts: BlendFacts) -> list[Finding]:
    """Self-paced work with no due day: "learning that takes place at no time" (seed 003).
    The fix names the live session it could prepare, if one follows it that week."""
    found = []
    for block in facts.blocks:
        if block.is_live or block.due_day is not None:
            continue
        live = _next_live(facts, block)
        fix = (
            f"Give {quoted(block)} a due day by {Weekday(live.day).label}, before "
            f"{quoted(live)}, which it can prepare."
            if live is not None
            else f"Give {quoted(block)} a due day within its week."
        )
        found.append(
            finding(
                "self-paced-without-due-day",
                Severity.PROBLEM,
                block,
                f"{quoted(block)} ({when(block)}) is self-paced with no due day.",
                fix,
                "seed 003",
            )
        )
    return found


def repetitive_weeks(facts: BlendFacts) -> list[Finding]:
    """More identical weeks in a row than the rules allow: week after week the same (seed 004).

    Two weeks are identical when the same kinds of activity run on the same days for the
    same time, whatever the blocks are called; empty weeks break a run.
    """
    limit = facts.thresholds.max_identical_weeks
    every_week: list[tuple[str, ...]] = []
    in_weeks: list[list[tuple[str, ...]]] = [[] for _ in range(facts.weeks + 1)]
    for block in facts.blocks:
        if not block.weeks:
            every_week.append(_block_shape(block))
        for week in block.weeks:
            if 1 <= week <= facts.weeks:
                in_weeks[week].append(_block_shape(block))
    week_shapes = [tuple(sorted(every_week + in_weeks[week])) for week in range(1, facts.weeks + 1)]
    found = []
    run_start = 1
    for week in range(2, facts.weeks + 2):
        shape = week_shapes[week - 1] if week <= facts.weeks else None
        if shape == week_shapes[run_start - 1]:
            continue
        length = week - run_start
        if week_shapes[run_start - 1] and length > limit:
            found.append(
                finding(
                    "repetitive-weeks",
                    Severity.INFO,
                    None,
                    f"Weeks {run_start}–{week - 1} are the same week {length} times in a row.",
                    "Break the routine every few weeks: swap one block for another kind of "
                    "activity (a peer review, a project check-in, a reflection) in chosen "
                    "weeks only.",
                    "seed 004",
                    weeks=range(run_start, week),
                    subject=f"weeks-{run_start}-{week - 1}",
                )
            )
        run_start = week
    return found


def _block_shape(block: BlockFacts) -> tuple[str, ...]:
    """What makes two weeks alike: the kind of activity, its day, start and length."""
    start = block.start_time.isoformat() if block.start_time else ""
    return (block.activity_type, block.modality, str(block.day), start, str(block.duration_minutes))
