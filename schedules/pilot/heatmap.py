"""The pilot's engagement heatmap by weekday × hour in any time zone, with the live sessions
drawn on it (issue #16: "in the course's time zone (and in any segment's)"; seed 000: "measure
engagement with simple heatmaps" to find the "peak engagement windows").

Plain Python over the rules core's time-zone tables, no database. The imports keep engagement
per UTC hour (``PilotRecord.hour``), so shifting it to a zone is exact: each UTC hour is put
where it falls on that zone's clock on its own date, and each live session on each of its
dates in the pilot weeks is moved from the course's clock to the zone's, so a week across a
daylight-saving change puts every hour, and every session, where it falls locally. Offsets
come from ``schedules.rules.timezones.offsets.zone_timeline`` and dates from
``schedules.rules.course_dates``: nothing here works an offset out itself.

A zone whose offset is not whole hours (Asia/Kolkata, UTC+5:30) has rows that start at half
past: its row "21" is 21:30–22:30 (``Heatmap.minute``). A cell is shown when at least one of
its hours had five learners or more (``schedules.pilot_imports.held_back``, our privacy rule).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from schedules.pilot.mapping import WEEKDAYS
from schedules.pilot_imports import held_back
from schedules.rules.course_dates import CourseDates
from schedules.rules.timezones.minutes import MINUTES_PER_DAY, minute_of
from schedules.rules.timezones.offsets import Timeline, zone_timeline
from schedules.rules.weeks import weeks_phrase

_EPOCH_MINUTE = date(1970, 1, 1).toordinal() * MINUTES_PER_DAY
# Days of offsets looked up either side of the pilot weeks: a course-local day reaches at
# most 26 hours into another zone's days (UTC-12 to UTC+14).
_MARGIN_DAYS = 2

Slot = tuple[int, int]  # (weekday, row) in the shown zone, 0 = Monday


@dataclass(frozen=True, slots=True)
class HeatCell:
    count: int | None  # None: fewer than 5 learners
    level: int
    live: str  # the live block(s) drawn on this hour ("" when none)


@dataclass(frozen=True, slots=True)
class LiveSession:
    """A live block of the plan, on the course's clock."""

    title: str
    day: int  # 0 = Monday
    start: time
    duration_minutes: int
    weeks: tuple[int, ...] = ()  # the course weeks it runs in; empty: every week


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Engagement by hour (rows) × weekday (columns) in ``zone``."""

    zone: str
    minute: int  # minutes past the hour each row starts at in ``zone`` (30 for UTC+5:30)
    hours: list[tuple[int, list[HeatCell]]]
    peak: str  # the busiest hour in words, "" when nothing was busy
    peak_away: str  # the busiest hour no live session covers
    peak_away_slot: Slot | None  # (weekday, row) of ``peak_away``

    def label(self, row: int) -> str:
        """Return when row ``row`` starts on the zone's clock, "21:30"."""
        return f"{row:02d}:{self.minute:02d}"


@dataclass(frozen=True, slots=True)
class Period:
    """The pilot weeks on the course's calendar: what a heatmap is read over."""

    course_zone: str
    calendar: CourseDates  # the course's weeks (for a live block's dates)
    first: date  # the pilot's first and last day, on the course's clock
    last: date

    def timeline(self, zone: str) -> Timeline:
        return zone_timeline(
            zone,
            self.first.toordinal() - _MARGIN_DAYS,
            self.last.toordinal() + _MARGIN_DAYS,
        )


def _slot(wall: int) -> Slot:
    """Return the (weekday, hour) of wall-clock minute ``wall`` (minutes since day ordinal 0)."""
    day, minute = divmod(wall, MINUTES_PER_DAY)
    return (day + 6) % 7, minute // 60  # ordinal 1 (1 January of year 1) was a Monday


def live_slots(sessions: Sequence[LiveSession], period: Period, zone: str) -> dict[Slot, str]:
    """Return the rows each live session covers in ``zone`` on its dates in the pilot weeks,
    with the session's title; a row it covers in some weeks only (the clocks changed between
    them) says which ("Seminar (week 2)")."""
    home, shown = period.timeline(period.course_zone), period.timeline(zone)
    drawn: dict[Slot, list[str]] = defaultdict(list)
    for session in sessions:
        weeks_at: dict[Slot, list[int]] = defaultdict(list)
        running = []
        for week, day in period.calendar.occurrences(session.weeks, session.day):
            if not period.first <= day <= period.last:
                continue
            running.append(week)
            # fold=0 for a wall time a clock change skips or repeats, as calendars read it.
            utc = home.to_utc(day.toordinal() * MINUTES_PER_DAY + minute_of(session.start))
            start = utc + shown.offset_at(utc)
            # Every row the session overlaps: rows start ``minute`` past each hour.
            row_start = start - (start - _row_minute(shown, utc)) % 60
            for wall in range(row_start, start + session.duration_minutes, 60):
                weeks_at[_slot(wall)].append(week)
        for slot, weeks in weeks_at.items():
            partly = len(set(weeks)) < len(set(running))
            label = f"{session.title} ({weeks_phrase(weeks)})" if partly else session.title
            if label not in drawn[slot]:
                drawn[slot].append(label)
    return {slot: "; ".join(titles) for slot, titles in drawn.items()}


def _row_minute(timeline: Timeline, utc: int) -> int:
    """Minutes past the hour a UTC hour starts at on the zone's clock (30 for UTC+5:30)."""
    return timeline.offset_at(utc) % 60


def _level(count: int, top: int) -> int:
    if count <= 0 or top <= 0:
        return 0
    return min(4, 1 + count * 4 // (top + 1))


def engagement_heatmap(
    grouped: Sequence[Sequence[int]],
    sessions: Sequence[LiveSession],
    period: Period,
    zone: str,
    held: Sequence[LiveSession] = (),
) -> Heatmap:
    """Return engagement in ``zone`` with the live sessions drawn on it, the busiest hour in
    words, and the busiest hour away from the live sessions (where engagement peaks when
    learners choose), in words and as (weekday, row). ``held`` are live sessions as they were
    held in the pilot weeks before an edit from the evidence moved them: their hours are busy
    with the sessions' own attendance, so they are not "away from the live sessions" either.

    ``grouped`` is (UTC hour since 1970, records, learners) per hour: each of those hours is
    placed on ``zone``'s clock at its own date. A cell is shown when at least one of its hours
    had five learners or more: then the figure is about five people at least; otherwise it is
    hidden, even if different people across the weeks add up to five (cautious by design)."""
    timeline = period.timeline(zone)
    counts: dict[Slot, int] = defaultdict(int)
    most: dict[Slot, int] = defaultdict(int)
    for hour_since, count, people in grouped:
        utc = _EPOCH_MINUTE + hour_since * 60
        slot = _slot(utc + timeline.offset_at(utc))
        counts[slot] += count
        most[slot] = max(most[slot], people)
    shown = {slot: n for slot, n in counts.items() if not held_back(most[slot])}
    top = max(shown.values(), default=0)
    drawn = live_slots(sessions, period, zone)
    minute = _row_minute(timeline, period.first.toordinal() * MINUTES_PER_DAY)
    hours = [
        (
            hour,
            [
                HeatCell(
                    shown.get((day, hour), 0)
                    if (day, hour) in shown or not counts.get((day, hour))
                    else None,
                    _level(shown.get((day, hour), 0), top),
                    drawn.get((day, hour), ""),
                )
                for day in range(7)
            ],
        )
        for hour in range(24)
    ]
    busy_live = drawn.keys() | live_slots(held, period, zone).keys()
    away = {slot: n for slot, n in shown.items() if slot not in busy_live}
    away_slot = busiest_slot(away)
    return Heatmap(
        zone=zone,
        minute=minute,
        hours=hours,
        peak=_in_words(busiest_slot(shown), minute),
        peak_away=_in_words(away_slot, minute),
        peak_away_slot=away_slot,
    )


def busiest_slot(cells: dict[Slot, int]) -> Slot | None:
    """The busiest (weekday, row), the earliest of equals; None when nothing was busy."""
    if not cells or not max(cells.values()):
        return None
    slot, _ = max(cells.items(), key=lambda item: (item[1], -item[0][0], -item[0][1]))
    return slot


def _in_words(slot: Slot | None, minute: int) -> str:
    """A row in words ("Wednesday 19:00–20:00"; "Wednesday 19:30–20:30" at half past)."""
    if slot is None:
        return ""
    day, hour = slot
    return f"{WEEKDAYS[day]} {hour:02d}:{minute:02d}–{(hour + 1) % 24:02d}:{minute:02d}"
