"""Reading the times exports write, in the zone they were written in.

LMS and meeting tools write local times in the zone of the person who downloaded the report
(Moodle: the downloading user's zone; Zoom: the account's; Teams: the downloader's), in
their locale's order: ``07/12/26, 14:05`` is 7 December in Moodle's English and 12 July in
its US English. Old Moodle versions write no year at all (``7 Dec, 14:05``). A ``Clock``
reads one file's times: it settles the day/month order from the file itself (a day above 12
decides it) or from the course dates, infers a missing year from the course dates, and
keeps the sentences saying what it assumed.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import ErrorCode, PilotImportError

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp]\.?\s?[Mm]\.?)?"
# 07/12/26, 14:05 · 12/07/2026 09:58:12 AM · 7.12.2026 14:05
NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2}),?\s+" + _TIME)
# 7 Dec, 14:05 · Monday, 7 December 2026, 2:05 PM · 7 Dec 2026 14:05
NAMED = re.compile(r"(?:[A-Za-z]+,\s*)?(\d{1,2})\s+([A-Za-z]+)\.?(?:\s+(\d{4}))?,?\s+" + _TIME)
# Dec 7, 2026, 2:05 PM
NAMED_US = re.compile(r"(?:[A-Za-z]+,\s*)?([A-Za-z]+)\.?\s+(\d{1,2}),?(?:\s+(\d{4}))?,?\s+" + _TIME)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?")

SECONDS = [timedelta(seconds=second) for second in range(60)]
SAMPLE_ROWS = 2000  # rows a reader looks at before it settles the day/month order


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise PilotImportError(
            ErrorCode.BAD_ZONE, f"“{name}” is not a time zone we know."
        ) from error


def _hour(hour: int, meridiem: str | None) -> int:
    if not meridiem:
        return hour
    if hour < 1 or hour > 12:
        raise ValueError(f"hour {hour} with {meridiem}")
    pm = meridiem[0] in "Pp"
    return (hour % 12) + (12 if pm else 0)


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def numeric_parts(text: str) -> tuple[int, int] | None:
    """Return the first two numbers of a numeric date (``07/12/26`` → 7, 12), else None."""
    match = NUMERIC.fullmatch(text.strip())
    return (int(match[1]), int(match[2])) if match else None


@dataclass
class Clock:
    """Reads one file's local times into aware UTC datetimes (see the module docstring)."""

    zone_name: str
    course_start: date
    course_end: date
    day_first: bool | None = None  # None: not settled yet
    inferred_years: set[int] = field(default_factory=set)
    order_source: str = ""  # "file", "course dates" or "given"
    read_local: bool = False  # whether any time without an offset was read in the zone
    _cache: dict[str, datetime] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.tz = zone(self.zone_name)
        if self.day_first is not None:
            self.order_source = "given"

    # ----- settling the day/month order -------------------------------------------------

    def settle(self, samples: list[tuple[int, str]]) -> None:
        """Settle the day/month order from ``(line, text)`` samples of the file's times.

        A first number above 12 means day first, a second above 12 month first; both in one
        file is refused (mixed formats). When no date decides it, the order under which more
        dates fall within the course is taken; when both fit equally, the file is refused as
        ambiguous unless the order changes nothing (every day equals its month)."""
        if self.day_first is not None:
            return
        day_first: list[int] = []
        month_first: list[int] = []
        pairs: list[tuple[int, int]] = []
        for line, text in samples:
            parts = numeric_parts(text)
            if parts is None:
                continue
            pairs.append(parts)
            if parts[0] > 12 >= parts[1]:
                day_first.append(line)
            elif parts[1] > 12 >= parts[0]:
                month_first.append(line)
        if day_first and month_first:
            raise PilotImportError(
                ErrorCode.MIXED_DATES,
                "The file mixes date formats: line "
                f"{day_first[0]} has the day first, line {month_first[0]} the month first. "
                "Download the report again without editing it.",
            )
        if day_first or month_first:
            self.day_first = bool(day_first)
            self.order_source = "file"
            return
        if not pairs:
            return
        self._settle_by_course(pairs)

    def _settle_by_course(self, pairs: list[tuple[int, int]]) -> None:
        if all(a == b for a, b in pairs):
            self.day_first = True
            self.order_source = "file"
            return
        fits = {True: 0, False: 0}
        for order in (True, False):
            self.day_first = order
            for a, b in pairs:
                day, month = (a, b) if order else (b, a)
                fits[order] += any(
                    self._in_course(date(year, month, day))
                    for year in range(self.course_start.year, self.course_end.year + 1)
                    if _valid(year, month, day)
                )
        if fits[True] == fits[False]:
            self.day_first = None
            raise PilotImportError(
                ErrorCode.AMBIGUOUS_DATES,
                "The dates in this file can be read day first (07/12 = 7 December) or month "
                "first (07/12 = 12 July), and the course dates do not tell which. Say which "
                "order the file uses and import it again.",
            )
        self.day_first = fits[True] > fits[False]
        self.order_source = "course dates"

    def _in_course(self, day: date) -> bool:
        return self.course_start - timedelta(days=7) <= day <= self.course_end + timedelta(days=7)

    # ----- reading ------------------------------------------------------------------------

    def parse(self, text: str) -> datetime:
        """Return the aware UTC instant of local time ``text``; ValueError with a reason."""
        if len(text) > 8 and text[-3] == ":" and text[-6] == ":" and text[-2:].isdigit():
            # "…14:05:33": read "…14:05" once per minute, then add the seconds (a log of a
            # million rows has a few tens of thousands of minutes; clocks change on minutes).
            seconds = int(text[-2:])
            if seconds < 60:
                try:
                    return self._cached(text[:-3]) + SECONDS[seconds]
                except ValueError:
                    pass  # not a time with seconds after all: read it whole
        return self._cached(text)

    def _cached(self, text: str) -> datetime:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        value = self._parse(text.strip())
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[text] = value
        return value

    def _parse(self, text: str) -> datetime:
        if not text:
            raise ValueError("no time given")
        if ISO.fullmatch(text):
            return self._iso(text)
        if match := NUMERIC.fullmatch(text):
            a, b = int(match[1]), int(match[2])
            if self.day_first is None and a != b:
                if a <= 12 and b <= 12:
                    raise ValueError("the day and month order is not known")
                self.day_first = a > 12
                self.order_source = "file"
            day_first = True if self.day_first is None else self.day_first
            day, month = (a, b) if day_first else (b, a)
            if month > 12:
                order = "day/month/year" if day_first else "month/day/year"
                raise ValueError(f"“{text}” is not in the file's date order ({order})")
            year = _year(match[3])
            return self._local(year, month, day, match, 4)
        if match := NAMED.fullmatch(text):
            return self._named(match[1], match[2], match[3], match, text)
        if match := NAMED_US.fullmatch(text):
            return self._named(match[2], match[1], match[3], match, text)
        raise ValueError(f"“{text}” is not a date and time we can read")

    def _named(
        self, day_text: str, month_text: str, year_text: str | None, match: re.Match[str], text: str
    ) -> datetime:
        month = MONTHS.get(month_text.lower())
        if month is None:
            raise ValueError(f"“{text}” is not a date and time we can read")
        day = int(day_text)
        year = int(year_text) if year_text else self._infer_year(month, day)
        return self._local(year, month, day, match, 4)

    def _infer_year(self, month: int, day: int) -> int:
        """The year that puts the day nearest the course (inside it when one does)."""
        best: tuple[int, int] | None = None
        for year in range(self.course_start.year - 1, self.course_end.year + 2):
            if not _valid(year, month, day):
                continue
            when = date(year, month, day)
            gap = max((self.course_start - when).days, (when - self.course_end).days, 0)
            if best is None or gap < best[0]:
                best = (gap, year)
        if best is None:
            raise ValueError(f"day {day} of month {month} does not exist")
        self.inferred_years.add(best[1])
        return best[1]

    def _local(self, year: int, month: int, day: int, match: re.Match[str], at: int) -> datetime:
        try:
            hour = _hour(int(match[at]), match[at + 3])
            local = datetime(year, month, day, hour, int(match[at + 1]), int(match[at + 2] or 0))
        except ValueError:
            raise ValueError(f"“{match[0]}” is not a real date and time") from None
        self.read_local = True
        return local.replace(tzinfo=self.tz).astimezone(UTC)

    def _iso(self, text: str) -> datetime:
        value = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
        if value.tzinfo is None:
            self.read_local = True
            value = value.replace(tzinfo=self.tz)
        return value.astimezone(UTC)

    # ----- what was assumed -----------------------------------------------------------------

    def assumptions(self) -> list[str]:
        said = [f"Times read as {self.zone_name}."] if self.read_local else []
        if self.inferred_years:
            years = sorted(self.inferred_years)
            span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
            said.append(f"The file gives no year: {span} inferred from the course dates.")
        if self.order_source in ("file", "course dates") and self.day_first is not None:
            order = (
                "day first (07/12 = 7 December)"
                if self.day_first
                else ("month first (07/12 = 12 July)")
            )
            said.append(f"Dates read {order}, as the {self.order_source} showed.")
        return said


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_iso_duration(text: str) -> float:
    """Return the minutes of an ISO 8601 duration (``PT1H2M30S`` → 62.5); ValueError."""
    match = re.fullmatch(
        r"P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?",
        text.strip(),
    )
    if not match or text.strip() in ("P", "PT"):
        raise ValueError(f"“{text}” is not a duration")
    days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
    return days * 1440 + hours * 60 + minutes + seconds / 60


def parse_hms_duration(text: str) -> float:
    """Return the minutes of a Teams duration (``1h 2m 5s``, ``45m 30s``); ValueError."""
    match = re.fullmatch(r"\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*", text)
    if not match or not any(match.groups()):
        raise ValueError(f"“{text}” is not a duration")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 60 + minutes + seconds / 60
