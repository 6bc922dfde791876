"""A time zone as an iCalendar VTIMEZONE (RFC 5545 3.6.5) that every reader gets right.

Written here rather than by icalendar's ``add_missing_timezones``, which lists a zone's
changes as one RDATE with several dates: vobject keeps only the first of them, putting every
session after the next change an hour out.

Like Google Calendar and Outlook, the zone's present rules are written as one yearly RRULE
per observance ("the last Sunday of March at 01:00"), from 1970. A reader that compares the
zone with others over earlier years (vobject takes a zone with no change in 2000-2020 and
offset +00:00 for UTC) sees the zone it is. The rules are checked against ``zoneinfo`` for
every change from the year before the dates to the year after; a zone whose changes no
yearly rule describes (one that stops daylight saving, or follows a lunar calendar) gets
one STANDARD or DAYLIGHT component per change instead, each with a single DTSTART.
"""

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class _Change:
    """One change of a zone's offset."""

    wall: datetime  # naive: the local time it happens at, on the clock before it
    offset_from: timedelta
    offset_to: timedelta
    name: str  # the abbreviation after it, e.g. "BST"
    daylight: bool


@dataclass(frozen=True, slots=True)
class _YearlyRule:
    """A change that happens every year: the ``nth`` (-1: last) ``weekday`` of ``month``."""

    month: int
    nth: int
    weekday: int
    at: time
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    def day_in(self, year: int) -> date:
        weeks = calendar.monthcalendar(year, self.month)
        days = [week[self.weekday] for week in weeks if week[self.weekday]]
        return date(year, self.month, days[self.nth if self.nth < 0 else self.nth - 1])

    def change_in(self, year: int) -> _Change:
        wall = datetime.combine(self.day_in(year), self.at)
        return _Change(wall, self.offset_from, self.offset_to, self.name, self.daylight)


def _offset_at(zone: ZoneInfo, moment: datetime) -> timedelta:
    return moment.astimezone(zone).utcoffset() or timedelta(0)


def _changes(zone: ZoneInfo, since: datetime, until: datetime) -> list[_Change]:
    """Return the changes of ``zone``'s offset after UTC ``since`` up to ``until``.

    A day at a time, then halving the day that holds a change down to the second (no zone
    changes its offset twice in a day).
    """
    changes = []
    moment = since
    while moment < until:
        later = min(moment + timedelta(days=1), until)
        if _offset_at(zone, moment) != _offset_at(zone, later):
            low, high = moment, later  # the change is after low, at or before high
            while high - low > timedelta(seconds=1):
                middle = low + timedelta(seconds=(high - low).total_seconds() // 2)
                low, high = (
                    (middle, high)
                    if _offset_at(zone, middle) == _offset_at(zone, low)
                    else (low, middle)
                )
            before, after = _offset_at(zone, low), high.astimezone(zone)
            changes.append(
                _Change(
                    wall=(high + before).replace(tzinfo=None),
                    offset_from=before,
                    offset_to=_offset_at(zone, high),
                    name=after.tzname() or "",
                    daylight=bool(after.dst()),
                )
            )
        moment = later
    return changes


def _yearly_rule(change: _Change) -> _YearlyRule:
    day = change.wall.date()
    last_day = calendar.monthrange(day.year, day.month)[1]
    nth = -1 if day.day + 7 > last_day else (day.day - 1) // 7 + 1
    return _YearlyRule(
        day.month,
        nth,
        day.weekday(),
        change.wall.time(),
        change.offset_from,
        change.offset_to,
        change.name,
        change.daylight,
    )


def _observance(change: _Change, rule: _YearlyRule | None) -> TimezoneStandard | TimezoneDaylight:
    observance = TimezoneDaylight() if change.daylight else TimezoneStandard()
    observance.add("dtstart", change.wall)
    if rule is not None:
        observance.add(
            "rrule",
            {"freq": "yearly", "bymonth": rule.month, "byday": f"{rule.nth}{_BYDAY[rule.weekday]}"},
        )
    observance.add("tzoffsetfrom", change.offset_from)
    observance.add("tzoffsetto", change.offset_to)
    observance.add("tzname", change.name)
    return observance


def vtimezone(name: str, first: date, last: date) -> Timezone:
    """Return IANA zone ``name`` as a VTIMEZONE, right for every time from ``first`` to
    ``last``: yearly rules when the zone follows them, else each change on its own."""
    zone = ZoneInfo(name)
    years = range(first.year - 1, last.year + 2)
    changes = _changes(
        zone,
        datetime(years[0], 1, 1, tzinfo=UTC),
        datetime(years[-1] + 1, 1, 1, tzinfo=UTC),
    )
    component = Timezone()
    component.add("tzid", name)
    rules = sorted(set(map(_yearly_rule, changes)), key=lambda rule: (rule.month, rule.nth))
    if changes and [rule.change_in(year) for year in years for rule in rules] == changes:
        for rule in rules:
            component.add_component(_observance(rule.change_in(1970), rule))
        return component
    start = datetime.combine(first, time())
    end = datetime.combine(last + timedelta(days=1), time())
    in_force = [change for change in changes if change.wall <= start]
    if in_force:
        component.add_component(_observance(in_force[-1], None))
    else:  # no change in the year before: one offset since 1970
        moment = datetime.combine(first, time(), tzinfo=UTC)
        offset, abbreviation = _offset_at(zone, moment), moment.astimezone(zone).tzname() or ""
        steady = _Change(datetime(1970, 1, 1), offset, offset, abbreviation, daylight=False)
        component.add_component(_observance(steady, None))
    for change in changes:
        if start < change.wall < end:
            component.add_component(_observance(change, None))
    return component
