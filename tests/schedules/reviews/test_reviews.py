"""The review workflow: submit, queue, comment, decide, resubmit; who may do what."""

from urllib.parse import urlencode

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


def queue_url(**query):
    return reverse("schedules:review_queue") + ("?" + urlencode(query) if query else "")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"status": "draft"},
            "“draft” is not a status the queue shows: choose Submitted, Changes requested or "
            "Approved.",
        ),
        ({"discipline": "alchemy"}, "“alchemy” is not a discipline: choose STEM"),
    ],
    ids=["status", "discipline"],
)
def test_an_unknown_queue_filter_is_refused_with_400(client, course, reviewer, query, message):
    submit(client, course)
    client.force_login(reviewer)
    response = client.get(queue_url(**query))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Statics" not in html


def test_the_queue_without_filters_shows_submitted_schedules(client, course, reviewer):
    submit(client, course)
    client.force_login(reviewer)
    for query in ({}, {"status": "", "discipline": ""}):
        response = client.get(queue_url(**query))
        assert response.status_code == 200
        assert "Statics" in response.content.decode()
    assert "Statics" not in client.get(queue_url(status="approved")).content.decode()


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("abc", "“abc” is not a version number (1, 2, 3…)."),
        ("0", "“0” is not a version number (1, 2, 3…)."),
        ("7", "This schedule has no version 7; it has only version 1."),
    ],
    ids=["abc", "0", "7"],
)
def test_a_review_page_of_a_version_that_is_not_there_is_refused_with_400(
    client, course, reviewer, version, message
):
    submit(client, course)
    client.force_login(reviewer)
    response = client.get(review_url(course), {"version": version})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.fixture
def two_versions(client, course, reviewer):
    submit(client, course)
    client.force_login(reviewer)
    client.post(
        reverse("schedules:review_decide", args=[course.schedule.pk]),
        {"version": 1, "decision": "request_changes", "comment": "More practice"},
    )
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Practice lab")
    submit(client, course)
    client.force_login(reviewer)
    return course


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"a": "x"}, "“x” is not a version number (1, 2, 3…)."),
        ({"b": "3"}, "This schedule has no version 3; it has versions 1 and 2."),
        ({"a": "2", "b": "2"}, "Choose two different versions to compare, not 2 twice."),
        ({"b": "1"}, "Version 1 is the first: there is none before it to compare it with."),
    ],
    ids=["not-a-number", "not-there", "the-same", "none-before"],
)
def test_comparing_versions_that_are_not_there_is_refused_with_400(
    client, two_versions, query, message
):
    url = reverse("schedules:review_compare", args=[two_versions.schedule.pk])
    response = client.get(url, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_comparing_without_versions_compares_the_latest_with_the_one_before(client, two_versions):
    url = reverse("schedules:review_compare", args=[two_versions.schedule.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Version 1 → version 2" in response.content.decode()
    assert "Version 2 → version 1" in client.get(url, {"a": 2, "b": 1}).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 1, "decision": "maybe"}, "“maybe” is not a decision"),
        ({"version": 1}, "Choose Approve or Request changes."),
        ({"version": "one", "decision": "approve"}, "“one” is not a version number"),
    ],
    ids=["maybe", "no-decision", "bad-version"],
)
def test_a_decision_that_is_not_approve_or_request_changes_is_refused_with_422(
    client, course, reviewer, data, message
):
    submit(client, course)
    client.force_login(reviewer)
    response = client.post(
        reverse("schedules:review_decide", args=[course.schedule.pk]),
        {**data, "comment": "Looks fine to me."},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"Nothing was decided: {message}" in html
    assert 'name="comment" rows="3">Looks fine to me.</textarea>' in html
    course.schedule.refresh_from_db()
    assert course.schedule.status == "submitted"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"version": 1, "block": "xyz"}, "“xyz” is not a block of this schedule."),
        ({"version": 1, "parent": "-3"}, "“-3” is not a comment of this schedule."),
        ({"version": "latest"}, "“latest” is not a version number"),
        ({}, "The form did not say which version it is about."),
    ],
    ids=["block", "parent", "version", "no-version"],
)
def test_a_comment_naming_something_that_is_not_a_number_is_refused_with_422(
    client, course, reviewer, data, message
):
    submit(client, course)
    client.force_login(reviewer)
    response = client.post(
        reverse("schedules:review_comment", args=[course.schedule.pk]),
        {**data, "body": "Add a due day."},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"The comment was not added: {message}" in html
    assert "Add a due day.</textarea>" in html
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("x" * 5001, "Keep a comment to 5,000 characters or fewer (it has 5001)."),
        ("See \x1b[31mhere", "invisible control character (U+001B)"),
        ("Nul\x00", "invisible control character (U+0000)"),
    ],
)
def test_a_comment_too_long_or_with_control_characters_is_refused_and_not_saved(
    client, course, reviewer, body, message
):
    submit(client, course)
    client.force_login(reviewer)
    url = reverse("schedules:review_comment", args=[course.schedule.pk])
    response = client.post(url, {"version": "1", "body": body})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ReviewComment.objects.exists()


def test_a_comment_keeps_its_line_breaks_and_right_to_left_text(client, course, reviewer):
    submit(client, course)
    client.force_login(reviewer)
    url = reverse("schedules:review_comment", args=[course.schedule.pk])
    body = "سطر أول\n\tsecond line \u200fעברית"
    client.post(url, {"version": "1", "body": body + "x" * (5000 - len(body))})
    assert ReviewComment.objects.get().body.startswith(body)


def test_the_comment_service_and_the_database_refuse_a_long_comment(course):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from schedules.reviews.services import review_comment, schedule_submit

    version = schedule_submit(course=course, by=course.owner)
    with pytest.raises(ValidationError, match="5,000 characters or fewer"):
        review_comment(version=version, by=course.owner, body="x" * 5001)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewComment.objects.create(version=version, author=course.owner, body="x" * 5001)
