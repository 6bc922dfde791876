"""An approved version as learners read it: week by week, each live session at its time in
the viewer's zone with the course's zone alongside, what to prepare before it, and the
self-paced work with its due date.

Plain Python over a version's snapshot (no request, no database): the weeks, dates, due
days and preparation come from ``exports.week_plan`` (the cartridge's pages read the same),
and the daylight-saving notes from ``rules.course_dates``.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from schedules.exports.week_plan import Plan, Session, week_plan
from schedules.rules.choices import ActivityType, Weekday


def day_label(day: date) -> str:
    """Return ``day`` as "Tue 9 Mar" (the week's heading gives the year)."""
    return f"{day:%a} {day.day} {day:%b}"


def full_date(day: date) -> str:
    """Return ``day`` as "9 Mar 2027", the app's one date format."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True, slots=True)
class Moment:
    """When a live session runs, read in one time zone."""

    start: datetime
    end: datetime
    zone: str

    @property
    def day(self) -> str:
        return day_label(self.start.date())

    @property
    def times(self) -> str:
        """Return "17:00–18:30", with the end's day when the session runs past midnight."""
        end = f"{self.end:%H:%M}"
        if self.end.date() != self.start.date():
            end = f"{end} ({day_label(self.end.date())})"
        return f"{self.start:%H:%M}–{end}"

    @property
    def abbreviation(self) -> str:
        """Return the zone's abbreviation at the start ("EST", "CEST"), or "" where the tz
        database has none but an offset ("+09")."""
        name = self.start.tzname() or ""
        return name if name.isalpha() else ""

    @property
    def iso(self) -> str:
        return self.start.isoformat()


@dataclass(frozen=True, slots=True)
class Preparation:
    """Self-paced work to do before a live session, and when it is due."""

    title: str
    due: str


@dataclass(frozen=True, slots=True)
class Provisions:
    recorded: bool
    captions: bool
    transcript: bool
    low_bandwidth: bool

    @property
    def any(self) -> bool:
        return self.recorded or self.captions or self.transcript or self.low_bandwidth


@dataclass(frozen=True, slots=True)
class Item:
    """One block in one week, as learners read it."""

    title: str
    activity: str
    minutes: int
    live: bool
    day: str  # "Tue 9 Mar", or "Tuesday" when the course has no start date
    provisions: Provisions
    viewer: Moment | None = None  # a live session's time in the viewer's zone
    course: Moment | None = None  # and in the course's
    times: str = ""  # without a start date: "17:00–18:30" in the course's zone
    due: str = ""  # self-paced work: "Wed 10 Mar", or "Wednesday of week 2"
    clock_note: str = ""  # a daylight-saving change skips or repeats its course time
    shift_note: str = ""  # its time in the viewer's zone moved since its last session
    preparation: list[Preparation] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Week:
    number: int
    first: date | None
    last: date | None
    live: list[Item]
    self_paced: list[Item]

    @property
    def span(self) -> str:
        if self.first is None or self.last is None:
            return ""
        return f"{day_label(self.first)} – {day_label(self.last)} {self.last:%Y}"


@dataclass(frozen=True, slots=True)
class Timetable:
    title: str
    code: str
    course_zone: str
    viewer_zone: str
    start: date | None
    end: date | None
    weeks: list[Week]

    @property
    def same_zone(self) -> bool:
        return self.viewer_zone == self.course_zone

    @property
    def dated(self) -> bool:
        return self.start is not None


def _provisions(block: dict[str, Any]) -> Provisions:
    return Provisions(
        recorded=bool(block.get("recorded")),
        captions=bool(block.get("captions")),
        transcript=bool(block.get("transcript")),
        low_bandwidth=bool(block.get("low_bandwidth_alternative")),
    )


def _due(plan: Plan, session: Session) -> str:
    due_day = session.block.get("due_day")
    if due_day is None:
        return ""
    due = plan.due_date(session)
    if due is not None:
        return day_label(due)
    later = 1 if due_day < session.block["day"] else 0
    return f"{Weekday(due_day).label} of week {session.week + later}"


def _moments(
    session: Session, course_zone: ZoneInfo, viewer_zone: ZoneInfo
) -> tuple[Moment, Moment] | None:
    """Return a dated live session's time in the viewer's zone and in the course's.

    The wall-clock time is read in the course's zone as calendars read it (``fold=0``): a
    time a daylight-saving change skips is the moment after the jump, a repeated one the
    first of the two (``course_dates.clock_trouble`` words the same).
    """
    if session.on is None or session.start is None:
        return None
    start = datetime.combine(session.on, session.start, tzinfo=course_zone).astimezone(UTC)
    end = start + timedelta(minutes=int(session.block["duration_minutes"]))
    return (
        Moment(start.astimezone(viewer_zone), end.astimezone(viewer_zone), str(viewer_zone)),
        Moment(start.astimezone(course_zone), end.astimezone(course_zone), str(course_zone)),
    )


@dataclass(frozen=True, slots=True)
class _Seen:
    """A live block's last session as the viewer saw it: local start, and both zones' UTC
    offsets then."""

    local: str
    viewer_offset: timedelta | None
    course_offset: timedelta | None


def _shift_note(before: _Seen | None, now: _Seen, viewer: Moment, course: Moment) -> str:
    """Return the sentence for a session whose local time moved since the block's last one
    because a zone changed its clocks ("" when it did not move)."""
    if before is None or before.local == now.local or viewer.zone == course.zone:
        return ""
    moved = [
        zone
        for zone, was, is_now in (
            (viewer.zone, before.viewer_offset, now.viewer_offset),
            (course.zone, before.course_offset, now.course_offset),
        )
        if was != is_now
    ]
    where = " and ".join(moved) if moved else "one of the zones"
    return (
        f"Your time for this session moves from {before.local} to {now.local} this week: "
        f"the clocks changed in {where}."
    )


def _item(
    plan: Plan,
    session: Session,
    zones: tuple[ZoneInfo, ZoneInfo],
    last_seen: dict[int, _Seen],
) -> Item:
    block = session.block
    title = str(block["title"])
    common: dict[str, Any] = {
        "title": title,
        "activity": ActivityType(block["activity_type"]).label,
        "minutes": int(block["duration_minutes"]),
        "live": session.live,
        "day": day_label(session.on) if session.on else Weekday(block["day"]).label,
        "provisions": _provisions(block),
    }
    if not session.live:
        return Item(**common, due=_due(plan, session))
    moments = _moments(session, *zones)
    shift_note = ""
    if moments is not None:
        viewer, course = moments
        seen = _Seen(f"{viewer.start:%H:%M}", viewer.start.utcoffset(), course.start.utcoffset())
        shift_note = _shift_note(last_seen.get(int(block["id"])), seen, viewer, course)
        last_seen[int(block["id"])] = seen
        common |= {"viewer": viewer, "course": course}
    elif session.start is not None:
        start = datetime.combine(date.min, session.start)
        end = start + timedelta(minutes=int(block["duration_minutes"]))
        common["times"] = f"{start:%H:%M}–{end:%H:%M}"
    return Item(
        **common,
        clock_note=plan.clock_note(session),
        shift_note=shift_note,
        preparation=[
            Preparation(str(other.block["title"]), _due(plan, other))
            for other in plan.preparing(session)
        ],
    )


def timetable(snapshot: dict[str, Any], viewer_zone: str) -> Timetable:
    """Return a version's ``snapshot`` as learners read it, live times in ``viewer_zone``
    (an IANA name the caller has checked) with the course's zone alongside."""
    plan = week_plan(snapshot)
    course_zone = str(snapshot["course"]["timezone"])
    zones = (ZoneInfo(course_zone), ZoneInfo(viewer_zone))
    last_seen: dict[int, _Seen] = {}
    weeks = []
    for number, sessions in plan.weeks.items():
        items = [_item(plan, session, zones, last_seen) for session in sessions]
        first = last = None
        if plan.dates is not None:
            first = max(plan.dates.date_of(number, 0), plan.dates.start)
            last = min(plan.dates.date_of(number, 6), plan.dates.end)
        weeks.append(
            Week(
                number,
                first,
                last,
                live=[item for item in items if item.live],
                self_paced=[item for item in items if not item.live],
            )
        )
    course = snapshot["course"]
    return Timetable(
        title=str(course["title"]),
        code=str(course.get("code") or ""),
        course_zone=course_zone,
        viewer_zone=viewer_zone,
        start=plan.dates.start if plan.dates else None,
        end=plan.dates.end if plan.dates else None,
        weeks=weeks,
    )
