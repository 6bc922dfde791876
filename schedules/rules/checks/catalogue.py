"""The blend checks themselves: one small pure function per thing a reviewer would flag.

Every function takes ``BlendFacts`` and returns findings; thresholds come from
``facts.thresholds`` (the published rule set). Messages name the block and the weeks, and
say how to fix it; each cites the seed its advice comes from.
"""

from collections import Counter
from collections.abc import Iterable

from courses.choices import Bandwidth, ObjectiveKind
from schedules.rules.blend import summarise_blend
from schedules.rules.checks.facts import BlendFacts, BlockFacts
from schedules.rules.checks.findings import Finding, Severity
from schedules.rules.choices import ActivityType, Weekday
from schedules.rules.course_dates import CourseDates, clock_trouble
from schedules.rules.timezones.coverage import CohortClock
from schedules.rules.weeks import format_weeks, weeks_phrase

PRESENTING_EVENTS = {1, 2, 3, 4}  # seed 003: Gagné 1-4 suit self-paced work
PRACTICE_EVENTS = {5, 6, 7}  # seed 003: Gagné 5-7 are where live time pays most
ASSESS_EVENT = 8
VIDEO_TYPES = {ActivityType.RECORDED_LECTURE, ActivityType.MICRO_LESSON}
MULTI_DOCUMENT_TYPES = {ActivityType.LIVE_LAB, ActivityType.CO_WORKING}


# The groups a waking-hours finding names; the rest are counted ("and 2 more groups").
WAKING_GROUPS_SHOWN = 3


def _when(block: BlockFacts) -> str:
    weeks = f"weeks {format_weeks(block.weeks)}" if block.weeks else "every week"
    return f"{Weekday(block.day).label}, {weeks}"


def _finding(
    check: str,
    severity: Severity,
    block: BlockFacts | None,
    message: str,
    fix: str,
    source: str,
    weeks: Iterable[int] = (),
    subject: str | None = None,
) -> Finding:
    return Finding(
        check=check,
        severity=severity,
        message=message,
        fix=fix,
        source=source,
        block_id=block.id if block else None,
        block_title=block.title if block else None,
        weeks=tuple(weeks) or (block.weeks if block else ()),
        subject=subject,
    )


def passive_live_time(facts: BlendFacts) -> list[Finding]:
    """Live blocks that only present: "did that really have to be a meeting?" (seed 003)."""
    found = []
    for block in facts.blocks:
        if not block.is_live:
            continue
        only_presenting = bool(block.gagne_events) and set(block.gagne_events) <= PRESENTING_EVENTS
        if (
            block.presentational
            or block.activity_type == ActivityType.LIVE_LECTURE
            or (only_presenting)
        ):
            found.append(
                _finding(
                    "passive-live-time",
                    Severity.WARNING,
                    block,
                    f"“{block.title}” ({_when(block)}) spends live time presenting.",
                    "Move the presentation to a recording learners watch beforehand and use the "
                    "live time for discussion, practice and feedback.",
                    "seeds 000, 003",
                )
            )
    return found


def _earliest_prepared_day(facts: BlendFacts) -> list[int]:
    """Return, per week (index 0 unused), the first weekday by which self-paced work is done.

    A live session on day d is prepared in week w when some self-paced block of week w
    starts and is due by d, that is when this value is at most d (8 when there is none).
    """
    earliest = [8] * (facts.weeks + 1)
    for block in facts.blocks:
        if block.is_live:
            continue
        done_by = max(block.day, block.due_day if block.due_day is not None else block.day)
        for week in block.weeks or range(1, facts.weeks + 1):
            if 1 <= week <= facts.weeks:
                earliest[week] = min(earliest[week], done_by)
    return earliest


def live_without_preparation(facts: BlendFacts) -> list[Finding]:
    """Live sessions with no self-paced preparation before them that week (seeds 003, 004)."""
    earliest = _earliest_prepared_day(facts)
    found = []
    for live in (block for block in facts.blocks if block.is_live):
        weeks = live.weeks or range(1, facts.weeks + 1)
        unprepared = [week for week in weeks if earliest[week] > live.day]
        if unprepared:
            found.append(
                _finding(
                    "live-without-preparation",
                    Severity.WARNING,
                    live,
                    f"“{live.title}” ({Weekday(live.day).label}) has no self-paced preparation "
                    f"before it in {weeks_phrase(unprepared)}.",
                    f"Add a 20-minute pre-reading or short video due by "
                    f"{Weekday(live.day).label}, so the live time builds on it.",
                    "seeds 003, 004",
                    weeks=unprepared,
                )
            )
    return found


def large_group_without_support(facts: BlendFacts) -> list[Finding]:
    """Live groups over the threshold with no co-facilitator or breakouts (seed 003)."""
    limit = facts.thresholds.co_facilitator_group_size
    if facts.cohort_size <= limit:
        return []
    return [
        _finding(
            "large-live-group",
            Severity.WARNING,
            block,
            f"“{block.title}” ({_when(block)}) gathers {facts.cohort_size} learners live with no "
            f"co-facilitator or breakout groups (seed 003 suggests about {limit} at most).",
            "Add a co-facilitator or breakout rooms.",
            "seed 003",
        )
        for block in facts.blocks
        if block.is_live and not (block.co_facilitator or block.breakouts)
    ]


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
            _finding(
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


def live_outside_waking_hours(facts: BlendFacts) -> list[Finding]:
    """Live sessions outside waking hours for a share of learners, unrecorded (seeds 001-003)."""
    total = sum(segment.head_count for segment in facts.segments)
    if not total:
        return []
    found = []
    clock: CohortClock | None = None
    for block in facts.blocks:
        if not block.is_live or block.start_time is None or block.recorded:
            continue
        clock = clock or CohortClock(
            facts.segments,
            view_timezone=facts.timezone,
            start_date=facts.start_date,
            weeks=facts.weeks,
            waking=facts.thresholds.waking,
        )
        exclusions = clock.who_is_outside(
            day=int(block.day),
            start=block.start_time,
            duration_minutes=block.duration_minutes,
            weeks=block.weeks,
        )
        outside = sum({e.segment: e.head_count for e in exclusions}.values())
        if outside / total < facts.thresholds.outside_share:
            continue
        who = "; ".join(exclusion.sentence for exclusion in exclusions[:WAKING_GROUPS_SHOWN])
        if len(exclusions) > WAKING_GROUPS_SHOWN:
            more = len(exclusions) - WAKING_GROUPS_SHOWN
            groups = "group" if more == 1 else "groups"
            who += f"; and {more} more {groups} (the time-zone planner lists all)"
        found.append(
            _finding(
                "live-outside-waking-hours",
                Severity.PROBLEM,
                block,
                f"“{block.title}” ({_when(block)}) is outside waking hours for {outside} of "
                f"{total} learners: {who}.",
                "Record it, add a repeat session at a time that suits them, or give them a "
                "self-paced equivalent; the time-zone planner suggests slots.",
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
                _finding(
                    "live-time-clock-change",
                    Severity.WARNING,
                    block,
                    f"“{block.title}” ({_when(block)}): "
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
        _finding(
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


def missing_captions(facts: BlendFacts) -> list[Finding]:
    """Recorded or video material without captions or a transcript (seeds 000, 001)."""
    return [
        _finding(
            "missing-captions",
            Severity.WARNING,
            block,
            f"“{block.title}” ({_when(block)}) is recorded but has no captions or transcript.",
            "Add captions (or at least a transcript) to the recording.",
            "seeds 000, 001",
        )
        for block in facts.blocks
        if (block.recorded or block.activity_type in VIDEO_TYPES)
        and not (block.captions or block.transcript)
    ]


def no_low_bandwidth_alternative(facts: BlendFacts) -> list[Finding]:
    """Video or live work with no low-bandwidth alternative where bandwidth is poor (seed 000)."""
    if facts.bandwidth == Bandwidth.RELIABLE:
        return []
    return [
        _finding(
            "no-low-bandwidth-alternative",
            Severity.WARNING,
            block,
            f"“{block.title}” ({_when(block)}) needs video, and bandwidth is "
            f"{facts.bandwidth.value}; there is no low-bandwidth alternative.",
            "Offer audio-only, slides or a transcript as a low-bandwidth alternative.",
            "seeds 000, 001",
        )
        for block in facts.blocks
        if (block.is_live or block.activity_type in VIDEO_TYPES)
        and not block.low_bandwidth_alternative
    ]


def graded_live_without_alternative(facts: BlendFacts) -> list[Finding]:
    """Graded live activity with no alternative for learners who cannot attend (seed 002)."""
    found = []
    for block in facts.blocks:
        graded = block.activity_type == ActivityType.LIVE_ASSESSMENT or (
            ASSESS_EVENT in block.gagne_events
        )
        if not (block.is_live and graded):
            continue
        alternative = any(
            not other.is_live
            and ASSESS_EVENT in other.gagne_events
            and any(other.runs_in(w) and block.runs_in(w) for w in range(1, facts.weeks + 1))
            for other in facts.blocks
        )
        if not alternative:
            found.append(
                _finding(
                    "graded-live-without-alternative",
                    Severity.WARNING,
                    block,
                    f"“{block.title}” ({_when(block)}) is graded live, with no alternative for "
                    "learners who cannot attend.",
                    "Offer a self-paced assessment (a quiz or a recorded submission) for "
                    "learners who cannot attend.",
                    "seed 002",
                )
            )
    return found


def self_paced_without_due_day(facts: BlendFacts) -> list[Finding]:
    """Self-paced work with no due day: "learning that takes place at no time" (seed 003)."""
    return [
        _finding(
            "self-paced-without-due-day",
            Severity.PROBLEM,
            block,
            f"“{block.title}” ({_when(block)}) is self-paced with no due day.",
            "Give it a due day, before the live session it prepares.",
            "seed 003",
        )
        for block in facts.blocks
        if not block.is_live and block.due_day is None
    ]


def weekly_hours_off_target(facts: BlendFacts) -> list[Finding]:
    """Weeks whose hours are off the weekly load, or whose live hours exceed capacity (seed 003)."""
    summary = summarise_blend(facts.blocks, weeks=facts.weeks)
    tolerance = facts.thresholds.weekly_hours_tolerance
    target = facts.weekly_hours * 60
    found = []
    off = [w.week for w in summary.weeks if abs(w.total_minutes - target) > target * tolerance]
    if off and summary.total_minutes:
        found.append(
            _finding(
                "weekly-hours-off-target",
                Severity.WARNING,
                None,
                f"{weeks_phrase(off).capitalize()} "
                f"{'are' if len(off) > 1 else 'is'} more than {tolerance:.0%} off the weekly "
                f"load of {facts.weekly_hours:g} hours.",
                "Add or trim activities in those weeks, or change the course's weekly hours.",
                "seed 003",
                weeks=off,
            )
        )
    capacity = facts.live_hours_available * 60
    over = [w.week for w in summary.weeks if w.live_minutes > capacity]
    if over:
        found.append(
            _finding(
                "live-beyond-capacity",
                Severity.PROBLEM,
                None,
                f"Live teaching in {weeks_phrase(over)} goes "
                f"beyond the {facts.live_hours_available:g} hours you can teach live.",
                "Move some live work to self-paced activities, or add a co-facilitator.",
                "seed 003",
                weeks=over,
            )
        )
    return found


def split_drift(facts: BlendFacts) -> list[Finding]:
    """The actual live share drifting from the recommendation beyond the tolerance."""
    if facts.recommended_live_share is None:
        return []
    share = summarise_blend(facts.blocks, weeks=facts.weeks).live_share
    if share is None:
        return []
    drift = (share - facts.recommended_live_share) * 100
    if abs(drift) <= facts.thresholds.split_tolerance_points:
        return []
    direction = "more" if drift > 0 else "less"
    return [
        _finding(
            "split-drift",
            Severity.WARNING,
            None,
            f"The blend is {share:.0%} live, {abs(drift):.0f} points {direction} than the "
            f"recommended {facts.recommended_live_share:.0%}.",
            f"Move activities {'to self-paced' if drift > 0 else 'to live'} time, or note why "
            "this course differs.",
            "seed 000 (decision matrix)",
        )
    ]


def outcomes_not_served(facts: BlendFacts) -> list[Finding]:
    """Outcomes no block serves; skill outcomes with no live or guided practice (seed 000/003)."""
    found = []
    for outcome in facts.outcomes:
        serving = [block for block in facts.blocks if outcome.id in block.outcome_ids]
        if not serving:
            found.append(
                _finding(
                    "outcome-not-served",
                    Severity.WARNING,
                    None,
                    f"No activity serves the outcome “{outcome.text}”.",
                    "Link an activity to it, or add one that serves it.",
                    "seed 004 (backward design)",
                    subject=f"outcome-{outcome.id}",
                )
            )
        elif outcome.kind == ObjectiveKind.INTERACTIVE_SKILL_MASTERY and not any(
            block.is_live or PRACTICE_EVENTS & set(block.gagne_events) for block in serving
        ):
            found.append(
                _finding(
                    "skill-without-practice",
                    Severity.WARNING,
                    None,
                    f"The skill “{outcome.text}” has no live or guided-practice activity.",
                    "Add a live practice session or guided practice with feedback "
                    "(Gagné's events 5–7).",
                    "seeds 000, 003",
                    subject=f"outcome-{outcome.id}",
                )
            )
    return found


def monotony(facts: BlendFacts) -> list[Finding]:
    """The same activity type nearly everywhere, week after week (seed 004)."""
    if len(facts.blocks) < 4:
        return []
    kind, count = Counter(block.activity_type for block in facts.blocks).most_common(1)[0]
    if count / len(facts.blocks) <= facts.thresholds.monotony_share:
        return []
    return [
        _finding(
            "monotony",
            Severity.INFO,
            None,
            f"{count} of {len(facts.blocks)} blocks are “{ActivityType(kind).label}”.",
            "Vary the activities: mix discussion, practice, peer review and reflection.",
            "seed 004",
        )
    ]


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
                _finding(
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


def multi_document_on_mobile(facts: BlendFacts) -> list[Finding]:
    """Collaborative multi-document live work for a mostly phone or tablet cohort (seed 002)."""
    if facts.mobile_share < facts.thresholds.mobile_share:
        return []
    return [
        _finding(
            "multi-document-on-mobile",
            Severity.WARNING,
            block,
            f"“{block.title}” ({_when(block)}) asks for work across several documents live, "
            f"and {facts.mobile_share:.0%} of learners have only a phone or tablet.",
            "Use a single shared document or a mobile-friendly tool, or make it self-paced.",
            "seed 002",
        )
        for block in facts.blocks
        if block.is_live and block.activity_type in MULTI_DOCUMENT_TYPES
    ]
