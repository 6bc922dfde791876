"""The instructors' page of the learners' link: the course's instructors make it (which
turns the calendar feed on), replace it and revoke it; nobody else sees it."""

import pytest
from django.urls import reverse

from schedules.models import CalendarFeed, LearnerPage
from tests.factories import CalendarFeedFactory, CourseFactory, LearnerPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return CourseFactory(title="Statics")


def manage(course) -> str:
    return reverse("schedules:learner_link", args=[course.pk])


def open_link(client, page):
    return client.get(reverse("schedules:learner_page", args=[page.token]))


def test_an_instructor_makes_the_link_and_the_calendar_feed_comes_on_with_it(client, course):
    client.force_login(course.owner)
    response = client.post(manage(course), {"action": "create"}, follow=True)
    page = LearnerPage.objects.get(schedule=course.schedule)
    html = response.content.decode()
    assert f"http://testserver/l/{page.token}/" in html
    assert "The learners&#x27; page has a link" in html
    assert CalendarFeed.objects.filter(schedule=course.schedule).exists()
    assert len(page.token) >= 32
    assert "no-store" in response["Cache-Control"]


def test_making_the_link_twice_keeps_the_one_link(client, course):
    client.force_login(course.owner)
    client.post(manage(course), {"action": "create"})
    client.post(manage(course), {"action": "create"})
    assert LearnerPage.objects.filter(schedule=course.schedule).count() == 1


def test_a_feed_the_instructor_turned_off_stays_off_once_the_link_exists(client, course):
    page = LearnerPageFactory(schedule=course.schedule)
    client.force_login(course.owner)
    html = client.get(manage(course)).content.decode()
    assert page.token in html
    assert "is off, so the page has no “Add to my calendar” button" in html
    assert not CalendarFeed.objects.filter(schedule=course.schedule).exists()


def test_replacing_the_link_stops_the_old_one_at_once(client, course):
    old = LearnerPageFactory(schedule=course.schedule)
    client.force_login(course.owner)
    client.post(manage(course), {"action": "replace"})
    new = LearnerPage.objects.get(schedule=course.schedule, revoked__isnull=True)
    assert new.token != old.token
    client.logout()
    assert open_link(client, old).status_code == 410
    assert open_link(client, new).status_code == 200


def test_revoking_the_link_stops_it_and_leaves_the_calendar_feed(client, course):
    page = LearnerPageFactory(schedule=course.schedule)
    feed = CalendarFeedFactory(schedule=course.schedule)
    co_instructor = UserFactory(instructor=True)
    course.co_instructors.add(co_instructor)
    client.force_login(co_instructor)
    response = client.post(manage(course), {"action": "revoke"}, follow=True)
    assert "No link yet" in response.content.decode()
    assert open_link(client, page).status_code == 410
    assert CalendarFeed.objects.filter(pk=feed.pk).exists()


@pytest.mark.parametrize("action", ["", "delete", "\x00"])
def test_an_action_that_is_not_one_is_refused_and_changes_nothing(client, course, action):
    page = LearnerPageFactory(schedule=course.schedule)
    client.force_login(course.owner)
    response = client.post(manage(course), {"action": action})
    assert response.status_code == 400
    page.refresh_from_db()
    assert page.revoked is None
    assert LearnerPage.objects.count() == 1


@pytest.mark.parametrize("role", ["other_instructor", "reviewer"])
def test_only_the_courses_instructors_see_or_change_the_link(client, course, role):
    page = LearnerPageFactory(schedule=course.schedule)
    user = UserFactory(instructor=role == "other_instructor", reviewer=role == "reviewer")
    client.force_login(user)
    assert client.get(manage(course)).status_code == 404
    assert client.post(manage(course), {"action": "revoke"}).status_code == 404
    page.refresh_from_db()
    assert page.revoked is None


def test_the_course_page_and_the_calendar_feed_page_lead_to_the_link(client, course):
    client.force_login(course.owner)
    for address in (
        reverse("schedules:course_detail", args=[course.pk]),
        reverse("schedules:calendar_feed_page", args=[course.pk]),
    ):
        assert f'href="{manage(course)}"' in client.get(address).content.decode()
