"""The review workflow: submit, queue, comment, decide, resubmit; who may do what."""

import pytest
from django.urls import reverse

from schedules.models import ReviewComment, ScheduleVersion
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CourseFactory(title="Statics")
    ActivityBlockFactory(schedule=course.schedule, title="Truss reading")
    return course


@pytest.fixture
def reviewer():
    return UserFactory(reviewer=True)


def submit(client, course):
    client.force_login(course.owner)
    return client.post(reverse("schedules:submit", args=[course.pk]))


def review_url(course):
    return reverse("schedules:review", args=[course.schedule.pk])


def test_submitting_freezes_version_one_and_queues_it(client, course, reviewer):
    submit(client, course)
    version = ScheduleVersion.objects.get()
    course.schedule.refresh_from_db()
    assert (version.number, course.schedule.status) == (1, "submitted")
    assert [b["title"] for b in version.snapshot["blocks"]] == ["Truss reading"]
    client.force_login(reviewer)
    assert "Statics" in client.get(reverse("schedules:review_queue")).content.decode()


def test_submitting_twice_makes_one_version(client, course):
    submit(client, course)
    submit(client, course)
    assert ScheduleVersion.objects.count() == 1


def test_editing_after_submitting_does_not_change_the_submitted_version(client, course):
    submit(client, course)
    course.schedule.blocks.update(title="Renamed later")
    version = ScheduleVersion.objects.get()
    assert version.snapshot["blocks"][0]["title"] == "Truss reading"


def test_an_empty_schedule_cannot_be_submitted(client):
    empty = CourseFactory()
    response = submit(client, empty)
    assert response.status_code == 302
    assert not ScheduleVersion.objects.exists()


def test_reviewers_cannot_see_drafts_and_other_instructors_cannot_see_reviews(client, course):
    submit(client, course)
    client.force_login(UserFactory(instructor=True))
    assert client.get(review_url(course)).status_code == 404
    draft = CourseFactory()
    client.force_login(UserFactory(reviewer=True))
    assert client.get(reverse("schedules:review", args=[draft.schedule.pk])).status_code == 404


def test_the_queue_is_for_reviewers_only(client):
    client.force_login(UserFactory(instructor=True))
    assert client.get(reverse("schedules:review_queue")).status_code == 403


def test_requesting_changes_needs_a_comment(client, course, reviewer):
    submit(client, course)
    client.force_login(reviewer)
    url = reverse("schedules:review_decide", args=[course.schedule.pk])
    client.post(url, {"version": 1, "decision": "request_changes", "comment": ""})
    course.schedule.refresh_from_db()
    assert course.schedule.status == "submitted"
    client.post(url, {"version": 1, "decision": "request_changes", "comment": "Add a due day."})
    course.schedule.refresh_from_db()
    assert course.schedule.status == "changes_requested"


def test_the_instructor_revises_and_resubmits_and_the_reviewer_approves(client, course, reviewer):
    submit(client, course)
    client.force_login(reviewer)
    decide = reverse("schedules:review_decide", args=[course.schedule.pk])
    client.post(decide, {"version": 1, "decision": "request_changes", "comment": "More practice"})
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Practice lab")
    submit(client, course)
    assert ScheduleVersion.objects.count() == 2
    client.force_login(reviewer)
    # A decision on the old version is refused with a clear message; the comment comes back
    # in the decision form of the latest version.
    response = client.post(
        decide, {"version": 1, "decision": "approve", "comment": "Nice lab."}, follow=True
    )
    page = response.content.decode()
    assert "Version 1 is not the latest version; version 2 is." in page
    assert "Approve version 2" in page
    assert 'name="comment" rows="3">Nice lab.</textarea>' in page
    client.post(decide, {"version": 2, "decision": "approve"})
    course.schedule.refresh_from_db()
    assert course.schedule.status == "approved"
    history = client.get(review_url(course)).content.decode()
    assert "Approved version 2" in history
    assert "Requested changes version 1" in history


def test_the_instructor_cannot_approve_their_own_schedule(client, course):
    submit(client, course)
    response = client.post(
        reverse("schedules:review_decide", args=[course.schedule.pk]),
        {"version": 1, "decision": "approve"},
    )
    assert response.status_code == 403


def test_comments_on_a_block_and_html_in_them_is_escaped(client, course, reviewer):
    submit(client, course)
    client.force_login(reviewer)
    block_id = course.schedule.blocks.get().pk
    client.post(
        reverse("schedules:review_comment", args=[course.schedule.pk]),
        {"version": 1, "block": block_id, "body": "<script>alert(1)</script> due day?"},
    )
    assert ReviewComment.objects.get().block_id == block_id
    html = client.get(review_url(course)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; due day?" in html
