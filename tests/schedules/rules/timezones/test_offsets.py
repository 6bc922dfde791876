"""UTC offsets of zones on a date and over a course, and clock distances between zones."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.rules.timezones.minutes import MINUTES_PER_DAY
from schedules.rules.timezones.offsets import (
    REFERENCE_DATE,
    clock_distance_hours,
    is_known_zone,
    load_zone,
    utc_offset_hours,
    zone_timeline,
)
from tests.schedules.rules.timezones.cases import NEAR_CLOCK_CHANGES, zones

EPOCH = date(1970, 1, 1).toordinal() * MINUTES_PER_DAY


def utc_minute(moment: datetime) -> int:
    return EPOCH + int(moment.timestamp()) // 60


def test_known_zones_load_and_malformed_or_missing_names_do_not():
    assert is_known_zone("Europe/London")
    for name in ("", "../x", "Europe", "Atlantic/Atlantis"):
        assert not is_known_zone(name), name


@pytest.mark.parametrize("name", ["", "../x", "Europe", "Atlantic/Atlantis"])
def test_loading_an_unknown_zone_says_so_whatever_the_name(name):
    """A folder of the tz database ("Europe") once raised IsADirectoryError instead."""
    with pytest.raises(ValueError, match="Unknown time zone"):
        load_zone(name)


def test_the_offset_on_a_date_follows_daylight_saving_and_half_hour_zones():
    assert utc_offset_hours("Asia/Kolkata", REFERENCE_DATE) == 5.5
    assert utc_offset_hours("Europe/London", date(2027, 1, 11)) == 0.0
    assert utc_offset_hours("Europe/London", date(2027, 7, 12)) == 1.0
    # The reference date is in northern winter: summer time in New Zealand.
    assert utc_offset_hours("Pacific/Auckland", REFERENCE_DATE) == 13.0


def test_clock_distance_is_the_short_way_round_the_day():
    assert clock_distance_hours(0.0, 5.5) == 5.5
    assert clock_distance_hours(13.0, -10.0) == 1.0
    assert clock_distance_hours(-5.0, 8.0) == 11.0
    assert clock_distance_hours(12.0, -12.0) == 0.0


def test_a_timeline_finds_a_clock_change_to_the_minute():
    # London springs forward at 01:00 UTC on Sunday 28 March 2027.
    first = date(2027, 3, 15).toordinal()
    london = zone_timeline("Europe/London", first, first + 28)
    change = utc_minute(datetime(2027, 3, 28, 1, tzinfo=UTC))
    assert (london.offset_at(change - 1), london.offset_at(change)) == (0, 60)
    assert london.changes_between(change, change + 1)
    assert not london.changes_between(change + 1, change + MINUTES_PER_DAY)
    # 01:30 on the wall does not exist that night; it is read with the offset before (fold=0).
    wall = date(2027, 3, 28).toordinal() * MINUTES_PER_DAY + 90
    assert london.to_utc(wall) == wall


@settings(max_examples=60, deadline=None)
@given(
    zone=zones,
    start=st.sampled_from(NEAR_CLOCK_CHANGES),
    minute=st.integers(-2 * MINUTES_PER_DAY, 30 * MINUTES_PER_DAY),
)
def test_a_timeline_gives_the_offset_zoneinfo_gives_at_every_minute(zone, start, minute):
    first = start.toordinal()
    timeline = zone_timeline(zone, first - 2, first + 28)
    utc = first * MINUTES_PER_DAY + minute
    moment = datetime.fromtimestamp((utc - EPOCH) * 60, ZoneInfo(zone))
    offset = moment.utcoffset()
    assert offset is not None
    assert timeline.offset_at(utc) == offset.total_seconds() // 60
