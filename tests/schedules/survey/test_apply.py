"""Applying the survey to the learner profile: a proposed diff, accepted all or in part,
nothing overwritten silently, and the recommendation follows."""

import pytest
from django.urls import reverse

from courses.models import LearnerProfile
from schedules.models import Schedule
from tests.factories import (
    LearnerProfileFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    SurveyFactory,
    SurveyResponseFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    """A course whose profile says 20 Londoners on laptops with reliable bandwidth, and a
    survey that found 6 in London and 5 in Lagos, some on phones with a low connection."""
    profile = LearnerProfileFactory(devices=["laptop"], accessibility_needs=[])
    LearnerSegmentFactory(profile=profile, name="Campus", head_count=20, timezone="Europe/London")
    LearningOutcomeFactory(course=profile.course)
    survey = SurveyFactory(course=profile.course)
    SurveyResponseFactory.create_batch(6, survey=survey)
    SurveyResponseFactory.create_batch(
        5,
        survey=survey,
        timezone="Africa/Lagos",
        devices=["phone"],
        connection="low",
        needs=["captions"],
    )
    return survey


def url(survey) -> str:
    return reverse("schedules:survey_apply", args=[survey.course.pk, survey.pk])


def test_the_page_shows_each_proposed_change_beside_what_it_replaces_and_changes_nothing(
    client, survey
):
    client.force_login(survey.course.owner)
    html = client.get(url(survey)).content.decode()
    assert "The cohort&#x27;s bandwidth:</strong> Low" in html
    assert "(now: Reliable)" in html
    assert (
        "Learners in Africa/Lagos:</strong> 5 learners, Low bandwidth, phone; needs: captions"
        in html
    )
    assert "(now: no segment)" in html
    assert "Learners in Europe/London:</strong> 6 learners" in html
    assert "(now: 20 learners" in html
    profile = LearnerProfile.objects.get(course=survey.course)
    assert profile.bandwidth == "reliable"
    assert profile.segments.count() == 1


def test_accepting_part_changes_only_that_part(client, survey):
    client.force_login(survey.course.owner)
    response = client.post(url(survey), {"changes": ["segment:Africa/Lagos", "needs"]})
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(course=survey.course)
    assert profile.bandwidth == "reliable"  # not accepted: kept
    assert profile.devices == ["laptop"]
    assert profile.accessibility_needs == ["captions"]
    segments = {s.timezone: (s.name, s.head_count, s.bandwidth) for s in profile.segments.all()}
    assert segments == {
        "Europe/London": ("Campus", 20, ""),  # not accepted: kept as it was
        "Africa/Lagos": ("Learners in Lagos", 5, "low"),
    }


def test_accepting_everything_updates_the_zone_in_place_and_the_recommendation_follows(
    client, survey
):
    client.force_login(survey.course.owner)
    page = client.get(url(survey)).content.decode()
    keys = ["bandwidth", "devices", "needs", "segment:Europe/London", "segment:Africa/Lagos"]
    for key in keys:
        assert f'value="{key}"' in page
    before = Schedule.objects.get(course=survey.course).recommendation
    assert before  # outcomes and learners described: the course has a recommendation
    client.post(url(survey), {"changes": keys})
    profile = LearnerProfile.objects.get(course=survey.course)
    assert (profile.bandwidth, profile.devices) == ("low", ["laptop", "phone"])
    london = profile.segments.get(timezone="Europe/London")
    assert (london.name, london.head_count) == ("Campus", 6)
    assert Schedule.objects.get(course=survey.course).recommendation != before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Tick at least one change"),
        ({"changes": "segment:Mars/Base"}, "no longer among the proposed changes"),
    ],
)
def test_an_empty_or_stale_choice_is_refused_and_the_profile_stays(client, survey, data, message):
    client.force_login(survey.course.owner)
    response = client.post(url(survey), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    profile = LearnerProfile.objects.get(course=survey.course)
    assert (profile.bandwidth, profile.segments.count()) == ("reliable", 1)


@pytest.mark.parametrize("role", ["instructor", "reviewer"])
def test_nobody_but_the_courses_instructors_applies_answers(client, survey, role):
    client.force_login(UserFactory(**{role: True}))
    assert client.post(url(survey), {"changes": ["bandwidth"]}).status_code == 404
    assert LearnerProfile.objects.get(course=survey.course).bandwidth == "reliable"
