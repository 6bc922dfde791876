"""The VTIMEZONE on its own: read by icalendar and vobject, it gives zoneinfo's offsets,
whether the zone follows yearly rules or not."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar, Event

from schedules.exports.vtimezone import vtimezone


def calendar_with(zone: str, first: date, last: date) -> bytes:
    """Return a calendar with the zone, renamed so readers cannot use their own copy, and a
    daily event at 12:00 local from ``first`` to ``last``."""
    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add_component(vtimezone(zone, first, last))
    event = Event()
    event.add("uid", "noon@test")
    event.add("dtstamp", datetime(2020, 1, 1, tzinfo=UTC))
    event.add("dtstart", datetime.combine(first, time(12), tzinfo=ZoneInfo(zone)))
    event.add("rrule", {"freq": "daily", "count": (last - first).days + 1})
    calendar.add_component(event)
    return bytes(calendar.to_ical()).replace(zone.encode(), b"Own zone " + zone.encode())


@pytest.mark.parametrize(
    ("zone", "first", "last"),
    [
        pytest.param("Australia/Sydney", date(2027, 3, 20), date(2027, 10, 20), id="Sydney"),
        # Mexico City stopped daylight saving in October 2022: no yearly rule describes it.
        pytest.param("America/Mexico_City", date(2022, 3, 20), date(2022, 11, 20), id="Mexico"),
    ],
)
def test_the_zone_gives_zoneinfos_offset_on_every_day(zone, first, last):
    ics = calendar_with(zone, first, last)
    expected = [
        datetime.combine(first + timedelta(days=n), time(12), tzinfo=ZoneInfo(zone))
        for n in range((last - first).days + 1)
    ]
    assert len({moment.utcoffset() for moment in expected}) == 2
    registry = vars(vobject.icalendar)["__tzidMap"]  # see test_ical.read_with_vobject
    for tzid in [tzid for tzid in registry if tzid != "UTC"]:
        del registry[tzid]
    from_vobject = list(vobject.readOne(ics.decode()).vevent.getrruleset())
    assert [moment.astimezone(UTC) for moment in from_vobject] == [
        moment.astimezone(UTC) for moment in expected
    ]
    parsed: Any
    [parsed] = Calendar.from_ical(ics).walk("VTIMEZONE")
    own = parsed.to_tz()
    assert [moment.replace(tzinfo=own).utcoffset() for moment in expected] == [
        moment.utcoffset() for moment in expected
    ]


def test_a_zone_that_stopped_daylight_saving_is_written_change_by_change():
    component = vtimezone("America/Mexico_City", date(2022, 3, 20), date(2022, 11, 20))
    observances = component.subcomponents
    assert not [o for o in observances if "RRULE" in o]
    assert [o.name for o in observances] == ["STANDARD", "DAYLIGHT", "STANDARD"]
