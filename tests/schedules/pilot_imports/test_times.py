import re
from datetime import UTC, date, datetime

import pytest

from schedules.pilot_imports import ErrorCode, PilotImportError
from schedules.pilot_imports.times import Clock, parse_hms_duration, parse_iso_duration


def clock(day_first: bool | None = True, zone: str = "Europe/Berlin") -> Clock:
    return Clock(zone, date(2026, 11, 30), date(2026, 12, 13), day_first=day_first)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("07/12/26, 14:05", datetime(2026, 12, 7, 13, 5)),  # Moodle 3 (en)
        ("07/12/26, 14:05:33", datetime(2026, 12, 7, 13, 5, 33)),  # Moodle 4
        ("7 Dec, 14:05", datetime(2026, 12, 7, 13, 5)),  # old Moodle, no year
        ("Monday, 7 December 2026, 2:05 PM", datetime(2026, 12, 7, 13, 5)),
        ("Dec 7, 2026, 2:05 PM", datetime(2026, 12, 7, 13, 5)),
        ("07.12.2026 14:05", datetime(2026, 12, 7, 13, 5)),
        ("2026-12-07 14:05:00", datetime(2026, 12, 7, 13, 5)),  # %F %T, local
        ("2026-12-07T14:05:00Z", datetime(2026, 12, 7, 14, 5)),
        ("2026-12-07T14:05:00.250+05:30", datetime(2026, 12, 7, 8, 35, 0, 250_000)),
        ("07/12/2026 12:05:00 AM", datetime(2026, 12, 6, 23, 5)),  # midnight hour
    ],
)
def test_the_clock_reads_the_times_exports_write(text, utc):
    assert clock().parse(text) == utc.replace(tzinfo=UTC)


def test_month_first_files_read_month_first():
    assert clock(day_first=False).parse("12/07/26, 14:05") == datetime(
        2026, 12, 7, 13, 5, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "no time given"),
        ("yesterday", "“yesterday” is not a date and time we can read"),
        ("32/12/26, 10:00", "“32/12/26, 10:00” is not a real date and time"),
        ("07/12/26, 25:00", "“07/12/26, 25:00” is not a real date and time"),
        ("07/12/26, 13:00 PM", "“07/12/26, 13:00 PM” is not a real date and time"),
    ],
)
def test_times_that_are_not_times_are_value_errors_saying_which(text, says):
    with pytest.raises(ValueError, match=re.escape(says)):
        clock().parse(text)


def test_a_date_against_the_files_order_is_refused_with_the_order():
    with pytest.raises(ValueError, match="day/month/year"):
        clock().parse("12/13/26, 10:00")


def test_an_unknown_zone_is_our_error():
    with pytest.raises(PilotImportError) as refused:
        clock(zone="Mars/Olympus")
    assert refused.value.code is ErrorCode.BAD_ZONE


@pytest.mark.parametrize(
    ("text", "minutes"), [("1h 2m 5s", 62 + 5 / 60), ("45m 30s", 45.5), ("59s", 59 / 60)]
)
def test_teams_durations(text, minutes):
    assert parse_hms_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize(
    ("text", "minutes"), [("PT1H2M30S", 62.5), ("PT24M30S", 24.5), ("P1D", 1440)]
)
def test_xapi_durations(text, minutes):
    assert parse_iso_duration(text) == pytest.approx(minutes)
