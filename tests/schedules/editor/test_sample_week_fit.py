"""Starting from a sample week keeps seed 000's week as published, and offers in the same
step to fit it to the course's recommended share (its blocks longer or shorter, its hours
the same), so that a newcomer who starts from the recommended week lands inside the
tolerance."""

import pytest
from django.urls import reverse

from schedules.editor.selectors import blend_facts
from schedules.models import ActivityBlock, Schedule
from schedules.rules.blend import summarise_blend
from schedules.rules.checks import run_checks
from tests.factories import ActivityBlockFactory, CourseFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def course():
    """A 6-hour course recommended 38% live, for which week B (33%) is the nearest."""
    course = CourseFactory(title="Statics", weeks=12, weekly_hours=6)
    Schedule.objects.filter(pk=course.schedule.pk).update(
        recommended_live_share=38, recommendation={"nearest_sample_week": {"letter": "B"}}
    )
    return course


def live_percent(course) -> int | None:
    return summarise_blend(
        ActivityBlock.objects.filter(schedule=course.schedule), weeks=12
    ).live_percent


def minutes(course) -> int:
    return sum(
        ActivityBlock.objects.filter(schedule=course.schedule).values_list(
            "duration_minutes", flat=True
        )
    )


def test_the_recommended_week_offers_to_be_fitted_to_the_recommended_share(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert "Start from B, fitted to 38% live" in html
    assert "Start from A, fitted" not in html


def test_a_sample_week_as_published_keeps_seed_000s_share(client, course):
    client.force_login(course.owner)
    client.post(reverse("schedules:sample_week", args=[course.pk]), {"week": "B"})
    assert live_percent(course) == 33
    assert minutes(course) == 360
    # 5 points off the recommended 38%: within the tolerance, so fitting is offered, not needed.
    assert "split-drift" not in {f.check for f in run_checks(blend_facts(course))}


def test_fitting_lands_within_the_tolerance_keeping_the_weeks_hours(client, course):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:sample_week", args=[course.pk]), {"week": "B", "fit": "on"}, **HTMX
    )
    assert response.status_code == 200
    assert minutes(course) == 360
    assert live_percent(course) == 38  # 135 of 360 minutes: 37.5%
    html = response.content.decode()
    assert "fitted to the recommended 38% live" in html
    assert "“Application session” 90 → 100 min" in html
    assert "split-drift" not in {f.check for f in run_checks(blend_facts(course))}


def test_fitting_is_kept_through_the_question_about_existing_blocks(client, course):
    ActivityBlockFactory(schedule=course.schedule, title="My own block")
    client.force_login(course.owner)
    url = reverse("schedules:sample_week", args=[course.pk])
    html = client.post(url, {"week": "B", "fit": "on"}, **HTMX).content.decode()
    assert 'name="fit" value="on"' in html  # the question carries the choice on
    client.post(url, {"week": "B", "fit": "on", "existing": "replace"})
    assert live_percent(course) == 38


def test_a_course_without_a_recommendation_gets_the_week_as_published(client):
    course = CourseFactory(weeks=12, weekly_hours=6)
    Schedule.objects.filter(pk=course.schedule.pk).update(recommended_live_share=None)
    client.force_login(course.owner)
    client.post(reverse("schedules:sample_week", args=[course.pk]), {"week": "B", "fit": "on"})
    assert live_percent(course) == 33
