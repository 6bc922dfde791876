"""Outcomes edited inline: as plain form posts and as htmx fragments."""

import json

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, LearningOutcomeFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def list_url(course):
    return reverse("courses:outcome_list", args=[course.pk])


def texts(course):
    return list(course.outcomes.order_by("position").values_list("text", flat=True))


def test_adding_an_outcome_without_javascript_redirects_back_to_the_list(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        list_url(course),
        {"text": "Model heat engines", "bloom_level": "apply", "kind": "interactive_skill_mastery"},
    )
    assert response.status_code == 302
    assert texts(course) == ["Model heat engines"]


def test_adding_an_outcome_with_htmx_returns_only_the_refreshed_list(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        list_url(course),
        {"text": "Model heat engines", "bloom_level": "apply", "kind": "knowledge_acquisition"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="outcome-list"')
    assert "<html" not in html
    assert "Model heat engines" in html
    assert "Outcome added." in html


def test_an_empty_outcome_is_refused_inline_and_nothing_is_saved(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        list_url(course), {"text": "", "bloom_level": "apply", "kind": "mixed"}, **HTMX
    )
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    assert texts(course) == []


def test_outcomes_move_up_and_down_with_buttons(client):
    course = CourseFactory()
    first = LearningOutcomeFactory(course=course, text="First", position=0)
    LearningOutcomeFactory(course=course, text="Second", position=1)
    client.force_login(course.owner)
    client.post(reverse("courses:outcome_move", args=[course.pk, first.pk]), {"direction": "down"})
    assert texts(course) == ["Second", "First"]


def test_editing_and_removing_an_outcome(client):
    course = CourseFactory()
    outcome = LearningOutcomeFactory(course=course, text="Draft wording")
    LearningOutcomeFactory(course=course, text="Other")
    client.force_login(course.owner)
    client.post(
        reverse("courses:outcome_edit", args=[course.pk, outcome.pk]),
        {"text": "Final wording", "bloom_level": "create", "kind": "mixed"},
    )
    assert texts(course)[0] == "Final wording"
    client.post(reverse("courses:outcome_delete", args=[course.pk, outcome.pk]), {"confirm": "yes"})
    assert texts(course) == ["Other"]
    assert list(course.outcomes.values_list("position", flat=True)) == [0]


def test_another_instructor_cannot_touch_the_outcomes(client):
    outcome = LearningOutcomeFactory(text="Mine")
    course = outcome.course
    client.force_login(UserFactory(instructor=True))
    assert client.get(list_url(course)).status_code == 404
    response = client.post(
        reverse("courses:outcome_delete", args=[course.pk, outcome.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 404
    assert texts(course) == ["Mine"]


def test_an_outcome_of_another_course_is_not_found_through_this_course(client):
    mine = CourseFactory()
    theirs = LearningOutcomeFactory(text="Theirs")
    client.force_login(mine.owner)
    response = client.post(
        reverse("courses:outcome_delete", args=[mine.pk, theirs.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 404
    assert texts(theirs.course) == ["Theirs"]


def test_the_recommendation_updates_with_the_outcomes(client):
    from tests.factories import LearnerSegmentFactory

    course = CourseFactory()
    LearnerSegmentFactory(profile__course=course)  # full-time local, reliable, lab access
    client.force_login(course.owner)
    response = client.post(
        list_url(course),
        {"text": "Titrate a solution", "bloom_level": "apply", "kind": "interactive_skill_mastery"},
        **HTMX,
    )
    # The page's recommendation panel listens for this event and reloads itself...
    assert "course-changed" in json.loads(response["HX-Trigger"])
    course.schedule.refresh_from_db()
    assert course.schedule.recommended_live_share == 70  # now fits seed 000's row 1 fully
    # ...from the recommendation's fragment, which shows the new split.
    panel = client.get(reverse("schedules:recommendation", args=[course.pk]), **HTMX)
    assert 'id="recommendation"' in panel.content.decode()
    assert "70%" in panel.content.decode()


@pytest.mark.parametrize("data", [{"direction": "sideways"}, {}], ids=["sideways", "missing"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_move_in_no_direction_is_refused_with_422_and_the_order_stays(client, data, headers):
    course = CourseFactory()
    first = LearningOutcomeFactory(course=course, text="First", position=0)
    LearningOutcomeFactory(course=course, text="Second", position=1)
    client.force_login(course.owner)
    url = reverse("courses:outcome_move", args=[course.pk, first.pk])
    response = client.post(url, data, **headers)
    assert response.status_code == 422
    assert texts(course) == ["First", "Second"]
    html = response.content.decode()
    assert 'role="alert"' in html
    if data:
        assert "“sideways” is not a way to move an outcome: choose up or down." in html
    else:
        assert "Say which way to move the outcome: up or down." in html
    if headers:
        assert html.lstrip().startswith('<section id="outcome-list"')


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}], ids=["page", "htmx"])
def test_removing_an_outcome_asks_first_naming_it_and_the_blocks_that_serve_it(client, headers):
    from tests.factories import ActivityBlockFactory

    outcome = LearningOutcomeFactory(text="Explain entropy")
    course = outcome.course
    ActivityBlockFactory.create_batch(2, schedule=course.schedule, outcomes=[outcome])
    client.force_login(course.owner)
    url = reverse("courses:outcome_delete", args=[course.pk, outcome.pk])
    html = client.post(url, **headers).content.decode()
    assert 'Remove the outcome <strong>“<span dir="auto">Explain entropy</span>”</strong>?' in html
    assert "2 activity blocks serve it" in html
    assert 'name="confirm" value="yes"' in html
    assert texts(course) == ["Explain entropy"]
    assert client.post(url, {"confirm": "maybe"}, **headers).status_code == 400
    assert texts(course) == ["Explain entropy"]
    client.post(url, {"confirm": "yes"}, **headers)
    assert texts(course) == []
