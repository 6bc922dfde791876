"""A stored recommendation follows its course, whichever path changed the course.

The expected shares come from seed 000's decision matrix as the default rule set ships it:
a STEM course of full-time local learners with reliable bandwidth and lab access whose one
outcome is interactive skill mastery fits row 1 fully ("Interactive skill mastery |
Full-time, local | Reliable bandwidth, lab access | 70% synchronous"); the same course
with a knowledge outcome fits it less and moves towards row 2's 30%.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.models import Course, LearningOutcome
from courses.services import outcome_move
from schedules.models import Schedule
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SKILL = {"bloom_level": "apply", "kind": "interactive_skill_mastery"}
KNOWLEDGE = {"bloom_level": "understand", "kind": "knowledge_acquisition"}


def stored_share(course: Course) -> int | None:
    return Schedule.objects.get(course=course).recommended_live_share


@pytest.fixture
def course():
    """Row 1 of seed 000's matrix, fully: recommended 70% live."""
    course = CourseFactory()
    LearnerSegmentFactory(profile__course=course)  # full-time local, reliable, lab access
    LearningOutcomeFactory(course=course, text="Titrate a solution", **SKILL)
    assert stored_share(course) == 70
    return course


def test_a_new_course_gets_its_draft_schedule_and_no_recommendation_yet():
    course = CourseFactory()
    schedule = Schedule.objects.get(course=course)
    assert schedule.status == "draft"
    assert schedule.recommended_live_share is None  # no outcomes, no learners yet


def test_the_outcomes_page_refreshes_it(client, course):
    client.force_login(course.owner)
    outcome = course.outcomes.get()
    client.post(
        reverse("courses:outcome_edit", args=[course.pk, outcome.pk]),
        {"text": "Explain titration", **KNOWLEDGE},
    )
    # no STEM lean since the discipline moves no points, and a knowledge outcome withdraws
    # the local cohort and lab's pull toward live time (seed 000: outcomes drive the blend)
    assert stored_share(course) == 43


def test_the_learners_page_refreshes_it(client, course):
    client.force_login(course.owner)
    segment = course.learner_profile.segments.get()
    data = {
        "kind": "distributed_professionals",
        "bandwidth": "variable",
        "devices": ["laptop"],
        "segments-TOTAL_FORMS": "1",
        "segments-INITIAL_FORMS": "1",
        "segments-0-id": str(segment.pk),
        "segments-0-name": segment.name,
        "segments-0-head_count": "10",
        "segments-0-timezone": "Europe/London",
    }
    response = client.post(reverse("courses:learners_edit", args=[course.pk]), data)
    assert response.status_code == 302, response.content.decode()
    share = stored_share(course)
    assert share is not None
    assert share < 70  # no longer row 1's learners: less live time


def test_an_admin_edit_of_an_outcome_refreshes_it(client, course):
    """The admin's outcome inline once left the recommendation stale."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    outcome = course.outcomes.get()
    url = reverse("admin:courses_course_change", args=[course.pk])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if key not in {"co_instructors"} and value is not None
    }
    data.update(
        {
            "owner": str(course.owner.pk),
            "start_date": course.start_date.isoformat(),
            "outcomes-TOTAL_FORMS": "1",
            "outcomes-INITIAL_FORMS": "1",
            "outcomes-0-id": str(outcome.pk),
            "outcomes-0-course": str(course.pk),
            "outcomes-0-text": "Explain titration",
            "outcomes-0-bloom_level": KNOWLEDGE["bloom_level"],
            "outcomes-0-kind": KNOWLEDGE["kind"],
            "outcomes-0-position": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert LearningOutcome.objects.get(pk=outcome.pk).kind == KNOWLEDGE["kind"]
    # no STEM lean since the discipline moves no points, and a knowledge outcome withdraws
    # the local cohort and lab's pull toward live time (seed 000: outcomes drive the blend)
    assert stored_share(course) == 43


def test_code_that_saves_or_deletes_an_outcome_refreshes_it(course):
    outcome = course.outcomes.get()
    outcome.kind, outcome.bloom_level = KNOWLEDGE["kind"], KNOWLEDGE["bloom_level"]
    outcome.save()
    # no STEM lean since the discipline moves no points, and a knowledge outcome withdraws
    # the local cohort and lab's pull toward live time (seed 000: outcomes drive the blend)
    assert stored_share(course) == 43
    outcome.delete()
    assert stored_share(course) is None  # nothing left to recommend from


def test_reordering_outcomes_in_bulk_still_refreshes_it(course):
    LearningOutcomeFactory(course=course, text="Explain titration", **KNOWLEDGE)
    Schedule.objects.filter(course=course).update(recommended_live_share=1)  # made stale
    outcome_move(outcome=course.outcomes.get(text="Explain titration"), offset=-1)
    assert stored_share(course) not in (None, 1)


def test_a_management_command_that_makes_courses_leaves_them_recommended(settings):
    settings.DEBUG = True  # seed_demo refuses to run in production
    call_command("seed_demo", stdout=io.StringIO())
    shares = list(Schedule.objects.values_list("recommended_live_share", flat=True))
    assert len(shares) == 3
    assert None not in shares


def test_deleting_a_course_deletes_its_schedule_and_makes_no_new_one(course):
    course.delete()
    assert not Schedule.objects.exists()
