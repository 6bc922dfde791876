"""The learners' page at /l/<token>/: the approved version only, in the viewer's time zone,
for anyone with the link; a clear page for a link that does not work or a schedule not yet
approved; kept out of caches, search engines and Referer headers."""

from datetime import date, time

import pytest
from django.urls import reverse

from schedules.exports.feeds import feed_turn_on
from schedules.models import ActivityBlock
from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerPageFactory,
    UserFactory,
)
from tests.test_input_fuzz import CRAFTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    """Four weeks from Monday 8 March 2027 in Berlin: a Tuesday 17:00 seminar prepared by a
    Monday reading due Tuesday."""
    course = CourseFactory(
        title="Statics", weeks=4, start_date=date(2027, 3, 8), timezone="Europe/Berlin"
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Seminar",
        day=1,
        start_time=time(17),
        duration_minutes=90,
        recorded=True,
        captions=True,
    )
    ActivityBlockFactory(schedule=course.schedule, title="Pre-reading", day=0, due_day=1)
    return course


def approve(course):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")
    return version


def url(page, **params) -> str:
    address = reverse("schedules:learner_page", args=[page.token])
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{address}?{query}" if query else address


def test_anyone_with_the_link_reads_the_approved_schedule_in_their_time_zone(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    response = client.get(url(page, tz="America/New_York"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Statics" in html
    assert "Tue 9 Mar, 11:00–12:30</time> EST" in html
    assert "Tue 16 Mar, 12:00–13:30</time> EDT" in html
    assert "Course time: Tue 9 Mar, 17:00–18:30 Europe/Berlin" in html
    assert "Prepare before this session" in html
    assert "Pre-reading" in html
    assert "Recorded" in html
    assert "Captions" in html


def test_in_tokyo_the_session_is_early_on_wednesday(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    html = client.get(url(page, tz="Asia/Tokyo")).content.decode()
    assert "Wed 10 Mar, 01:00–02:30" in html
    assert "Wed 31 Mar, 00:00–01:30" in html


def test_without_a_zone_the_page_shows_the_course_zone_and_asks_for_yours(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    html = client.get(url(page)).content.decode()
    assert "the course's time zone. Pick yours below" in html
    assert "Tue 9 Mar, 17:00–18:30</time> CET" in html
    assert "Course time:" not in html


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "europe/berlinn", "Tokio"])
def test_a_zone_that_is_not_one_is_refused_and_the_course_zone_shown(client, course, zone):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    response = client.get(url(page, tz=zone))
    html = response.content.decode()
    assert response.status_code == 400
    assert "is not a known time zone" in html
    assert "Times below are in the course's zone, Europe/Berlin." in html
    assert f'value="{zone}"' in html  # what the learner typed stays in the box
    assert 'aria-invalid="true"' in html
    assert "Tue 9 Mar, 17:00–18:30" in html


def test_a_near_miss_zone_gets_a_suggestion(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    html = client.get(url(page, tz="Asia/Tokio")).content.decode()
    assert "Did you mean Asia/Tokyo" in html


def test_a_reading_direction_that_is_not_one_is_refused(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    response = client.get(url(page, dir="up"))
    assert response.status_code == 400
    assert "left to right (ltr) or right to left" in response.content.decode()


def test_right_to_left_titles_and_pages_keep_their_direction(client, course):
    ActivityBlock.objects.filter(title="Seminar").update(title="ندوة الأسبوع")
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    html = client.get(url(page, dir="rtl")).content.decode()
    assert '<html lang="en-GB" dir="rtl">' in html
    assert '<h4 class="learner-item__title" dir="auto">ندوة الأسبوع</h4>' in html


def test_a_draft_or_a_version_waiting_for_review_is_never_shown(client, course):
    schedule_submit(course=course, by=course.owner)
    page = LearnerPageFactory(schedule=course.schedule)
    response = client.get(url(page))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The schedule is not published yet" in html
    assert "Seminar" not in html


def test_an_edit_after_approval_reaches_learners_only_once_approved(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    ActivityBlock.objects.filter(title="Seminar").update(title="Workshop")
    assert "Seminar" in client.get(url(page)).content.decode()
    version = schedule_submit(course=course, by=course.owner)  # waiting for review
    html = client.get(url(page)).content.decode()
    assert "Seminar" in html
    assert "Workshop" not in html
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")
    html = client.get(url(page)).content.decode()
    assert "Workshop" in html
    assert "Seminar" not in html
    assert "(version 2)" in html


def test_a_revoked_link_says_so_without_showing_the_course(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule, withdrawn=True)
    response = client.get(url(page))
    html = response.content.decode()
    assert response.status_code == 410
    assert "This link no longer works" in html
    assert "Statics" not in html


def test_an_unknown_link_says_it_does_not_work(client):
    response = client.get(reverse("schedules:learner_page", args=["x" * 43]))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_the_page_is_kept_out_of_caches_search_engines_and_referers(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    for address in (url(page), reverse("schedules:learner_page", args=["y" * 43])):
        response = client.get(address)
        assert response["Referrer-Policy"] == "no-referrer"
        assert "noindex" in response["X-Robots-Tag"]
        assert "private" in response["Cache-Control"]
        html = response.content.decode()
        assert '<meta name="robots" content="noindex, nofollow">' in html
        assert "<script>" not in html  # the page's one script is a static file (CSP)


def test_add_to_my_calendar_links_the_feed_when_it_is_on(client, course):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    assert "Add to my calendar" not in client.get(url(page)).content.decode()
    feed = feed_turn_on(schedule=course.schedule, by=course.owner)
    html = client.get(url(page)).content.decode()
    assert f'href="webcal://testserver/feeds/{feed.token}.ics"' in html
    assert f'href="http://testserver/feeds/{feed.token}.ics"' in html


def test_the_page_costs_the_same_queries_however_many_weeks_and_blocks(
    client, course, django_assert_max_num_queries
):
    for day in range(2, 6):
        ActivityBlockFactory(schedule=course.schedule, live=True, day=day, start_time=time(9))
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    with django_assert_max_num_queries(4):
        client.get(url(page, tz="Asia/Tokyo"))


@pytest.mark.parametrize("field", ["tz", "dir"])
def test_crafted_parameters_on_an_approved_page_are_refused_never_a_server_error(
    client, course, field
):
    approve(course)
    page = LearnerPageFactory(schedule=course.schedule)
    address = reverse("schedules:learner_page", args=[page.token])
    for value in CRAFTED:
        response = client.get(address, {"tz": "Asia/Tokyo", "dir": "rtl", field: value})
        assert response.status_code in {200, 400}, (value[:20], response.status_code)
        if response.status_code == 400:
            assert 'aria-invalid="true"' in response.content.decode()
        # A megabyte of input is not written back a megabyte of times in the error.
        assert len(response.content) < len(value) + 200_000
