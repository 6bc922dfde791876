"""The calendar feed: an unguessable, revocable address serving the approved version's live
sessions, cheap to poll (ETag, Last-Modified), managed by the course's instructors."""

from datetime import date, time

import pytest
from django.urls import reverse
from icalendar import Calendar
from lxml import etree

from schedules.exports.feeds import feed_turn_on
from schedules.models import CalendarFeed
from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    CalendarFeedFactory,
    CourseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    """A four-week course from Monday 1 March 2027 with a live seminar on Wednesdays."""
    course = CourseFactory(title="Statics", weeks=4, start_date=date(2027, 3, 1))
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, start_time=time(14)
    )
    return course


def approve(course):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")
    return version


def feed_url(feed: CalendarFeed) -> str:
    return reverse("schedules:calendar_feed", args=[feed.token])


def summaries(content: bytes) -> list[str]:
    return sorted(str(event["summary"]) for event in Calendar.from_ical(content).walk("VEVENT"))


def test_the_feed_serves_the_approved_versions_live_sessions_without_a_sign_in(client, course):
    approve(course)
    feed = feed_turn_on(schedule=course.schedule, by=course.owner)
    response = client.get(feed_url(feed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert summaries(response.content) == ["Seminar"]
    assert "private" in response["Cache-Control"]
    assert "max-age=900" in response["Cache-Control"]


def test_a_feed_before_any_approval_says_so(client, course):
    schedule_submit(course=course, by=course.owner)
    feed = CalendarFeedFactory(schedule=course.schedule)
    response = client.get(feed_url(feed))
    assert response.status_code == 404
    assert "No version of this schedule has been approved yet" in response.content.decode()


def test_a_calendar_polling_with_its_etag_gets_304_until_the_next_approval(client, course):
    approve(course)
    feed = CalendarFeedFactory(schedule=course.schedule)
    first = client.get(feed_url(feed))
    etag, last_modified = first["ETag"], first["Last-Modified"]

    again = client.get(feed_url(feed), headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(feed_url(feed), headers={"if-modified-since": last_modified})
    assert since.status_code == 304

    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Clinic", day=3, start_time=time(10)
    )
    schedule_submit(course=course, by=course.owner)
    # Submitted but not approved: calendars keep the approved version.
    assert client.get(feed_url(feed), headers={"if-none-match": etag}).status_code == 304
    approve(course)
    changed = client.get(feed_url(feed), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert summaries(changed.content) == ["Clinic", "Seminar"]


def test_head_answers_like_get_without_a_body(client, course):
    approve(course)
    feed = CalendarFeedFactory(schedule=course.schedule)
    response = client.head(feed_url(feed))
    assert response.status_code == 200
    assert response["ETag"] == client.get(feed_url(feed))["ETag"]
    assert response.content == b""


def test_a_new_address_stops_the_old_one_at_once(client, course):
    approve(course)
    old = CalendarFeedFactory(schedule=course.schedule)
    client.force_login(course.owner)
    page = reverse("schedules:calendar_feed_page", args=[course.pk])
    response = client.post(page, {"action": "renew"}, follow=True)
    assert "no longer answers" in response.content.decode()
    new = CalendarFeed.objects.get(schedule=course.schedule)
    assert new.token != old.token
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_turning_the_feed_off_stops_its_address_at_once(client, course):
    approve(course)
    feed = CalendarFeedFactory(schedule=course.schedule)
    assert client.get(feed_url(feed)).status_code == 200
    client.force_login(course.owner)
    client.post(reverse("schedules:calendar_feed_page", args=[course.pk]), {"action": "off"})
    response = client.get(feed_url(feed))
    assert response.status_code == 404
    assert "turned off" in response.content.decode()
    assert not CalendarFeed.objects.filter(schedule=course.schedule).exists()


def test_turning_on_shows_the_address_a_webcal_link_and_a_qr_code(client, course):
    co_instructor = UserFactory(instructor=True)
    course.co_instructors.add(co_instructor)
    client.force_login(co_instructor)
    page = reverse("schedules:calendar_feed_page", args=[course.pk])
    assert "The feed is off" in client.get(page).content.decode()

    response = client.post(page, {"action": "on"}, follow=True)
    feed = CalendarFeed.objects.get(schedule=course.schedule)
    html = response.content.decode()
    assert f"http://testserver/feeds/{feed.token}.ics" in html
    assert f"webcal://testserver/feeds/{feed.token}.ics" in html
    assert "no-store" in response["Cache-Control"]
    qr = client.get(reverse("schedules:feed_qr", args=[course.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    svg = etree.fromstring(qr.content)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_turning_on_twice_keeps_the_same_address(client, course):
    client.force_login(course.owner)
    page = reverse("schedules:calendar_feed_page", args=[course.pk])
    client.post(page, {"action": "on"})
    token = CalendarFeed.objects.get(schedule=course.schedule).token
    client.post(page, {"action": "on"})
    assert CalendarFeed.objects.get(schedule=course.schedule).token == token


def test_addresses_are_long_and_never_repeat(course):
    tokens = {CalendarFeedFactory().token for _ in range(20)}
    assert len(tokens) == 20
    assert min(len(token) for token in tokens) >= 43


def test_an_unknown_action_is_refused_and_changes_nothing(client, course):
    feed = CalendarFeedFactory(schedule=course.schedule)
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:calendar_feed_page", args=[course.pk]), {"action": "delete"}
    )
    assert response.status_code == 400
    assert CalendarFeed.objects.get(schedule=course.schedule).token == feed.token


@pytest.mark.parametrize("who", ["other instructor", "reviewer"])
def test_only_the_courses_instructors_see_or_change_the_feed(client, course, who):
    feed = CalendarFeedFactory(schedule=course.schedule)
    client.force_login(
        UserFactory(instructor=who == "other instructor", reviewer=who == "reviewer")
    )
    page = reverse("schedules:calendar_feed_page", args=[course.pk])
    assert client.get(page).status_code == 404
    assert client.post(page, {"action": "off"}).status_code == 404
    assert client.get(reverse("schedules:feed_qr", args=[course.pk])).status_code == 404
    assert CalendarFeed.objects.get(schedule=course.schedule).token == feed.token


def test_signed_out_visitors_are_sent_to_sign_in(client, course):
    response = client.get(reverse("schedules:calendar_feed_page", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
