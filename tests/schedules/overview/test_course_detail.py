"""The course page: who may see it, and what it shows."""

import pytest
from django.urls import reverse

from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    ScheduleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def url_of(course) -> str:
    return reverse("schedules:course_detail", args=[course.pk])


@pytest.fixture
def course():
    course = CourseFactory(title="Statics")
    LearningOutcomeFactory(course=course, text="Resolve forces in a truss")
    segment = LearnerSegmentFactory(profile__course=course, timezone="Asia/Tokyo", name="Tokyo")
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Truss lab")
    return segment.profile.course


def test_the_owner_sees_the_outcomes_learners_and_blocks(client, course):
    client.force_login(course.owner)
    response = client.get(url_of(course))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Statics", "Resolve forces in a truss", "Asia/Tokyo", "Truss lab", "100%"):
        assert text in html


def test_another_instructor_gets_not_found_so_the_course_is_not_revealed(client, course):
    client.force_login(UserFactory(instructor=True))
    assert client.get(url_of(course)).status_code == 404


def test_a_reviewer_cannot_see_a_draft_course(client, course):
    client.force_login(UserFactory(reviewer=True))
    assert client.get(url_of(course)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, course):
    response = client.get(url_of(course))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_co_instructor_sees_the_course(client, course):
    colleague = UserFactory(instructor=True)
    course.co_instructors.add(colleague)
    client.force_login(colleague)
    assert client.get(url_of(course)).status_code == 200


def test_a_course_that_does_not_exist_is_not_found(client):
    client.force_login(UserFactory(instructor=True))
    assert client.get(reverse("schedules:course_detail", args=[999999])).status_code == 404


def test_a_course_without_a_profile_or_blocks_still_renders(client):
    course = ScheduleFactory().course
    client.force_login(course.owner)
    html = client.get(url_of(course)).content.decode()
    assert "No learner profile yet." in html
    assert "No activity blocks yet." in html


def test_the_course_page_shows_the_review_status_and_its_latest_history(client, course):
    from schedules.reviews.services import review_decide, schedule_submit

    reviewer = UserFactory(username="lms", first_name="Lee", last_name="Marsh", reviewer=True)
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=False, comment="Add captions.")
    client.force_login(course.owner)

    html = client.get(url_of(course)).content.decode()

    assert 'Status: <span class="status status--changes_requested">Changes requested</span>' in html
    history = html[html.index('<ul class="history">') :]
    assert history.index("Lee Marsh · Requested changes version 1") < history.index(
        "Submitted version 1"
    )
    assert reverse("schedules:review", args=[course.schedule.pk]) in html


def test_a_draft_never_submitted_has_no_review_card(client, course):
    client.force_login(course.owner)

    html = client.get(url_of(course)).content.decode()

    assert 'id="review-heading"' not in html
