"""In-app notifications: made by the same code path as the e-mails, counted in the header,
listed, and marked read when opened."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from schedules.models import Notification
from schedules.reviews.services import review_comment, review_decide, schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    owner = UserFactory(instructor=True, first_name="Ines", last_name="Okafor")
    course = CourseFactory(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule, title="Forum")
    return course


@pytest.fixture
def reviewer():
    return UserFactory(reviewer=True, first_name="Ravi", last_name="Lindqvist")


def texts(user) -> list[str]:
    return [n.text for n in Notification.objects.filter(recipient=user)]


def test_reviewers_are_told_of_a_submission_in_the_app_without_an_email_address(course, reviewer):
    schedule_submit(course=course, by=course.owner)
    assert texts(reviewer) == ["Ines Okafor submitted version 1 of “Statics” for review."]
    assert texts(course.owner) == []


def test_the_instructors_are_told_of_the_decision(course, reviewer):
    co = UserFactory(instructor=True)
    course.co_instructors.add(co)
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=False, comment="Add a due day.")
    expected = ["Ravi Lindqvist requested changes to version 1 of “Statics”."]
    assert texts(course.owner) == expected
    assert texts(co) == expected


def test_the_others_in_a_thread_are_told_of_a_reply(course, reviewer):
    version = schedule_submit(course=course, by=course.owner)
    thread = review_comment(version=version, by=reviewer, body="Why on Friday?")
    review_comment(version=version, by=course.owner, body="Learners asked.", reply_to=thread)
    [told] = Notification.objects.filter(recipient=reviewer, kind="replied")
    assert told.text == "Ines Okafor replied on version 1 of “Statics”: Learners asked."
    assert told.thread == thread
    assert texts(course.owner) == []


def test_a_refused_decision_tells_nobody(course, reviewer):
    version = schedule_submit(course=course, by=course.owner)
    with pytest.raises(ValidationError):
        review_decide(version=version, by=reviewer, approve=False, comment="")
    assert texts(course.owner) == []


def test_the_header_counts_the_unread_and_the_list_shows_them(client, course, reviewer):
    schedule_submit(course=course, by=course.owner)
    client.force_login(reviewer)
    html = client.get(reverse("schedules:review_queue")).content.decode()
    assert 'class="bell__count">1<' in html
    page = client.get(reverse("schedules:notifications")).content.decode()
    assert "Ines Okafor submitted version 1 of “Statics” for review." in page
    assert "notification--unread" in page


def test_opening_a_notification_marks_it_read_and_goes_to_the_review(client, course, reviewer):
    version = schedule_submit(course=course, by=course.owner)
    thread = review_comment(version=version, by=reviewer, body="Why on Friday?")
    review_comment(version=version, by=course.owner, body="Learners asked.", reply_to=thread)
    told = Notification.objects.get(recipient=reviewer, kind="replied")
    client.force_login(reviewer)
    response = client.post(reverse("schedules:notification_open", args=[told.pk]))
    review = reverse("schedules:review", args=[course.schedule.pk])
    assert response["Location"] == f"{review}?version=1#comment-{thread.pk}"
    told.refresh_from_db()
    assert told.read_at is not None
    html = client.get(reverse("schedules:review_queue")).content.decode()
    assert 'class="bell__count">1<' in html  # the submission is still unread


def test_someone_elses_notification_is_not_found_and_stays_unread(client, course, reviewer):
    schedule_submit(course=course, by=course.owner)
    told = Notification.objects.get(recipient=reviewer)
    client.force_login(course.owner)
    assert client.post(reverse("schedules:notification_open", args=[told.pk])).status_code == 404
    told.refresh_from_db()
    assert told.read_at is None


def test_mark_all_read(client, course, reviewer):
    schedule_submit(course=course, by=course.owner)
    client.force_login(reviewer)
    client.post(reverse("schedules:notifications_read"))
    assert not Notification.objects.filter(recipient=reviewer, read_at=None).exists()
