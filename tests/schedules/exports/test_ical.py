"""The .ics of live sessions, as two independent readers see it.

Every file is read by icalendar with recurring-ical-events (the expander behind many
calendar tools) and by vobject (its own parser and its own reading of the VTIMEZONE, the
one that kept only the first date of a multi-date RDATE). Times are compared with what
Python's zoneinfo says the session's local time is in UTC.
"""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject
from django.urls import reverse
from icalendar import Calendar

from schedules.models import ScheduleVersion
from schedules.reviews.services import schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    ApiTokenFactory,
    CourseFactory,
    UserFactory,
    london_new_york_course,
)

pytestmark = pytest.mark.django_db

Sessions = dict[str, list[datetime]]


def download(client, course, version: int | None = None) -> bytes:
    client.force_login(course.owner)
    query = {} if version is None else {"version": version}
    response = client.get(reverse("schedules:export_ics", args=[course.schedule.pk]), query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return bytes(response.content)


def submitted_ics(client, course, version: int | None = None) -> bytes:
    schedule_submit(course=course, by=course.owner)
    return download(client, course, version)


def read_with_icalendar(ics: bytes) -> Sessions:
    """Return each event's sessions (local start times), expanded by recurring-ical-events."""
    calendar = Calendar.from_ical(ics)
    sessions: Sessions = {}
    for event in recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2029, 1, 1)):
        sessions.setdefault(str(event["summary"]), []).append(event["dtstart"].dt)
    return {title: sorted(starts) for title, starts in sessions.items()}


def read_with_vobject(ics: bytes) -> Sessions:
    """Return each event's sessions (local start times), expanded by vobject's rruleset."""
    # vobject keeps the first zone it meets under a TZID for the rest of the process (and
    # asks pytz when the file's VTIMEZONE does not register): forget them, so each file is
    # read on its own, whatever the tests before it read.
    registry = vars(vobject.icalendar)["__tzidMap"]
    for tzid in [tzid for tzid in registry if tzid != "UTC"]:
        del registry[tzid]
    calendar = vobject.readOne(ics.decode())
    return {
        event.summary.value: sorted(event.getrruleset(addRDate=True))
        for event in calendar.vevent_list
    }


def own_zone_only(ics: bytes, zone: str) -> bytes:
    """Return ``ics`` with its TZID renamed, so readers must use the file's VTIMEZONE rather
    than their own copy of the IANA zone."""
    renamed = f"Course zone {zone.replace('/', ' ')}".encode()
    return ics.replace(f"TZID={zone}".encode(), b"TZID=" + renamed).replace(
        f"TZID:{zone}".encode(), b"TZID:" + renamed
    )


def readings(ics: bytes, zone: str) -> dict[str, Sessions]:
    """Return the sessions as each reader sees them, with the zone's name and without it."""
    alone = own_zone_only(ics, zone)
    return {
        "icalendar": read_with_icalendar(ics),
        "vobject": read_with_vobject(ics),
        "icalendar, the file's VTIMEZONE": read_with_icalendar(alone),
        "vobject, the file's VTIMEZONE": read_with_vobject(alone),
    }


def local(day: date, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def weekly(first: date, count: int) -> list[date]:
    return [first + timedelta(weeks=n) for n in range(count)]


def events_of(ics: bytes) -> dict[str, Any]:
    return {str(event["summary"]): event for event in Calendar.from_ical(ics).walk("VEVENT")}


# Daylight-saving time: the local time holds, the UTC time moves, in both readers.

DST_COURSES = [
    # London moves its clocks on 28 March 2027, New York on 14 March.
    pytest.param("Europe/London", date(2027, 3, 1), id="London, spring"),
    pytest.param("America/New_York", date(2027, 3, 1), id="New York, spring"),
    # Back on 31 October (London) and 7 November (New York).
    pytest.param("Europe/London", date(2027, 10, 11), id="London, autumn"),
    pytest.param("America/New_York", date(2027, 10, 18), id="New York, autumn"),
]


@pytest.mark.parametrize(("zone", "start"), DST_COURSES)
def test_sessions_keep_their_local_time_across_the_clock_change(client, zone, start):
    course = london_new_york_course(timezone=zone, start_date=start)  # Wednesdays 09:00
    ics = submitted_ics(client, course)

    expected = [local(day, time(9), zone) for day in weekly(start + timedelta(days=2), 8)]
    # Both sides of the change are in the course: the UTC time is not the same all along.
    assert len({session.utcoffset() for session in expected}) == 2
    for reader, sessions in readings(ics, zone).items():
        seminar = sessions["Seminar"]
        assert [s.astimezone(UTC) for s in seminar] == [s.astimezone(UTC) for s in expected], reader
        assert {(s.time(), s.utcoffset()) for s in seminar} == {
            (time(9), s.utcoffset()) for s in expected
        }, reader


RULES = {
    "Europe/London": {
        "DAYLIGHT": ("-1SU", [3], b"19700329T010000"),
        "STANDARD": ("-1SU", [10], b"19701025T020000"),
    },
    "America/New_York": {
        "DAYLIGHT": ("2SU", [3], b"19700308T020000"),
        "STANDARD": ("1SU", [11], b"19701101T020000"),
    },
}


@pytest.mark.parametrize(("zone", "start"), DST_COURSES)
def test_the_zone_is_one_yearly_rule_per_observance_as_google_writes_it(client, zone, start):
    ics = submitted_ics(client, london_new_york_course(timezone=zone, start_date=start))
    [vtimezone] = Calendar.from_ical(ics).walk("VTIMEZONE")
    observances: list[Any] = vtimezone.subcomponents
    assert str(vtimezone["tzid"]) == zone
    # No RDATE list for a reader to cut short.
    assert not [o for o in observances if "RDATE" in o]
    rules = {
        o.name: (o["rrule"]["BYDAY"][0], o["rrule"]["BYMONTH"], o["dtstart"].to_ical())
        for o in observances
    }
    assert rules == RULES[zone]


def test_a_zone_without_daylight_saving_has_one_observance(client):
    course = london_new_york_course(timezone="Asia/Tokyo")
    ics = submitted_ics(client, course)
    [vtimezone] = Calendar.from_ical(ics).walk("VTIMEZONE")
    [standard] = vtimezone.subcomponents
    assert standard.decoded("tzoffsetto") == timedelta(hours=9)
    for sessions in readings(ics, "Asia/Tokyo").values():
        assert {s.astimezone(UTC).time() for s in sessions["Seminar"]} == {time(0)}


# Which dates: skipped weeks, and a course that does not start on a Monday.


def test_weeks_a_block_skips_are_exceptions_in_both_readers(client):
    course = CourseFactory(weeks=6, start_date=date(2027, 3, 15), timezone="Europe/London")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Clinic", day=3, weeks=[2, 3, 5]
    )
    ics = submitted_ics(client, course)

    clinic = events_of(ics)["Clinic"]
    assert clinic["rrule"]["COUNT"] == [4]  # weeks 2 to 5...
    assert [d.dt.date() for d in clinic["exdate"].dts] == [date(2027, 4, 8)]  # ...not week 4
    expected = [date(2027, 3, 25), date(2027, 4, 1), date(2027, 4, 15)]
    for reader, sessions in readings(ics, "Europe/London").items():
        assert [s.date() for s in sessions["Clinic"]] == expected, reader
        assert {s.time() for s in sessions["Clinic"]} == {time(10)}, reader


def test_a_course_starting_on_a_wednesday_has_no_monday_session_before_it(client):
    course = CourseFactory(weeks=3, start_date=date(2027, 1, 13), timezone="Europe/London")
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Monday lab", day=0)
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Wednesday seminar", day=2)
    ics = submitted_ics(client, course)

    for reader, sessions in readings(ics, "Europe/London").items():
        # Monday 11 January is before the start: two Monday labs, three seminars.
        assert [s.date() for s in sessions["Monday lab"]] == [
            date(2027, 1, 18),
            date(2027, 1, 25),
        ], reader
        assert [s.date() for s in sessions["Wednesday seminar"]] == weekly(date(2027, 1, 13), 3)
    assert events_of(ics)["Monday lab"]["rrule"]["COUNT"] == [2]


def test_a_block_running_only_in_week_one_before_the_start_is_left_out(client):
    course = CourseFactory(weeks=3, start_date=date(2027, 1, 13), timezone="Europe/London")
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Kick-off", day=0, weeks=[1])
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Seminar", day=2)
    ics = submitted_ics(client, course)
    assert set(events_of(ics)) == {"Seminar"}
    assert set(read_with_vobject(ics)) == {"Seminar"}


# Versions: a re-import updates the events.


def test_version_two_updates_the_events_of_version_one(client):
    course = london_new_york_course()
    first = submitted_ics(client, course)
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=1)
    second = submitted_ics(client, course)
    versions = {v.number: v for v in ScheduleVersion.objects.filter(schedule=course.schedule)}

    for number, ics in ((1, first), (2, second)):
        submitted = versions[number].submitted_at.astimezone(UTC).replace(microsecond=0)
        seminar = events_of(ics)["Seminar"]
        assert seminar["sequence"] == number
        assert seminar.decoded("dtstamp") == submitted
        assert seminar.decoded("last-modified") == submitted
        assert seminar["dtstamp"].to_ical().endswith(b"Z")
        [event] = vobject.readOne(ics.decode()).vevent_list
        assert event.sequence.value == str(number)
        assert event.dtstamp.value == submitted
    assert events_of(first)["Seminar"]["uid"] == events_of(second)["Seminar"]["uid"]
    # Asking for version 1 again gives exactly the same file.
    assert download(client, course, version=1) == first


# Nothing to export: 409 with the reason, on the web and through the API.


def refusal(client, course) -> tuple[str, str]:
    """Return what the web page and the API say when asked for the course's .ics."""
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    web = client.get(reverse("schedules:export_ics", args=[course.schedule.pk]))
    token = ApiTokenFactory(user=course.owner)
    api = client.get(
        f"/api/v1/schedules/{course.schedule.pk}/versions/latest/export.ics",
        headers={"Authorization": f"Bearer {token.plaintext}"},
    )
    assert web.status_code == api.status_code == 409
    assert api["Content-Type"] == "application/json"
    return web.content.decode(), api.json()["detail"]


def test_a_course_without_a_start_date_says_to_set_one(client):
    course = london_new_york_course(start_date=None)
    page, detail = refusal(client, course)
    assert "set the start date on the course&#x27;s page" in page
    assert "set the start date on the course's page" in detail


def test_a_version_without_a_timed_live_session_says_so(client):
    course = CourseFactory(start_date=date(2027, 1, 11))
    ActivityBlockFactory(schedule=course.schedule, title="Reading")
    page, detail = refusal(client, course)
    assert "no live session with a start time" in detail
    assert "no live session with a start time" in page


def test_sessions_all_outside_the_course_dates_say_so(client):
    course = CourseFactory(weeks=1, start_date=date(2027, 1, 13))  # a Wednesday
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Monday lab", day=0)
    page, detail = refusal(client, course)
    assert "falls outside the course's dates" in detail
    assert "Wednesday 13 January 2027 to Sunday 17 January 2027" in detail
    assert "falls outside the course&#x27;s dates" in page


# What the description says.


def description(ics: bytes, title: str) -> str:
    from_icalendar = str(events_of(ics)[title]["description"])
    [event] = [e for e in vobject.readOne(ics.decode()).vevent_list if e.summary.value == title]
    assert event.description.value == from_icalendar
    return from_icalendar


def test_a_session_the_spring_change_skips_says_when_calendars_show_it(client):
    course = CourseFactory(weeks=3, start_date=date(2027, 3, 1), timezone="America/New_York")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Night lab", day=6, start_time=time(2, 30)
    )
    ics = submitted_ics(client, course)

    text = description(ics, "Night lab")
    assert (
        "On Sunday 14 March 2027 02:30 does not exist in America/New_York: the clocks go "
        "forward over it, so calendars show the session at 03:30."
    ) in text
    assert "7 March" not in text
    assert "21 March" not in text
    # RFC 5545 3.3.5: a time the clocks skip takes the offset before the change.
    sessions = read_with_icalendar(ics)["Night lab"]
    shown = sessions[1].astimezone(UTC).astimezone(ZoneInfo("America/New_York"))
    assert shown.time() == time(3, 30)
    assert [s.astimezone(UTC).hour for s in sessions] == [7, 7, 6]


def test_a_session_the_autumn_change_repeats_says_so(client):
    course = CourseFactory(weeks=2, start_date=date(2027, 11, 1), timezone="America/New_York")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Early lab", day=6, start_time=time(1, 30)
    )
    text = description(submitted_ics(client, course), "Early lab")
    assert "On Sunday 7 November 2027 01:30 happens twice in America/New_York" in text
    assert "14 November" not in text


def test_a_session_away_from_the_clock_change_says_nothing_about_it(client):
    text = description(submitted_ics(client, london_new_york_course()), "Seminar")
    assert "clocks" not in text


def test_preparation_is_listed_for_the_weeks_the_session_runs(client):
    course = CourseFactory(weeks=6, start_date=date(2027, 1, 11), timezone="Europe/London")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, weeks=[1, 2, 3, 4]
    )
    blocks = [
        ("Reading A", 0, 1, [1]),
        ("Reading B", 0, 2, [2, 3, 4]),
        ("Quiz", 1, 1, [2, 3, 4]),
        ("Essay", 1, 4, [1, 2, 3, 4]),  # due Friday, after the session
        ("Reading C", 0, 1, [5, 6]),  # weeks the session does not run
    ]
    for title, day, due_day, weeks in blocks:
        ActivityBlockFactory(
            schedule=course.schedule, title=title, day=day, due_day=due_day, weeks=weeks
        )
    text = description(submitted_ics(client, course), "Seminar")
    assert "Prepare beforehand. Week 1: Reading A. Weeks 2–4: Reading B, Quiz." in text
    assert "Essay" not in text
    assert "Reading C" not in text


def test_preparation_before_a_wednesday_start_is_not_listed(client):
    course = CourseFactory(weeks=2, start_date=date(2027, 1, 13), timezone="Europe/London")
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Seminar", day=4)
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=1)
    text = description(submitted_ics(client, course), "Seminar")
    # Monday 11 January is before the course; the reading happens in week 2 only.
    assert "Prepare beforehand. Week 2: Reading." in text


# Hostile titles come out intact, without the characters iCalendar TEXT may not hold.

HOSTILE = [
    ("<b>Seminar</b> & <script>alert(1)</script>", "<b>Seminar</b> & <script>alert(1)</script>"),
    ('=HYPERLINK("http://evil.example","Click")', '=HYPERLINK("http://evil.example","Click")'),
    ("Bell\x07 escape\x1b[31m red; a,b\\c", "Bell escape[31m red; a,b\\c"),
    ("مقدمة الدورة: الأسبوع الأول", "مقدمة الدورة: الأسبوع الأول"),
]


@pytest.mark.parametrize(("title", "shown"), HOSTILE)
def test_hostile_titles_come_out_safe_and_intact(client, title, shown):
    course = CourseFactory(title=title, start_date=date(2027, 1, 11), weeks=2)
    ActivityBlockFactory(schedule=course.schedule, live=True, title=title, day=2)
    ActivityBlockFactory(schedule=course.schedule, title=f"Read {title}", day=0, due_day=1)
    ics = submitted_ics(client, course)

    # No control character but the line breaks iCalendar is made of.
    assert not [c for c in ics.decode() if ord(c) < 32 and c not in "\r\n"]
    assert list(read_with_icalendar(ics)) == [shown]
    assert list(read_with_vobject(ics)) == [shown]
    assert str(Calendar.from_ical(ics)["x-wr-calname"]) == shown
    assert f"Prepare beforehand. Weeks 1–2: Read {shown}." in description(ics, shown)


def test_other_instructors_cannot_download_it(client):
    course = london_new_york_course()
    schedule_submit(course=course, by=course.owner)
    client.force_login(UserFactory(instructor=True))
    response = client.get(reverse("schedules:export_ics", args=[course.schedule.pk]))
    assert response.status_code == 404
