"""A submitted version's blocks laid out on its course's weeks: which blocks run in which
week and on which date, when self-paced work is due, what prepares a live session and what a
daylight-saving change does to its time.

One reading of a version's weeks for the pages that show them week by week (the IMS Common
Cartridge's pages and the learners' page), so they agree on every date and on what to
prepare. Dates are worked out with ``CourseDates``, the same as the editor and the other
exports: a block's day that falls outside the course (before its start date) is left out.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from schedules.rules.choices import Modality, Weekday
from schedules.rules.course_dates import CourseDates, clock_trouble

# Characters XML 1.0 does not allow (C0 controls but tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF). A parser refuses a manifest holding one, so they go.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: object) -> str:
    """Return ``text`` as a string without the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", str(text))


def long_date(day: date) -> str:
    """Return ``day`` as "Tuesday 16 March 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Session:
    """One block in one course week, and its date when the course has a start date."""

    block: dict[str, Any]
    week: int
    on: date | None

    @property
    def live(self) -> bool:
        return bool(self.block["modality"] == Modality.LIVE)

    @property
    def start(self) -> time | None:
        start = self.block.get("start_time")
        return time.fromisoformat(start) if start else None


def _due_day(block: dict[str, Any]) -> int:
    due = block.get("due_day")
    return int(block["day"] if due is None else due)


@dataclass(frozen=True, slots=True)
class Plan:
    """A version's course and its blocks laid out on the course's weeks."""

    course: dict[str, Any]
    dates: CourseDates | None
    weeks: dict[int, list[Session]]

    @property
    def zone(self) -> str:
        return clean(self.course["timezone"])

    def when(self, session: Session) -> str:
        """Return when a session happens, e.g. "Tuesday 16 March 2027, 08:00 (Europe/London)";
        without a start date, "Tuesday of week 3, 08:00 (Europe/London)"."""
        day = (
            long_date(session.on)
            if session.on
            else f"{Weekday(session.block['day']).label} of week {session.week}"
        )
        at = f", {session.start:%H:%M}" if session.start else ""
        return f"{day}{at} ({self.zone})"

    def due_date(self, session: Session) -> date | None:
        """Return the date a self-paced block is due (None without a due day or a start
        date). A due day before the block's own day falls in the following week."""
        due_day = session.block.get("due_day")
        if due_day is None or self.dates is None:
            return None
        later = 1 if due_day < session.block["day"] else 0
        return self.dates.date_of(session.week, due_day) + timedelta(weeks=later)

    def due(self, session: Session) -> str:
        """Return a self-paced block's due date in the course's time zone ("" without a due
        day). A due day before the block's own day falls in the following week."""
        due_day = session.block.get("due_day")
        if due_day is None:
            return ""
        due = self.due_date(session)
        if due is None:
            later = 1 if due_day < session.block["day"] else 0
            return f"{Weekday(due_day).label} of week {session.week + later} ({self.zone})"
        return f"{long_date(due)} ({self.zone})"

    def clock_note(self, session: Session) -> str:
        """Return what a daylight-saving change does to a live session's time, if anything."""
        if not (session.live and session.on and session.start):
            return ""
        trouble = clock_trouble(session.on, session.start, self.course["timezone"])
        return clean(trouble.sentence()) if trouble else ""

    def outcomes(self, session: Session) -> list[str]:
        """Return the texts of the outcomes a block serves, in the course's order (none from
        a snapshot older than outcomes)."""
        served = set(session.block.get("outcomes") or [])
        return [
            clean(outcome["text"])
            for outcome in self.course.get("outcomes") or []
            if outcome["id"] in served
        ]

    def preparing(self, session: Session) -> list[Session]:
        """Return the self-paced sessions that prepare a live session: those running in its
        week that are due by its day (those without a due day count as due on their own
        day). Seeds 003 and 004: every live session is prepared by self-paced material."""
        if not session.live:
            return []
        return [
            other
            for other in self.weeks[session.week]
            if not other.live
            and max(other.block["day"], _due_day(other.block)) <= session.block["day"]
        ]

    def preparation(self, session: Session) -> list[dict[str, str]]:
        """Return the titles and due dates of ``preparing(session)``."""
        return [
            {"title": clean(other.block["title"]), "due": self.due(other)}
            for other in self.preparing(session)
        ]


def week_plan(snapshot: dict[str, Any]) -> Plan:
    """Return the version's blocks by week: a block is in a week when it runs then and, for
    a course with a start date, when its day falls within the course."""
    course = snapshot["course"]
    weeks: int = course["weeks"]
    start = course.get("start_date")
    dates = CourseDates(date.fromisoformat(start), weeks) if start else None
    by_week: dict[int, list[Session]] = {week: [] for week in range(1, weeks + 1)}
    ordered = sorted(
        snapshot["blocks"], key=lambda b: (b["day"], b.get("start_time") or "", b["id"])
    )
    for block in ordered:
        running: Iterable[tuple[int, date | None]]
        if dates is not None:
            running = dates.occurrences(block["weeks"] or [], block["day"])
        else:
            running = [(week, None) for week in sorted(set(block["weeks"] or by_week))]
        for week, on in running:
            if week in by_week:
                by_week[week].append(Session(block, week, on))
    return Plan(course, dates, by_week)
