"""A course's weeks on the calendar: which date a block's day falls on, which of those dates
lie within the course, and local times that a daylight-saving change skips or repeats.

Week 1 is the week (Monday to Sunday) that holds the course's start date, and the course
ends on the Sunday of its last week. A course that starts on a Wednesday has no Monday or
Tuesday in week 1: a session placed there does not happen, and every export leaves it out.

Plain Python over ``zoneinfo``; the exports and the blend checks share it, so an export and
the editor agree on every date.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class CourseDates:
    """The dates of a course that starts on ``start`` and runs ``weeks`` weeks."""

    start: date
    weeks: int

    @property
    def first_monday(self) -> date:
        return self.start - timedelta(days=self.start.weekday())

    @property
    def end(self) -> date:
        """The last day of the course: the Sunday of its last week."""
        return self.first_monday + timedelta(weeks=self.weeks, days=-1)

    def date_of(self, week: int, day: int) -> date:
        """Return the date of weekday ``day`` (0 = Monday) in course week ``week``."""
        return self.first_monday + timedelta(weeks=week - 1, days=day)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def occurrences(self, weeks: Iterable[int], day: int) -> list[tuple[int, date]]:
        """Return (week, date) of weekday ``day`` in each of ``weeks`` (empty: every week)
        that lies within the course, in week order."""
        running = sorted(set(weeks)) or range(1, self.weeks + 1)
        return [
            (week, when)
            for week in running
            if 1 <= week <= self.weeks and self.contains(when := self.date_of(week, day))
        ]


class ClockChange(StrEnum):
    """What a daylight-saving change does to a local time on one day."""

    SKIPPED = "skipped"  # the clocks jump over it (spring forward): it never happens
    REPEATED = "repeated"  # the clocks go back over it (fall back): it happens twice


@dataclass(frozen=True, slots=True)
class ClockTrouble:
    """A local time that does not exist, or exists twice, on a day in a time zone."""

    day: date
    at: time
    zone: str
    change: ClockChange
    shown_at: time  # when calendars show it: the time after the jump, or the first of two

    def sentence(self) -> str:
        """Return the trouble as a sentence a teacher reads (in the editor and the exports)."""
        when = f"{self.day:%A} {self.day.day} {self.day:%B %Y}"
        if self.change == ClockChange.SKIPPED:
            return (
                f"On {when} {self.at:%H:%M} does not exist in {self.zone}: the clocks go "
                f"forward over it, so calendars show the session at {self.shown_at:%H:%M}."
            )
        return (
            f"On {when} {self.at:%H:%M} happens twice in {self.zone}: the clocks go back "
            f"over it, so calendars show the session at the first {self.at:%H:%M} "
            "(summer time)."
        )


def clock_trouble(day: date, at: time, zone: str) -> ClockTrouble | None:
    """Return what a daylight-saving change does to local time ``at`` on ``day`` in ``zone``,
    or None when the time happens exactly once that day."""
    tz = ZoneInfo(zone)
    first = datetime.combine(day, at, tzinfo=tz)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    # Round-trip through UTC: a time that exists comes back as itself.
    back = first.astimezone(UTC).astimezone(tz)
    if back.replace(tzinfo=None) != first.replace(tzinfo=None):
        return ClockTrouble(day, at, zone, ClockChange.SKIPPED, back.time())
    return ClockTrouble(day, at, zone, ClockChange.REPEATED, at)
