"""The time-zone planner: the heatmap, the suggested slots, and applying one to a block."""

from datetime import date, time
from html import unescape

import pytest
from django.urls import reverse

from schedules.editor.selectors import blend_facts
from schedules.rules.checks import run_checks
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    UserFactory,
    london_new_york_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return london_new_york_course()


def url(course):
    return reverse("schedules:timezones", args=[course.pk])


def test_the_owner_sees_the_heatmap_suggestions_and_who_is_left_out(client, course):
    client.force_login(course.owner)
    html = client.get(url(course)).content.decode()
    assert "When learners are awake" in html
    assert "The best single slot" in html
    assert "for 12 learners in America/New_York" in html
    # The US (14 March 2027) and the UK (28 March) change clocks on different dates.
    assert "Daylight saving moves these hours" in html


def test_the_heatmap_heads_its_columns_with_short_day_names(client, course):
    client.force_login(course.owner)
    html = client.get(url(course)).content.decode()
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        assert f'<th scope="col">{day}</th>' in html


def test_the_heatmap_can_be_shown_in_a_segments_zone(client, course):
    client.force_login(course.owner)
    html = client.get(url(course), {"view": "America/New_York"}).content.decode()
    assert "in America/New_York." in html


def test_other_instructors_cannot_open_the_planner(client, course):
    client.force_login(UserFactory(instructor=True))
    assert client.get(url(course)).status_code == 404


def test_applying_the_suggested_slot_clears_the_time_zone_finding(client, course):
    assert "live-outside-waking-hours" in {f.check for f in run_checks(blend_facts(course))}
    block = course.schedule.blocks.get()
    client.force_login(course.owner)
    html = client.get(url(course), {"duration": 60}).content.decode()
    # The best single slot suits both cities in every week, clock changes included.
    start = html.split('name="start" value="')[1][:5]
    day = html.split('name="day" value="')[1][:1]
    response = client.post(
        reverse("schedules:slot_apply", args=[course.pk, block.pk]), {"day": day, "start": start}
    )
    assert response.status_code == 302
    block.refresh_from_db()
    assert block.start_time.strftime("%H:%M") == start
    assert "live-outside-waking-hours" not in {f.check for f in run_checks(blend_facts(course))}


@pytest.mark.parametrize(
    "slot",
    [{"day": "9", "start": "x"}, {"day": "monday", "start": "10:00"}, {"day": "1"}, {}],
    ids=["day-9", "day-name", "no-start", "nothing"],
)
def test_an_unreadable_slot_is_refused_with_422_and_the_block_is_unchanged(client, course, slot):
    block = course.schedule.blocks.get()
    client.force_login(course.owner)
    response = client.post(reverse("schedules:slot_apply", args=[course.pk, block.pk]), slot)
    assert response.status_code == 422
    html = response.content.decode()
    assert "That slot could not be read; choose one of the suggestions." in html
    # The page's own forms still lead to the planner, not to this action's address.
    assert f'method="get" action="{url(course)}"' in html
    block.refresh_from_db()
    assert (block.day, block.start_time) == (2, time(9))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"duration": "50"},
            "“50” is not a session length the planner offers: choose 30, 45, 60, 90 or 120 "
            "minutes.",
        ),
        ({"duration": "abc"}, "“abc” is not a session length the planner offers"),
        (
            {"view": "Asia/Tokyo"},
            "“Asia/Tokyo” is not a time zone of this course's learners: choose Europe/London "
            "or America/New_York.",
        ),
    ],
    ids=["duration-50", "duration-abc", "view-tokyo"],
)
def test_a_duration_or_zone_the_planner_does_not_offer_is_refused_with_400(
    client, course, query, message
):
    client.force_login(course.owner)
    response = client.get(url(course), query)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())


def test_without_a_duration_or_zone_the_planner_shows_an_hour_in_the_courses_zone(client, course):
    client.force_login(course.owner)
    for query in ({}, {"duration": "", "view": ""}):
        response = client.get(url(course), query)
        assert response.status_code == 200
        assert (response.context["duration"], response.context["view"]) == (60, "Europe/London")


def test_suggestions_keep_to_the_instructors_own_waking_hours(client):
    # Learners only in Auckland: midnight in London suits them, but not the instructor.
    # (From April, Auckland's and London's clock changes close the gap to 11 hours and no
    # hour suits both, so the course stops before then.)
    course = CourseFactory(timezone="Europe/London", start_date=date(2027, 3, 1), weeks=5)
    LearnerSegmentFactory(profile__course=course, timezone="Pacific/Auckland", head_count=15)
    client.force_login(course.owner)
    html = client.get(url(course)).content.decode()
    # 20:00-21:00 in London is 09:00-10:00 in Auckland (08:00-09:00 once London's clocks go
    # forward on 28 March): the last hour of the instructor's day that suits every learner.
    assert "The best single slot: 100% of learners" in html
    assert "<strong>Monday 20:00–21:00</strong>" in html
    # Everyone is covered by one slot, so no pair is offered.
    assert "The best pair of repeat sessions" not in html
