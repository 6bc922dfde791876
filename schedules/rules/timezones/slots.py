"""Slot search: the best single weekly slot, and the best pair of repeat sessions.

Candidates start every few minutes on the allowed days and end by midnight in the view zone
(within the host's waking hours when given). A learner counts only if a session suits them
in every course week; ``suggest_slots`` returns the slot, and the pair of non-overlapping
sessions, that suit the most learners, with everyone left out explained. Which sessions suit
whom comes from ``coverage`` (assumed waking hours) or, given ``stated``, from the hours
learners said they can come (``stated``); the session itself is a ``sessions.Slot``.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schedules.rules.timezones.coverage import (
    Exclusion,
    PreparedCourse,
    StartGrid,
    WakingHours,
    segment_exclusions,
    set_bits,
)
from schedules.rules.timezones.minutes import ALL_DAYS, MINUTES_PER_DAY, time_at
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.sessions import Slot
from schedules.rules.timezones.stated import StatedAvailability, StatedMiss

# Results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One or two weekly sessions, the learners they suit in every week, and who is left out.

    A learner is covered when at least one of the sessions is inside their waking hours in
    every course week, so they can commit to it for the whole course. ``left_out`` explains,
    session by session, when each uncovered segment would be asked to attend.
    """

    sessions: tuple[Slot, ...]
    covered_learners: int
    total_learners: int
    left_out: tuple[Exclusion | StatedMiss, ...]

    @property
    def share(self) -> float:
        """Return covered learners over all learners (0–1); 0 for an empty cohort."""
        return self.covered_learners / self.total_learners if self.total_learners else 0.0

    @property
    def left_out_learners(self) -> int:
        return self.total_learners - self.covered_learners


@dataclass(frozen=True, slots=True)
class Suggestions:
    """The best single weekly slot, and the best pair of repeat sessions (None if none fit)."""

    single: Suggestion
    pair: Suggestion | None


# Slot suggestions ------------------------------------------------------------------------


def suggest_slots(
    segments: Sequence[Segment],
    *,
    start_date: date,
    weeks: int,
    view_timezone: str,
    waking: WakingHours,
    duration_minutes: int,
    days: Sequence[int] = ALL_DAYS,
    step_minutes: int = 30,
    host_waking: WakingHours | None = None,
    stated: StatedAvailability | None = None,
) -> Suggestions:
    """Return the weekly slot, and the pair of repeat sessions, that suit the most learners.

    Candidates start every ``step_minutes`` on the given ``days`` and end by midnight in
    ``view_timezone``; with ``host_waking`` (the instructor's hours, in ``view_timezone``)
    they also fit within those hours, unless none can, when any time of day is a candidate.
    A learner counts only if a session suits them in every course week.
    With ``stated``, the cohort is the survey's answers (``segments`` are not read) and a
    session suits a learner when it is within the hours they ticked, instead of waking hours.
    The two sessions of a pair never overlap; the pair is None when no two fit. Ties go to
    the earlier slot in the week (Monday first, then by time), for a pair its first session.
    """
    cohort = segments if stated is None else stated.segments()
    course = PreparedCourse(
        cohort, start_date=start_date, weeks=weeks, view_timezone=view_timezone, waking=waking
    )
    starts = _starts(duration_minutes, step_minutes)
    grid = StartGrid(
        starts=_within(starts, duration_minutes, host_waking), duration=duration_minutes
    )
    slots = _candidates(days, grid)
    if stated is None:
        covers = _groups_covered(course, grid, slots)
        weigh = _Weigher([group.head_count for group in course.groups])
    else:
        covers = stated.covers(course, grid, slots)
        weigh = _Weigher(list(stated.heads))
    single = max(range(len(slots)), key=lambda index: (weigh(covers[index]), -index))
    pair = _best_pair(slots, covers, weigh)
    chosen = [[single]] if pair is None else [[single], list(pair)]
    found = [_suggestion(course, weigh, indexes, slots, covers, stated) for indexes in chosen]
    return Suggestions(single=found[0], pair=found[1] if pair is not None else None)


def _starts(duration: int, step: int) -> tuple[int, ...]:
    """Return the candidate start minutes of a day: every ``step``, ending by midnight."""
    if step < 1:
        raise ValueError("The step between candidate starts is at least one minute.")
    if not 1 <= duration <= MINUTES_PER_DAY:
        raise ValueError("A session lasts between one minute and a whole day.")
    return tuple(range(0, MINUTES_PER_DAY - duration + 1, step))


def _within(starts: tuple[int, ...], duration: int, hours: WakingHours | None) -> tuple[int, ...]:
    """Return the starts whose session fits within ``hours``; all of them if none does."""
    if hours is None:
        return starts
    fitting = tuple(
        start
        for start in starts
        if start >= hours.start_minute and start + duration <= hours.end_minute
    )
    return fitting or starts


def _candidates(days: Sequence[int], grid: StartGrid) -> list[Slot]:
    """Return every session the search may pick, in week order (Monday 00:00 first)."""
    if not days:
        raise ValueError("Give at least one day on which a session may run.")
    return [
        Slot(day, time_at(start), grid.duration)
        for day in sorted(set(days))
        for start in grid.starts
    ]


def _groups_covered(course: PreparedCourse, grid: StartGrid, slots: list[Slot]) -> list[int]:
    """Return, per slot, a bitmask of the zones it suits in every course week."""
    masks = course.day_masks(grid)
    every_week: dict[int, list[int]] = {}
    for day in {slot.day for slot in slots}:
        every_week[day] = []
        for group_masks in masks:
            mask = group_masks[0][day]
            for week_masks in group_masks[1:]:
                mask &= week_masks[day]
            every_week[day].append(mask)
    position = {start: index for index, start in enumerate(grid.starts)}
    covers = []
    for slot in slots:
        index = position[slot.start_minute]
        zones = every_week[slot.day]
        covers.append(sum(1 << group for group, mask in enumerate(zones) if mask >> index & 1))
    return covers


class _Weigher:
    """Learners in a set of groups (zones, or stated patterns; a bitmask), remembered per set:
    few distinct sets occur."""

    def __init__(self, heads: list[int]) -> None:
        self._heads = heads
        self._known: dict[int, int] = {}

    def __call__(self, zones: int) -> int:
        if zones not in self._known:
            self._known[zones] = sum(self._heads[group] for group in set_bits(zones))
        return self._known[zones]


def _best_pair(slots: list[Slot], covers: list[int], weigh: _Weigher) -> tuple[int, int] | None:
    """Return the earliest pair of non-overlapping slots that together suit the most learners,
    or None when no two slots fit side by side."""
    distinct = sorted(set(covers))
    unions: dict[int, dict[int, set[int]]] = {}
    for position, first in enumerate(distinct):
        for second in distinct[position:]:
            partners = unions.setdefault(weigh(first | second), {})
            partners.setdefault(first, set()).add(second)
            partners.setdefault(second, set()).add(first)
    for heads in sorted(unions, reverse=True):
        pair = _earliest_pair(slots, covers, unions[heads])
        if pair is not None:
            return pair
    return None


def _earliest_pair(
    slots: list[Slot], covers: list[int], partners: dict[int, set[int]]
) -> tuple[int, int] | None:
    """Return the first pair of slots, in week order, whose zone sets are partners."""
    for first, cover in enumerate(covers):
        wanted = partners.get(cover)
        if not wanted:
            continue
        for second in range(first + 1, len(slots)):
            if covers[second] in wanted and not _overlap(slots[first], slots[second]):
                return first, second
    return None


def _overlap(earlier: Slot, later: Slot) -> bool:
    """Return whether two sessions, given in week order, run at the same time."""
    earlier_end = earlier.start_minute + earlier.duration_minutes
    return earlier.day == later.day and later.start_minute < earlier_end


def _suggestion(
    course: PreparedCourse,
    weigh: _Weigher,
    chosen: list[int],
    slots: list[Slot],
    covers: list[int],
    stated: StatedAvailability | None,
) -> Suggestion:
    """Return the ``chosen`` slots with the learners they cover and everyone else's
    exclusions."""
    sessions = [slots[index] for index in chosen]
    covered = 0
    for index in chosen:
        covered |= covers[index]
    left_out: list[Exclusion | StatedMiss]
    if stated is not None:
        left_out = list(stated.misses(course, covered, sessions))
    else:
        left_out = [
            exclusion
            for segment in course.segments
            if segment.head_count and not covered >> course.group_of[segment.timezone] & 1
            for session in sessions
            for exclusion in segment_exclusions(course, segment, session)
        ]
    return Suggestion(
        sessions=tuple(sessions),
        covered_learners=weigh(covered),
        total_learners=course.total_learners,
        left_out=tuple(left_out),
    )
