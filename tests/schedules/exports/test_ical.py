"""The .ics of live sessions: parses, keeps local times across a DST change, skips weeks."""

from datetime import date, time
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar

from schedules.reviews.services import schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    """Eight weeks from 15 March 2027: Europe/London moves its clocks on 28 March."""
    course = CourseFactory(
        title="Statics",
        weeks=8,
        start_date=date(2027, 3, 15),
        timezone="Europe/London",
    )
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=1)
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Seminar",
        day=2,
        start_time=time(14),
        duration_minutes=90,
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Clinic",
        day=3,
        start_time=time(10),
        weeks=[1, 2, 4],
    )
    schedule_submit(course=course, by=course.owner)
    return course


def download(client, course) -> Calendar:
    client.force_login(course.owner)
    response = client.get(reverse("schedules:export_ics", args=[course.schedule.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_one_recurring_event_per_live_block_with_its_time_zone(client, course):
    calendar = download(client, course)
    events: dict[str, Any] = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Seminar", "Clinic"}
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    seminar: Any = events["Seminar"]
    assert seminar.decoded("dtstart").isoformat() == "2027-03-17T14:00:00+00:00"
    assert seminar["rrule"]["COUNT"] == [8]
    assert "Prepare beforehand: Reading" in str(seminar["description"])


def test_the_local_time_holds_across_the_dst_change(client, course):
    calendar = download(client, course)
    seminar: Any = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Seminar")
    # A local time with its zone (not UTC), so calendars keep 14:00 after the clocks move...
    assert seminar["dtstart"].params["TZID"] == "Europe/London"
    assert seminar["dtstart"].to_ical() == b"20270317T140000"
    # ...and the zone's rules include the change on 28 March 2027 (01:00 UTC).
    [zone] = calendar.walk("VTIMEZONE")
    changes = {component.name: component.decoded("tzoffsetto") for component in zone.subcomponents}
    assert set(changes) == {"STANDARD", "DAYLIGHT"}
    assert changes["DAYLIGHT"].total_seconds() == 3600


def test_weeks_a_block_skips_are_exceptions(client, course):
    clinic: Any = next(
        e for e in download(client, course).walk("VEVENT") if str(e["summary"]) == "Clinic"
    )
    assert clinic["rrule"]["COUNT"] == [4]
    [skipped] = [d.dt for d in clinic["exdate"].dts]
    assert skipped.date() == date(2027, 4, 1)  # week 3's Thursday


def test_other_instructors_cannot_download_it(client, course):
    client.force_login(UserFactory(instructor=True))
    response = client.get(reverse("schedules:export_ics", args=[course.schedule.pk]))
    assert response.status_code == 404
