"""The planner on stated availability: where the first-week survey has enough answers, the
suggested slots come from the hours learners said they can come, and the page says so."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import SurveyFactory, SurveyResponseFactory, london_new_york_course

pytestmark = pytest.mark.django_db

FRIDAY_10 = 4 * 24 + 10  # Friday 10:00 UTC, which is 10:00 in London in January


@pytest.fixture
def course():
    return london_new_york_course()


def answer(survey, count, hours=(FRIDAY_10,), zone="Europe/London"):
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=UTC), tick=False):
        SurveyResponseFactory.create_batch(
            count, survey=survey, timezone=zone, availability_utc=list(hours)
        )


def best_single(html):
    return html.split("The best single slot")[1].split("<strong>")[1].split("</strong>")[0]


def page(client, course):
    client.force_login(course.owner)
    response = client.get(reverse("schedules:timezones", args=[course.pk]), {"duration": 60})
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_survey_the_slots_come_from_waking_hours_and_no_source_is_named(client, course):
    html = page(client, course)
    assert "From stated availability" not in html
    assert "From assumed waking hours" not in html
    assert best_single(html) != "Friday 10:00–11:00"


def test_six_answers_pick_the_slot_the_learners_said_they_can_come(client, course):
    survey = SurveyFactory(course=course, opens=date(2027, 1, 4))
    answer(survey, 6)
    html = page(client, course)
    assert best_single(html) == "Friday 10:00–11:00"
    assert "From stated availability" in html
    assert "in 6 answers to the first-week survey" in html
    assert "received on 5 Jan 2027" in html
    assert reverse("schedules:survey_results", args=[course.pk, survey.pk]) in html


def test_under_five_answers_keep_waking_hours_and_say_why(client, course):
    without = best_single(page(client, course))
    answer(SurveyFactory(course=course), 4)
    html = page(client, course)
    assert "From assumed waking hours" in html
    assert "has 4 answers" in html
    assert best_single(html) == without


def test_the_newest_survey_with_answers_is_the_one_read(client, course):
    older = SurveyFactory(course=course)
    answer(older, 5, hours=(2 * 24 + 15,))  # Wednesday 15:00
    answer(SurveyFactory(course=course), 5)
    SurveyFactory(course=course)  # the newest, not answered yet
    assert best_single(page(client, course)) == "Friday 10:00–11:00"


def test_another_courses_answers_are_never_read(client, course):
    answer(SurveyFactory(), 6)
    assert "From stated availability" not in page(client, course)


def test_the_number_of_queries_does_not_grow_with_the_answers(client, course):
    survey = SurveyFactory(course=course)
    answer(survey, 5)
    client.force_login(course.owner)
    url = reverse("schedules:timezones", args=[course.pk])
    client.get(url)  # the first request of a session does a little more
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    answer(survey, 40, hours=(FRIDAY_10, 0, 1, 2))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_pair_of_repeat_sessions_is_offered_when_it_reaches_learners_the_single_does_not(
    client, course
):
    survey = SurveyFactory(course=course)
    answer(survey, 5)
    answer(survey, 5, hours=(9,))  # Monday 09:00
    html = page(client, course)
    pair = html.split("The best pair of repeat sessions")[1]
    assert pair.startswith(": 100% of learners")
    assert "Monday 09:00–10:00" in pair
    assert "Friday 10:00–11:00" in pair


def test_no_pair_is_offered_when_a_second_session_would_reach_nobody_more(client, course):
    survey = SurveyFactory(course=course)
    answer(survey, 5)
    # Saturday 10:00 in Tokyo is 01:00 in London: outside the instructor's waking hours.
    answer(survey, 1, hours=(5 * 24 + 1,), zone="Asia/Tokyo")
    html = page(client, course)
    assert "Left out (1)" in html
    assert "The best pair of repeat sessions" not in html
