"""UTC offsets of IANA time zones on a given date, and clock distances between zones.

The recommendation only needs how far apart learners' clocks are from the instructor's on
one date (the course's start, or a fixed reference date when there is none), so offsets are
looked up once per (zone, date) and cached. Week-by-week planning across daylight-saving
changes lives in ``schedules.rules.timezones``.
"""

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Used when a course has no start date yet. Fixed, never today's date, so that the same facts
# always give the same recommendation; a Monday in northern winter (standard time in Europe
# and North America, summer time in New Zealand and south-east Australia).
REFERENCE_DATE = date(2027, 1, 11)

HOURS_PER_DAY = 24


@lru_cache(maxsize=4096)
def is_known_zone(name: str) -> bool:
    """Return whether ``name`` is a time zone zoneinfo can load (e.g. "Europe/London")."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: malformed keys such as "" or "../x"; OSError: a folder such as "Europe".
        return False
    return True


@lru_cache(maxsize=4096)
def utc_offset_hours(name: str, on: date) -> float:
    """Return zone ``name``'s UTC offset in hours at noon UTC on ``on`` (e.g. 5.5 for India)."""
    offset = datetime.combine(on, time(12), tzinfo=UTC).astimezone(ZoneInfo(name)).utcoffset()
    return 0.0 if offset is None else offset.total_seconds() / 3600


def clock_distance_hours(first: float, second: float) -> float:
    """Return how many hours apart two UTC offsets put the clocks, the short way round (0–12).

    UTC+13 and UTC-10 are 23 hours apart on paper but their clocks show nearly the same
    time of day (a day apart), which is what matters for a live session.
    """
    apart = abs(first - second) % HOURS_PER_DAY
    return min(apart, HOURS_PER_DAY - apart)
