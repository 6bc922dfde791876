"""The dashboard at /: the signed-in instructor's courses with their live share."""

import pytest
from django.urls import reverse

from tests.factories import ActivityBlockFactory, CourseFactory, ScheduleFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("schedules:dashboard")


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_the_instructor_sees_their_courses_with_the_live_share(client):
    course = CourseFactory(title="Organic Chemistry", weeks=2)
    schedule = ScheduleFactory(course=course, recommended_live_share=70)
    ActivityBlockFactory(schedule=schedule, live=True, duration_minutes=90)
    ActivityBlockFactory(schedule=schedule, duration_minutes=270)
    client.force_login(course.owner)
    html = client.get(URL).content.decode()
    assert "Organic Chemistry" in html
    assert "25% live" in html
    assert "70% live" in html


def test_the_instructor_does_not_see_other_instructors_courses(client):
    CourseFactory(title="Someone Else's Course")
    client.force_login(UserFactory(instructor=True))
    html = client.get(URL).content.decode()
    assert "Someone Else" not in html
    assert "No courses yet" in html


def test_an_instructor_is_offered_to_create_their_first_course(client):
    client.force_login(UserFactory(instructor=True))
    html = client.get(URL).content.decode()
    assert "Create your first course" in html
    assert reverse("courses:course_new") in html


@pytest.mark.parametrize("role", ["rule_admin"])  # a reviewer lands on the review queue
def test_someone_without_the_instructor_role_is_not_offered_a_new_course(client, role):
    client.force_login(UserFactory(**{role: True}))
    html = client.get(URL).content.decode()
    assert reverse("courses:course_new") not in html
    assert "Create your first course" not in html
    assert "needs the <strong>instructor</strong> role" in html


def test_a_co_instructor_sees_the_course_they_co_teach(client):
    course = CourseFactory(title="Shared Course")
    colleague = UserFactory(instructor=True)
    course.co_instructors.add(colleague)
    client.force_login(colleague)
    assert "Shared Course" in client.get(URL).content.decode()


def test_a_course_with_no_blocks_says_so_instead_of_zero_percent(client):
    course = CourseFactory()
    ScheduleFactory(course=course)
    client.force_login(course.owner)
    html = client.get(URL).content.decode()
    assert "No blocks yet" in html
    assert "0% live" not in html


def test_the_number_of_queries_does_not_grow_with_courses_and_blocks(client):
    owner = UserFactory(instructor=True)
    for _ in range(2):
        ActivityBlockFactory(schedule__course__owner=owner)

    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(owner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries_for_page()
    for _ in range(8):
        schedule = ScheduleFactory(course=CourseFactory(owner=owner))
        ActivityBlockFactory.create_batch(5, schedule=schedule)
    assert queries_for_page() == few
