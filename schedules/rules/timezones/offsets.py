"""UTC offsets of IANA time zones on dates, and clock distances between zones.

Two uses. The recommendation only needs how far apart learners' clocks are from the
instructor's on one date (the course's start, or a fixed reference date when there is none),
so those offsets are looked up once per (zone, date) and cached (``utc_offset_hours``,
``clock_distance_hours``). The week-by-week planner (``coverage``, ``slots``) needs every
offset a zone has over a whole course, to the minute, as an integer table it can look up
without a ``datetime``: a ``Timeline`` (``zone_timeline``).
"""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from schedules.rules.timezones.minutes import MINUTES_PER_DAY

# Used when a course has no start date yet. Fixed, never today's date, so that the same facts
# always give the same recommendation; a Monday in northern winter (standard time in Europe
# and North America, summer time in New Zealand and south-east Australia).
REFERENCE_DATE = date(2027, 1, 11)

HOURS_PER_DAY = 24

_UNIX_EPOCH_MINUTE = date(1970, 1, 1).toordinal() * MINUTES_PER_DAY
_FAR_PAST = -(2**62)
_SAMPLE_MINUTES = 7 * MINUTES_PER_DAY


@lru_cache(maxsize=4096)
def is_known_zone(name: str) -> bool:
    """Return whether ``name`` is a time zone zoneinfo can load (e.g. "Europe/London")."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: malformed keys such as "" or "../x"; OSError: a folder such as "Europe".
        return False
    return True


def load_zone(name: str) -> ZoneInfo:
    """Return the zone called ``name``; raise ValueError if zoneinfo does not know it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: "Europe" is a folder
        raise ValueError(f"Unknown time zone {name!r}.") from error


# Offsets on one date ------------------------------------------------------------------------


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


# Offsets over a course, as integer tables ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timeline:
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


def zone_timeline(name: str, first_day: int, last_day: int) -> Timeline:
    """Return the offsets of zone ``name`` from the UTC midnight of day ordinal ``first_day``
    to (at least) that of ``last_day``."""
    zone = load_zone(name)
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
    return Timeline(tuple(utc_starts), tuple(wall_starts), tuple(offsets))


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
