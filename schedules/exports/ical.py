"""The live sessions of a submitted version as iCalendar (RFC 5545), for calendars and LMSs.

One weekly recurring event per live block over the course's dates, in the course's time
zone (TZID, with its VTIMEZONE), with an EXDATE for each week the block skips, so the
local time stays put across daylight-saving changes. The description names the activity
and the self-paced work that prepares it that week.
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from schedules.rules.choices import ActivityType, Modality, Weekday


def _first_monday(snapshot: dict[str, Any]) -> date | None:
    start = snapshot["course"].get("start_date")
    if not start:
        return None
    day = date.fromisoformat(start)
    return day - timedelta(days=day.weekday())


def _preparation(snapshot: dict[str, Any], live: dict[str, Any]) -> list[str]:
    """Return the titles of self-paced blocks due by the live block's day."""
    titles = []
    for block in snapshot["blocks"]:
        if block["modality"] == Modality.LIVE:
            continue
        due = block["due_day"] if block["due_day"] is not None else block["day"]
        if max(block["day"], due) <= live["day"]:
            titles.append(block["title"])
    return titles


def live_sessions_ics(snapshot: dict[str, Any], *, uid_prefix: str) -> bytes:
    """Return the version's live blocks as an iCalendar file (empty calendar without dates)."""
    calendar = Calendar()
    calendar.add("prodid", "-//BlendPlan//Blended course schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", snapshot["course"]["title"])
    monday = _first_monday(snapshot)
    zone = ZoneInfo(snapshot["course"]["timezone"])
    weeks = snapshot["course"]["weeks"]
    for block in snapshot["blocks"]:
        if block["modality"] != Modality.LIVE or not block["start_time"] or monday is None:
            continue
        running = sorted(block["weeks"]) if block["weeks"] else list(range(1, weeks + 1))
        first_week = running[0]
        start = datetime.combine(
            monday + timedelta(weeks=first_week - 1, days=block["day"]),
            time.fromisoformat(block["start_time"]),
            tzinfo=zone,
        )
        event = Event()
        event.add("uid", f"{uid_prefix}-block-{block['id']}@blendplan")
        event.add("summary", block["title"])
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=block["duration_minutes"]))
        event.add("dtstamp", datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))
        last_week = running[-1]
        event.add("rrule", {"freq": "weekly", "count": last_week - first_week + 1})
        skipped = [w for w in range(first_week, last_week + 1) if w not in running]
        for week in skipped:
            event.add("exdate", start + timedelta(weeks=week - first_week))
        preparation = _preparation(snapshot, block)
        description = (
            f"{ActivityType(block['activity_type']).label}, {Weekday(block['day']).label}."
        )
        if preparation:
            description += " Prepare beforehand: " + "; ".join(preparation) + "."
        event.add("description", description)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
