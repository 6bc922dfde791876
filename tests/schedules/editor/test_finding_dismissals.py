"""Dismissing a finding: a reason is required, the finding is set aside, and can come back."""

import pytest
from django.urls import reverse

from schedules.models import FindingDismissal
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def course():
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule, title="Loose reading", due_day=None)
    return course


def dismiss(client, course, key, reason):
    return client.post(
        reverse("schedules:finding_dismiss", args=[course.pk]),
        {"key": key, "reason": reason},
        **HTMX,
    )


def key_of(course) -> str:
    return f"self-paced-without-due-day:{course.schedule.blocks.get().pk}"


def test_a_finding_dismissed_with_a_reason_leaves_the_list_and_keeps_the_reason(client, course):
    client.force_login(course.owner)
    response = dismiss(client, course, key_of(course), "Optional extension reading.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dismissed (1)" in html
    assert "Optional extension reading." in html
    dismissal = FindingDismissal.objects.get()
    assert dismissal.dismissed_by == course.owner
    assert "Loose reading" in dismissal.message


def test_a_dismissal_without_a_reason_is_refused(client, course):
    client.force_login(course.owner)
    response = dismiss(client, course, key_of(course), "   ")
    assert response.status_code == 422
    assert "Say why this finding does not apply" in response.content.decode()
    assert not FindingDismissal.objects.exists()


def test_a_dismissed_finding_can_be_restored(client, course):
    client.force_login(course.owner)
    dismiss(client, course, key_of(course), "Not graded.")
    dismissal = FindingDismissal.objects.get()
    client.post(reverse("schedules:finding_restore", args=[course.pk, dismissal.pk]))
    assert not FindingDismissal.objects.exists()


def test_another_instructor_cannot_dismiss_findings(client, course):
    client.force_login(UserFactory(instructor=True))
    assert dismiss(client, course, key_of(course), "Mine now").status_code == 404
    assert not FindingDismissal.objects.exists()


def test_the_dismiss_link_opens_the_reason_form_in_place(client, course):
    client.force_login(course.owner)
    response = client.get(
        reverse("schedules:finding_dismiss", args=[course.pk]), {"key": key_of(course)}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="reason"' in html
    assert f'value="{key_of(course)}"' in html


def test_many_findings_of_one_check_each_show_the_fix_that_names_their_block(client):
    course = CourseFactory()
    for n in range(8):
        ActivityBlockFactory(schedule=course.schedule, title=f"Reading {n}", due_day=None)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    for n in range(8):
        assert html.count(f"Give “Reading {n}” a due day within its week.") == 1
    assert "and 3 more like this" in html


def test_findings_of_one_check_with_the_same_fix_show_it_once(client):
    course = CourseFactory()
    for n in range(3):
        LearningOutcomeFactory(course=course, text=f"Outcome {n}")
    ActivityBlockFactory(schedule=course.schedule, title="Reading", due_day=2)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert all(f"No activity serves the outcome “Outcome {n}”" in html for n in range(3))
    assert html.count("Link an activity to it, or add one that serves it.") == 1
