"""Time-zone planning for live sessions: which learners are awake when, week by week.

A cohort is a list of segments (name, head count, IANA time zone). A course runs over real
dates, so daylight saving moves a live slot for some learners partway through; every answer
here is worked out per course week, on that week's actual dates, with ``zoneinfo`` only.

How time is handled, in one place:

- All arithmetic is on whole minutes. A day is numbered by its proleptic ordinal and a moment
  is ``ordinal * 1440 + minute of day``, either in UTC or on some zone's wall clock.
- Each zone's UTC offsets over the course are found once per call (sampled weekly, each change
  located to the minute); converting a time is then a table lookup, never a ``datetime``.
- A view-zone wall time that is skipped or repeated the night the clocks change is read as
  ``zoneinfo`` reads it with ``fold=0``: with the offset in force before the change.
- A session suits a learner when it starts and ends inside their waking hours on one local
  day. Course week k is the seven days from ``start_date + 7 (k - 1)``.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MINUTES_PER_DAY = 24 * 60
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)

_UNIX_EPOCH_MINUTE = date(1970, 1, 1).toordinal() * MINUTES_PER_DAY
_FAR_PAST = -(2**62)
# Timelines are sampled a little beyond the course so that sessions late on its last day, or
# early on its first, convert with the right offset in zones up to a day ahead or behind.
_MARGIN_DAYS = 2
_SAMPLE_MINUTES = 7 * MINUTES_PER_DAY

Side = Literal["before", "after"]


def _zone(name: str) -> ZoneInfo:
    """Return the zone called ``name``; raise ValueError if zoneinfo does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"Unknown time zone {name!r}.") from error


# Inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A group of learners who share a time zone."""

    name: str
    head_count: int
    timezone: str

    def __post_init__(self) -> None:
        if self.head_count < 0:
            raise ValueError(f"Segment {self.name!r} has a negative head count.")
        _zone(self.timezone)


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
        return _minute_of(self.start)

    @property
    def end_minute(self) -> int:
        return _minute_of(self.end)


@dataclass(frozen=True, slots=True)
class Slot:
    """A weekly live session: weekday (0 = Monday), start and length in the view time zone."""

    day: int
    start: time
    duration_minutes: int

    def __post_init__(self) -> None:
        if self.day not in ALL_DAYS:
            raise ValueError("A session's day is 0 (Monday) to 6 (Sunday).")
        if self.start.second or self.start.microsecond or self.start.tzinfo is not None:
            raise ValueError("A session starts on a whole minute, without a time zone.")
        if self.duration_minutes < 1:
            raise ValueError("A session lasts at least one minute.")
        if self.start_minute + self.duration_minutes > MINUTES_PER_DAY:
            raise ValueError("A session may not run past midnight in the view time zone.")

    @property
    def start_minute(self) -> int:
        return _minute_of(self.start)

    @property
    def label(self) -> str:
        """Return e.g. "Monday 10:00–11:00"."""
        end = self.start_minute + self.duration_minutes
        return f"{DAY_NAMES[self.day]} {self.start:%H:%M}–{_clock(end % MINUTES_PER_DAY)}"


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
        when = _local_clock(_minute_of(self.local_start), self.local_day, self.session.day)
        learners = "learner" if self.head_count == 1 else "learners"
        return f"{when} for {self.head_count} {learners} in {self.timezone} ({_weeks(self.weeks)})"

    @property
    def how_far(self) -> str:
        """Return e.g. "6 h before waking hours" or "30 min after waking hours"."""
        return f"{_duration(self.outside_minutes)} {self.side} waking hours"


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
        cell = f"{self.hour:02d}:00 {DAY_NAMES[self.day]}"
        after = _local_clock(_minute_of(self.local_after), self.local_day_after, self.day)
        before = _local_clock(_minute_of(self.local_before), self.local_day_before, self.day)
        status = "now inside" if self.now_inside else "now outside"
        return (
            f"From week {self.week} ({self.from_date.day} {self.from_date:%b %Y}), {cell} is "
            f"{after} in {_place(self.timezone)} instead of {before}: {status} waking hours"
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
    left_out: tuple[Exclusion, ...]

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


# Offsets as integer tables ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Timeline:
    """A zone's UTC offsets in minutes: ``offsets[i]`` applies from UTC ``utc_starts[i]``.

    ``wall_starts[i]`` is the first wall-clock minute read with ``offsets[i]`` (``fold=0``:
    skipped and repeated wall times keep the offset in force before the change).
    """

    utc_starts: tuple[int, ...]
    wall_starts: tuple[int, ...]
    offsets: tuple[int, ...]

    def offset_at(self, utc: int) -> int:
        """Return the offset in force at UTC minute ``utc``."""
        return self.offsets[bisect_right(self.utc_starts, utc) - 1]

    def to_utc(self, wall: int) -> int:
        """Return the UTC minute of wall-clock minute ``wall``."""
        return wall - self.offsets[bisect_right(self.wall_starts, wall) - 1]

    def changes_between(self, utc_from: int, utc_to: int) -> bool:
        """Return whether the offset changes at or after ``utc_from`` and before ``utc_to``.

        A change at ``utc_from`` itself counts: where clocks jump forward at midnight, the
        day's first wall minutes do not exist and are read with the day before's offset.
        """
        index = bisect_left(self.utc_starts, utc_from)
        return index < len(self.utc_starts) and self.utc_starts[index] < utc_to


def _offset(zone: ZoneInfo, utc: int) -> int:
    """Return ``zone``'s UTC offset in minutes at UTC minute ``utc``."""
    offset = datetime.fromtimestamp((utc - _UNIX_EPOCH_MINUTE) * 60, zone).utcoffset()
    return 0 if offset is None else offset // timedelta(minutes=1)


def _first_change(zone: ZoneInfo, before: int, low: int, high: int) -> int:
    """Return the first UTC minute in (``low``, ``high``] at which ``zone``'s offset is no
    longer ``before`` (its offset at ``low``), by bisection."""
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


def _timeline(name: str, first_day: int, last_day: int) -> _Timeline:
    """Return the offsets of zone ``name`` from the UTC midnight of day ordinal ``first_day``
    to (at least) that of ``last_day``."""
    zone = _zone(name)
    utc_starts, wall_starts = [_FAR_PAST], [_FAR_PAST]
    offsets = [_offset(zone, first_day * MINUTES_PER_DAY)]
    low = first_day * MINUTES_PER_DAY
    # Sampled weekly, and every change between two samples is then found to the minute; only a
    # clock that changed and changed back within one week could slip through, and no zone's
    # rules do that. Daily samples would cost seven times as many zoneinfo calls.
    for high in range(low + _SAMPLE_MINUTES, (last_day + 7) * MINUTES_PER_DAY, _SAMPLE_MINUTES):
        final = _offset(zone, high)
        while offsets[-1] != final:
            low = _first_change(zone, offsets[-1], low, high)
            offset = _offset(zone, low)
            utc_starts.append(low)
            wall_starts.append(low + max(offset, offsets[-1]))
            offsets.append(offset)
        low = high
    return _Timeline(tuple(utc_starts), tuple(wall_starts), tuple(offsets))


# The course, prepared once per call -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    """The segments that share one time zone, which are always covered together."""

    timezone: str
    segments: tuple[Segment, ...]
    head_count: int
    timeline: _Timeline


@dataclass(frozen=True, slots=True)
class _Grid:
    """Candidate session starts (minutes after midnight in the view zone) of one length."""

    starts: tuple[int, ...]
    duration: int


class _Course:
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
        self.view = _timeline(view_timezone, *span)
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
        self, timeline: _Timeline, view_days: list[list[tuple[int, int, int | None]]]
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

    def day_masks(self, grid: _Grid) -> list[list[list[int]]]:
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

    def _shifted_mask(self, grid: _Grid, shift: int) -> int:
        """Return the grid starts that suit a clock ``shift`` minutes ahead of the view's."""
        mask = 0
        for index, start in enumerate(grid.starts):
            if self.suits(start + shift, start + shift + grid.duration):
                mask |= 1 << index
        return mask

    def _exact_mask(self, grid: _Grid, group: int, week: int, day: int) -> int:
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
            timeline=_timeline(zone, *span),
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
    course = _Course(
        segments, start_date=start_date, weeks=weeks, view_timezone=view_timezone, waking=waking
    )
    grid = _Grid(starts=tuple(range(0, MINUTES_PER_DAY, 60)), duration=60)
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
    course: _Course, masks: list[list[list[int]]], week: int, day: int, size: int
) -> list[int]:
    """Return, per grid start, the learners it suits on one day of one week."""
    heads_by_mask: dict[int, int] = {}
    for group, zone in enumerate(course.groups):
        mask = masks[group][week][day]
        heads_by_mask[mask] = heads_by_mask.get(mask, 0) + zone.head_count
    covered = [0] * size
    for mask, heads in heads_by_mask.items():
        for index in _bits(mask):
            covered[index] += heads
    return covered


def _shares(counts: Sequence[Sequence[int]], total: int) -> tuple[tuple[float, ...], ...]:
    """Return head counts as shares of ``total``; all zeros for an empty cohort."""
    return tuple(tuple(count / total if total else 0.0 for count in row) for row in counts)


def _cell_changes(course: _Course, grid: _Grid, masks: list[list[list[int]]]) -> list[CellChange]:
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
            for index in _bits(ever & ~always):
                changes.extend(_moves(course, grid, group, day, index, weekly))
    return sorted(
        changes, key=lambda change: (change.day, change.hour, change.week, change.timezone)
    )


def _moves(
    course: _Course, grid: _Grid, group: int, day: int, index: int, weekly: list[int]
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
            local_day_before=_weekday(before // MINUTES_PER_DAY),
            local_before=_time(before % MINUTES_PER_DAY),
            local_day_after=_weekday(after // MINUTES_PER_DAY),
            local_after=_time(after % MINUTES_PER_DAY),
            now_inside=inside,
        )


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
) -> Suggestions:
    """Return the weekly slot, and the pair of repeat sessions, that suit the most learners.

    Candidates start every ``step_minutes`` on the given ``days`` and end by midnight in
    ``view_timezone``; with ``host_waking`` (the instructor's hours, in ``view_timezone``)
    they also fit within those hours, unless none can, when any time of day is a candidate.
    A learner counts only if a session suits them in every course week.
    The two sessions of a pair never overlap; the pair is None when no two fit. Ties go to
    the earlier slot in the week (Monday first, then by time), for a pair its first session.
    """
    course = _Course(
        segments, start_date=start_date, weeks=weeks, view_timezone=view_timezone, waking=waking
    )
    starts = _starts(duration_minutes, step_minutes)
    grid = _Grid(starts=_within(starts, duration_minutes, host_waking), duration=duration_minutes)
    slots = _candidates(days, grid)
    covers = _groups_covered(course, grid, slots)
    weigh = _Weigher(course)
    single = max(range(len(slots)), key=lambda index: (weigh(covers[index]), -index))
    pair = _best_pair(slots, covers, weigh)
    return Suggestions(
        single=_suggestion(course, weigh, [single], slots, covers),
        pair=None if pair is None else _suggestion(course, weigh, list(pair), slots, covers),
    )


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


def _candidates(days: Sequence[int], grid: _Grid) -> list[Slot]:
    """Return every session the search may pick, in week order (Monday 00:00 first)."""
    if not days:
        raise ValueError("Give at least one day on which a session may run.")
    return [
        Slot(day, _time(start), grid.duration) for day in sorted(set(days)) for start in grid.starts
    ]


def _groups_covered(course: _Course, grid: _Grid, slots: list[Slot]) -> list[int]:
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
    """Learners in a set of zones (a bitmask), remembered per set: few distinct sets occur."""

    def __init__(self, course: _Course) -> None:
        self._heads = [group.head_count for group in course.groups]
        self._known: dict[int, int] = {}

    def __call__(self, zones: int) -> int:
        if zones not in self._known:
            self._known[zones] = sum(self._heads[group] for group in _bits(zones))
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
    course: _Course, weigh: _Weigher, chosen: list[int], slots: list[Slot], covers: list[int]
) -> Suggestion:
    """Return the ``chosen`` slots with the learners they cover and everyone else's
    exclusions."""
    sessions = [slots[index] for index in chosen]
    covered = 0
    for index in chosen:
        covered |= covers[index]
    left_out = [
        exclusion
        for segment in course.segments
        if segment.head_count and not covered >> course.group_of[segment.timezone] & 1
        for session in sessions
        for exclusion in _exclusions(course, segment, session)
    ]
    return Suggestion(
        sessions=tuple(sessions),
        covered_learners=weigh(covered),
        total_learners=course.total_learners,
        left_out=tuple(left_out),
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
        self._course = _Course(
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
            for exclusion in _exclusions(self._course, segment, session, weeks)
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


def _exclusions(
    course: _Course, segment: Segment, session: Slot, in_weeks: Sequence[int] = ()
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
        local_day = _weekday(local_start // MINUTES_PER_DAY)
        place = (local_day, local_start % MINUTES_PER_DAY, side, outside)
        weeks_by_place.setdefault(place, []).append(week + 1)
    return [
        Exclusion(
            segment=segment.name,
            timezone=segment.timezone,
            head_count=segment.head_count,
            session=session,
            local_day=weekday,
            local_start=_time(minute),
            weeks=tuple(weeks),
            side=side,
            outside_minutes=outside,
        )
        for (weekday, minute, side, outside), weeks in weeks_by_place.items()
    ]


# Small helpers ---------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _bits(mask: int) -> tuple[int, ...]:
    """Return the positions of the set bits of ``mask``, lowest first.

    Cached: the same few masks (one per clock shift) come up again and again.
    """
    positions = []
    while mask:
        lowest = mask & -mask
        positions.append(lowest.bit_length() - 1)
        mask ^= lowest
    return tuple(positions)


def _minute_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _time(minute: int) -> time:
    return time(minute // 60, minute % 60)


def _weekday(ordinal: int) -> int:
    """Return the weekday (0 = Monday) of a day ordinal; day 1 (1 Jan 0001) was a Monday."""
    return (ordinal - 1) % 7


def _clock(minute: int) -> str:
    """Return "HH:MM" for a minute of the day."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _local_clock(minute: int, day: int, reference_day: int) -> str:
    """Return "HH:MM", followed by the weekday when it is not ``reference_day``."""
    return _clock(minute) if day == reference_day else f"{_clock(minute)} {DAY_NAMES[day]}"


def _duration(minutes: int) -> str:
    """Return e.g. "6 h", "30 min" or "2 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def _weeks(weeks: Sequence[int]) -> str:
    """Return e.g. "week 3", "weeks 1–8" or "weeks 1–3, 9, 12–15"."""
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"week {text}" if len(weeks) == 1 else f"weeks {text}"


def _place(timezone: str) -> str:
    """Return the city of an IANA zone name, e.g. "Auckland" for "Pacific/Auckland"."""
    return timezone.rsplit("/", 1)[-1].replace("_", " ")
