"""The live sessions of a submitted version as iCalendar (RFC 5545), for calendars and LMSs.

One weekly recurring event per live block, in the course's time zone (TZID, with the
VTIMEZONE of ``vtimezone.py``: one yearly rule per observance), from the block's first
session within the course's dates (``CourseDates.occurrences``) with a COUNT, and an EXDATE
for each week in between that the block skips. The description names the activity, the
self-paced work that prepares it week by week, and any session whose local time a
daylight-saving change skips or repeats.

Every event carries the version: SEQUENCE is its number, DTSTAMP and LAST-MODIFIED its
submission time, and the UID stays the same for a block from one version to the next, so a
calendar that imports version 2 updates the events of version 1. The same version always
gives the same bytes.
"""

import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from schedules.exports.refusals import NothingToExport
from schedules.exports.vtimezone import vtimezone
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.course_dates import CourseDates, clock_trouble
from schedules.rules.weeks import weeks_phrase

# RFC 5545 3.3.11: TEXT may hold any character but the controls (tab and newline excepted).
_KEPT_CONTROLS = {"\t", "\n"}


def _text(value: str) -> str:
    """Return ``value`` without the control characters iCalendar TEXT may not hold."""
    return "".join(
        char for char in value if char in _KEPT_CONTROLS or unicodedata.category(char) != "Cc"
    )


def _prepared_by(block: dict[str, Any]) -> int:
    """Return the weekday by which a self-paced block has started and is due."""
    day: int = block["day"]
    due: int | None = block["due_day"]
    return day if due is None else max(day, due)


def _preparation(
    snapshot: dict[str, Any], dates: CourseDates, live: dict[str, Any], weeks: Iterable[int]
) -> str:
    """Return the self-paced work that prepares ``live`` in each of ``weeks``, weeks with the
    same work grouped: "Week 1: Reading A. Weeks 2–4: Reading B, Quiz." ("" when none).

    A self-paced block prepares a session in a week when it runs that week, within the
    course's dates, and starts and is due by the session's day.
    """
    by_week: dict[int, list[str]] = {}
    for block in snapshot["blocks"]:
        if block["modality"] == Modality.LIVE or _prepared_by(block) > live["day"]:
            continue
        for week, _ in dates.occurrences(block["weeks"], block["day"]):
            by_week.setdefault(week, []).append(_text(block["title"]))
    groups: dict[tuple[str, ...], list[int]] = {}
    for week in weeks:
        if week in by_week:
            groups.setdefault(tuple(by_week[week]), []).append(week)
    return " ".join(
        f"{weeks_phrase(in_weeks).capitalize()}: {', '.join(titles)}."
        for titles, in_weeks in groups.items()
    )


def _description(
    snapshot: dict[str, Any], dates: CourseDates, block: dict[str, Any], days: list[date]
) -> str:
    """Return what the event says: the activity and day, the preparation, clock trouble."""
    lines = [f"{ActivityType(block['activity_type']).label}, {Weekday(block['day']).label}."]
    weeks = [week for week, _ in dates.occurrences(block["weeks"], block["day"])]
    preparation = _preparation(snapshot, dates, block, weeks)
    if preparation:
        lines.append(f"Prepare beforehand. {preparation}")
    at = time.fromisoformat(block["start_time"])
    zone = snapshot["course"]["timezone"]
    lines.extend(
        trouble.sentence() for day in days if (trouble := clock_trouble(day, at, zone)) is not None
    )
    return "\n".join(lines)


def _event(
    snapshot: dict[str, Any],
    dates: CourseDates,
    block: dict[str, Any],
    sessions: list[tuple[int, date]],
    *,
    uid_prefix: str,
    sequence: int,
    stamp: datetime,
) -> Event:
    """Return a live block's sessions (week, date) as one weekly recurring event."""
    zone = ZoneInfo(snapshot["course"]["timezone"])
    at = time.fromisoformat(block["start_time"])
    (first_week, first_day), (last_week, _) = sessions[0], sessions[-1]
    start = datetime.combine(first_day, at, tzinfo=zone)
    event = Event()
    event.add("uid", f"{uid_prefix}-block-{block['id']}@blendplan")
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("summary", _text(block["title"]))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=block["duration_minutes"]))
    event.add("rrule", {"freq": "weekly", "count": last_week - first_week + 1})
    running = {week for week, _ in sessions}
    for week in range(first_week, last_week + 1):
        if week not in running:
            # The wall-clock time of that week's session, as the RRULE would make it.
            event.add(
                "exdate",
                datetime.combine(first_day + timedelta(weeks=week - first_week), at, tzinfo=zone),
            )
    event.add("description", _description(snapshot, dates, block, [day for _, day in sessions]))
    return event


def live_sessions_ics(
    snapshot: dict[str, Any], *, uid_prefix: str, sequence: int, stamp: datetime
) -> bytes:
    """Return the live sessions of a version's ``snapshot`` as an iCalendar file.

    ``sequence`` is the version's number and ``stamp`` its submission time (DTSTAMP and
    LAST-MODIFIED), so the same version always gives the same bytes. Raises
    NothingToExport, with a sentence saying what to change, when the course has no start
    date or no live session with a start time within its dates.
    """
    course = snapshot["course"]
    if not course.get("start_date"):
        raise NothingToExport(
            "The course has no start date, so its live sessions have no dates to put in a "
            "calendar: set the start date on the course's page, then submit the schedule again."
        )
    timed = [
        block
        for block in snapshot["blocks"]
        if block["modality"] == Modality.LIVE and block["start_time"]
    ]
    if not timed:
        raise NothingToExport(
            "This version has no live session with a start time, so there is nothing to put "
            "in a calendar: give a live session a start time in the editor, then submit the "
            "schedule again."
        )
    dates = CourseDates(date.fromisoformat(course["start_date"]), course["weeks"])
    stamp = stamp.astimezone(UTC).replace(microsecond=0)
    events = [
        _event(
            snapshot, dates, block, sessions, uid_prefix=uid_prefix, sequence=sequence, stamp=stamp
        )
        for block in timed
        if (sessions := dates.occurrences(block["weeks"], block["day"]))
    ]
    if not events:
        raise NothingToExport(
            f"Every live session in this version falls outside the course's dates "
            f"({dates.start:%A} {dates.start.day} {dates.start:%B %Y} to {dates.end:%A} "
            f"{dates.end.day} {dates.end:%B %Y}), so there is nothing to put in a calendar: "
            "move the sessions to days and weeks within the course, or change its start date."
        )
    calendar = Calendar()
    calendar.add("prodid", "-//BlendPlan//Blended course schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _text(course["title"]))
    calendar.add_component(
        vtimezone(
            course["timezone"],
            dates.first_monday - timedelta(days=1),
            dates.end + timedelta(days=2),
        )
    )
    for event in events:
        calendar.add_component(event)
    return bytes(calendar.to_ical())
