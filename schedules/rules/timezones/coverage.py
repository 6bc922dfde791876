"""Who is awake when: the 7×24 coverage heatmap and who is outside waking hours, week by week.

A session suits a learner when it starts and ends inside their waking hours (``WakingHours``)
on one local day. A course's dates and each zone's clock, relative to the view zone, are
worked out once per call (``PreparedCourse``); for many sessions of one cohort,
``CohortClock`` keeps them. ``coverage_heatmap`` gives the share of learners awake for each
hour of the week; ``who_is_outside`` names, segment by segment, the learners a weekly session
misses (``Exclusion``). The slot search (``slots``) is built on the same prepared course.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import lru_cache
from typing import Literal

from schedules.rules.timezones import wording
from schedules.rules.timezones.minutes import (
    ALL_DAYS,
    MINUTES_PER_DAY,
    minute_of,
    time_at,
    weekday_of,
)
from schedules.rules.timezones.offsets import Timeline, zone_timeline
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.sessions import Slot

# Timelines are sampled a little beyond the course so that sessions late on its last day, or
# early on its first, convert with the right offset in zones up to a day ahead or behind.
_MARGIN_DAYS = 2

Side = Literal["before", "after"]


# Inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WakingHours:
    """The local hours in which a live session can fairly ask a learner to attend."""

    # seeds 001, 002, 003: live sessions outside waking hours exclude learners. 08:00-21:00 is
    # the default of the admin-edited rule set, which passes its own hours in.
    start: time = time(8)
    end: time = time(21)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("Waking hours are local wall-clock times, without a time zone.")
        if self.start >= self.end:
            raise ValueError("Waking hours must start before they end, within one day.")

    @property
    def start_minute(self) -> int:
        return minute_of(self.start)

    @property
    def end_minute(self) -> int:
        return minute_of(self.end)


# Results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Learners of one segment for whom a session falls outside waking hours in some weeks.

    ``local_day``/``local_start`` is when the session starts for them in those ``weeks``;
    ``side`` and ``outside_minutes`` say how far it would have to move to fit: later by that
    much to start when they wake ("before"), or earlier to end by bedtime ("after").
    """

    segment: str
    timezone: str
    head_count: int
    session: Slot
    local_day: int
    local_start: time
    weeks: tuple[int, ...]
    side: Side
    outside_minutes: int

    @property
    def sentence(self) -> str:
        """Return e.g. "02:00 for 12 learners in Pacific/Auckland (weeks 1–8)"."""
        return wording.exclusion_sentence(
            local_start=self.local_start,
            local_day=self.local_day,
            session_day=self.session.day,
            head_count=self.head_count,
            timezone=self.timezone,
            weeks=self.weeks,
        )

    @property
    def how_far(self) -> str:
        """Return e.g. "6 h before waking hours" or "30 min after waking hours"."""
        return wording.how_far(self.side, self.outside_minutes)


@dataclass(frozen=True, slots=True)
class CellChange:
    """A heatmap cell that moves in or out of one zone's waking hours from ``week`` on."""

    day: int
    hour: int
    week: int
    from_date: date
    timezone: str
    segments: tuple[str, ...]
    head_count: int
    local_day_before: int
    local_before: time
    local_day_after: int
    local_after: time
    now_inside: bool

    @property
    def sentence(self) -> str:
        """Return e.g. "From week 9 (5 Apr 2027), 10:00 Monday is 21:00 in Auckland instead
        of 22:00: now inside waking hours"."""
        return wording.cell_change_sentence(
            day=self.day,
            hour=self.hour,
            week=self.week,
            from_date=self.from_date,
            timezone=self.timezone,
            local_day_before=self.local_day_before,
            local_before=self.local_before,
            local_day_after=self.local_day_after,
            local_after=self.local_after,
            now_inside=self.now_inside,
        )


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Share of learners (0–1) awake for each hour of the week in the view zone.

    ``grid[day][hour]`` is the worst course week for that cell: a live hour placed there
    reaches at least that share every week, which is what an instructor committing to a
    weekly slot needs. ``weekly[week - 1][day][hour]`` holds each week's own share, and
    ``changes`` says which weeks and which learners make the weeks differ.
    """

    view_timezone: str
    total_learners: int
    grid: tuple[tuple[float, ...], ...]
    weekly: tuple[tuple[tuple[float, ...], ...], ...]
    changes: tuple[CellChange, ...]


# The course, prepared once per call -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """The segments that share one time zone, which are always covered together."""

    timezone: str
    segments: tuple[Segment, ...]
    head_count: int
    timeline: Timeline


@dataclass(frozen=True, slots=True)
class StartGrid:
    """Candidate session starts (minutes after midnight in the view zone) of one length."""

    starts: tuple[int, ...]
    duration: int


class PreparedCourse:
    """A course's dates, its zones' offset tables and each (zone, date)'s shift from the view."""

    def __init__(
        self,
        segments: Sequence[Segment],
        *,
        start_date: date,
        weeks: int,
        view_timezone: str,
        waking: WakingHours,
    ) -> None:
        if weeks < 1:
            raise ValueError("A course runs for at least one week.")
        self.segments = tuple(segments)
        self.weeks = weeks
        self.waking_start = waking.start_minute
        self.waking_end = waking.end_minute
        first = start_date.toordinal()
        self.dates = tuple(
            tuple(first + 7 * week + (day - start_date.weekday()) % 7 for day in ALL_DAYS)
            for week in range(weeks)
        )
        span = (first - _MARGIN_DAYS, first + 7 * weeks + _MARGIN_DAYS)
        self.view = zone_timeline(view_timezone, *span)
        self.groups = _groups(self.segments, span)
        self.group_of = {group.timezone: index for index, group in enumerate(self.groups)}
        view_days = self._view_days()
        self.shifts = [self._shifts(group.timeline, view_days) for group in self.groups]

    @property
    def total_learners(self) -> int:
        return sum(segment.head_count for segment in self.segments)

    def _view_days(self) -> list[list[tuple[int, int, int | None]]]:
        """Return, per [week][day], the UTC minutes at which the view day begins and ends and
        the view's offset that day, or None for the offset on a day the view's clock changes."""
        days = []
        for week_dates in self.dates:
            row: list[tuple[int, int, int | None]] = []
            for ordinal in week_dates:
                begins = self.view.to_utc(ordinal * MINUTES_PER_DAY)
                ends = self.view.to_utc((ordinal + 1) * MINUTES_PER_DAY)
                steady = not self.view.changes_between(begins, ends)
                row.append((begins, ends, self.view.offset_at(begins) if steady else None))
            days.append(row)
        return days

    def _shifts(
        self, timeline: Timeline, view_days: list[list[tuple[int, int, int | None]]]
    ) -> list[list[int | None]]:
        """Return, per [week][day], how far the zone's clock is ahead of the view's all that
        view day, or None on a day either clock changes (those are converted minute by minute).
        """
        shifts: list[list[int | None]] = []
        for row in view_days:
            week: list[int | None] = []
            for begins, ends, view_offset in row:
                if view_offset is None or timeline.changes_between(begins, ends):
                    week.append(None)
                else:
                    week.append(timeline.offset_at(begins) - view_offset)
            shifts.append(week)
        return shifts

    def local_span(
        self, group: int, week: int, day: int, start: int, duration: int
    ) -> tuple[int, int]:
        """Return a session's local start and end (wall minutes) for one zone in one week."""
        wall = self.dates[week][day] * MINUTES_PER_DAY + start
        shift = self.shifts[group][week][day]
        if shift is not None:
            return wall + shift, wall + shift + duration
        timeline = self.groups[group].timeline
        utc = self.view.to_utc(wall)
        end = utc + duration
        # The end is read with the offset of the session's last minute, not of the next one.
        return utc + timeline.offset_at(utc), end + timeline.offset_at(end - 1)

    def suits(self, local_start: int, local_end: int) -> bool:
        """Return whether a local session lies inside the waking hours of its starting day."""
        midnight = local_start - local_start % MINUTES_PER_DAY
        return (
            midnight + self.waking_start <= local_start and local_end <= midnight + self.waking_end
        )

    def outside_by(self, local_start: int, local_end: int) -> tuple[Side, int]:
        """Return the nearer way an unsuitable session misses waking hours, and by how much."""
        until_waking = (self.waking_start - local_start) % MINUTES_PER_DAY
        past_bedtime = (local_end - self.waking_end) % MINUTES_PER_DAY
        if until_waking and (not past_bedtime or until_waking <= past_bedtime):
            return "before", until_waking
        return "after", past_bedtime

    def day_masks(self, grid: StartGrid) -> list[list[list[int]]]:
        """Return, per [group][week][day], a bitmask of the grid starts that suit the zone."""
        by_shift: dict[int, int] = {}
        masks: list[list[list[int]]] = []
        for group, shifts in enumerate(self.shifts):
            group_masks: list[list[int]] = []
            for week, week_shifts in enumerate(shifts):
                row = []
                for day, shift in enumerate(week_shifts):
                    if shift is None:
                        row.append(self._exact_mask(grid, group, week, day))
                        continue
                    if shift not in by_shift:
                        by_shift[shift] = self._shifted_mask(grid, shift)
                    row.append(by_shift[shift])
                group_masks.append(row)
            masks.append(group_masks)
        return masks

    def _shifted_mask(self, grid: StartGrid, shift: int) -> int:
        """Return the grid starts that suit a clock ``shift`` minutes ahead of the view's."""
        mask = 0
        for index, start in enumerate(grid.starts):
            if self.suits(start + shift, start + shift + grid.duration):
                mask |= 1 << index
        return mask

    def _exact_mask(self, grid: StartGrid, group: int, week: int, day: int) -> int:
        """Return the grid starts that suit a zone on a day a clock changes."""
        mask = 0
        for index, start in enumerate(grid.starts):
            if self.suits(*self.local_span(group, week, day, start, grid.duration)):
                mask |= 1 << index
        return mask


def _groups(segments: tuple[Segment, ...], span: tuple[int, int]) -> tuple[_Group, ...]:
    """Return the segments grouped by time zone, zones in order of first appearance."""
    by_zone: dict[str, list[Segment]] = {}
    for segment in segments:
        by_zone.setdefault(segment.timezone, []).append(segment)
    return tuple(
        _Group(
            timezone=zone,
            segments=tuple(members),
            head_count=sum(member.head_count for member in members),
            timeline=zone_timeline(zone, *span),
        )
        for zone, members in by_zone.items()
    )


# Heatmap ---------------------------------------------------------------------------------


def coverage_heatmap(
    segments: Sequence[Segment],
    *,
    start_date: date,
    weeks: int,
    view_timezone: str,
    waking: WakingHours,
) -> Heatmap:
    """Return the share of learners for whom each hour of the week (Monday..Sunday × 0..23 in
    ``view_timezone``) falls fully inside waking hours, worst week and week by week."""
    course = PreparedCourse(
        segments, start_date=start_date, weeks=weeks, view_timezone=view_timezone, waking=waking
    )
    grid = StartGrid(starts=tuple(range(0, MINUTES_PER_DAY, 60)), duration=60)
    masks = course.day_masks(grid)
    counts = [
        [_covered_heads(course, masks, week, day, len(grid.starts)) for day in ALL_DAYS]
        for week in range(weeks)
    ]
    worst = [
        [min(column) for column in zip(*days, strict=True)] for days in zip(*counts, strict=True)
    ]
    total = course.total_learners
    return Heatmap(
        view_timezone=view_timezone,
        total_learners=total,
        grid=_shares(worst, total),
        weekly=tuple(_shares(week, total) for week in counts),
        changes=tuple(_cell_changes(course, grid, masks)),
    )


def _covered_heads(
    course: PreparedCourse, masks: list[list[list[int]]], week: int, day: int, size: int
) -> list[int]:
    """Return, per grid start, the learners it suits on one day of one week."""
    heads_by_mask: dict[int, int] = {}
    for group, zone in enumerate(course.groups):
        mask = masks[group][week][day]
        heads_by_mask[mask] = heads_by_mask.get(mask, 0) + zone.head_count
    covered = [0] * size
    for mask, heads in heads_by_mask.items():
        for index in set_bits(mask):
            covered[index] += heads
    return covered


def _shares(counts: Sequence[Sequence[int]], total: int) -> tuple[tuple[float, ...], ...]:
    """Return head counts as shares of ``total``; all zeros for an empty cohort."""
    return tuple(tuple(count / total if total else 0.0 for count in row) for row in counts)


def _cell_changes(
    course: PreparedCourse, grid: StartGrid, masks: list[list[list[int]]]
) -> list[CellChange]:
    """Return, cell by cell then week by week, each move of a zone in or out of waking hours."""
    changes: list[CellChange] = []
    for group in range(len(course.groups)):
        for day in ALL_DAYS:
            weekly = [masks[group][week][day] for week in range(course.weeks)]
            always = weekly[0]
            ever = 0
            for mask in weekly:
                always &= mask
                ever |= mask
            for index in set_bits(ever & ~always):
                changes.extend(_moves(course, grid, group, day, index, weekly))
    return sorted(
        changes, key=lambda change: (change.day, change.hour, change.week, change.timezone)
    )


def _moves(
    course: PreparedCourse, grid: StartGrid, group: int, day: int, index: int, weekly: list[int]
) -> Iterator[CellChange]:
    """Yield the weeks in which one grid cell changes sides of waking hours for one zone."""
    zone = course.groups[group]
    start = grid.starts[index]
    for week in range(1, course.weeks):
        inside = bool(weekly[week] >> index & 1)
        if inside == bool(weekly[week - 1] >> index & 1):
            continue
        before, _ = course.local_span(group, week - 1, day, start, grid.duration)
        after, _ = course.local_span(group, week, day, start, grid.duration)
        yield CellChange(
            day=day,
            hour=start // 60,
            week=week + 1,
            from_date=date.fromordinal(course.dates[week][day]),
            timezone=zone.timezone,
            segments=tuple(segment.name for segment in zone.segments),
            head_count=zone.head_count,
            local_day_before=weekday_of(before // MINUTES_PER_DAY),
            local_before=time_at(before % MINUTES_PER_DAY),
            local_day_after=weekday_of(after // MINUTES_PER_DAY),
            local_after=time_at(after % MINUTES_PER_DAY),
            now_inside=inside,
        )


# Who is outside ----------------------------------------------------------------------------


class CohortClock:
    """A cohort's clocks over a course, worked out once, for asking about many sessions.

    The blend checks ask who is outside waking hours for every live block of a schedule; the
    zones' offset tables are built here once rather than once per block.
    """

    def __init__(
        self,
        segments: Sequence[Segment],
        *,
        view_timezone: str,
        start_date: date,
        weeks: int,
        waking: WakingHours,
    ) -> None:
        self._course = PreparedCourse(
            segments, start_date=start_date, weeks=weeks, view_timezone=view_timezone, waking=waking
        )

    def who_is_outside(
        self, *, day: int, start: time, duration_minutes: int, weeks: Sequence[int] = ()
    ) -> list[Exclusion]:
        """Return, segment by segment in the order given, the learners for whom a weekly live
        session falls outside waking hours, grouped by their local start time and weeks.

        ``weeks`` (1-based) limits the answer to the weeks the session runs; empty: all.
        """
        session = Slot(day, start, duration_minutes)
        return [
            exclusion
            for segment in self._course.segments
            if segment.head_count
            for exclusion in segment_exclusions(self._course, segment, session, weeks)
        ]


def who_is_outside(
    segments: Sequence[Segment],
    *,
    day: int,
    start: time,
    duration_minutes: int,
    view_timezone: str,
    start_date: date,
    weeks: int,
    waking: WakingHours,
) -> list[Exclusion]:
    """Return, segment by segment in the order given, the learners for whom a weekly live
    session falls outside waking hours, grouped by their local start time and weeks."""
    clock = CohortClock(
        segments, view_timezone=view_timezone, start_date=start_date, weeks=weeks, waking=waking
    )
    return clock.who_is_outside(day=day, start=start, duration_minutes=duration_minutes)


def segment_exclusions(
    course: PreparedCourse, segment: Segment, session: Slot, in_weeks: Sequence[int] = ()
) -> list[Exclusion]:
    """Return one exclusion per distinct local start at which ``session`` misses ``segment``,
    in order of the first week it happens; ``in_weeks`` (1-based) limits the weeks looked at."""
    group = course.group_of[segment.timezone]
    weeks_by_place: dict[tuple[int, int, Side, int], list[int]] = {}
    looked_at = [w - 1 for w in in_weeks if 1 <= w <= course.weeks] or range(course.weeks)
    for week in looked_at:
        local_start, local_end = course.local_span(
            group, week, session.day, session.start_minute, session.duration_minutes
        )
        if course.suits(local_start, local_end):
            continue
        side, outside = course.outside_by(local_start, local_end)
        local_day = weekday_of(local_start // MINUTES_PER_DAY)
        place = (local_day, local_start % MINUTES_PER_DAY, side, outside)
        weeks_by_place.setdefault(place, []).append(week + 1)
    return [
        Exclusion(
            segment=segment.name,
            timezone=segment.timezone,
            head_count=segment.head_count,
            session=session,
            local_day=weekday,
            local_start=time_at(minute),
            weeks=tuple(weeks),
            side=side,
            outside_minutes=outside,
        )
        for (weekday, minute, side, outside), weeks in weeks_by_place.items()
    ]


# Small helpers ---------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def set_bits(mask: int) -> tuple[int, ...]:
    """Return the positions of the set bits of ``mask``, lowest first.

    Cached: the same few masks (one per clock shift) come up again and again.
    """
    positions = []
    while mask:
        lowest = mask & -mask
        positions.append(lowest.bit_length() - 1)
        mask ^= lowest
    return tuple(positions)
