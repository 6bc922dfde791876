"""Comparing two submitted versions."""

from datetime import time

import pytest
from django.urls import reverse

from schedules.reviews.services import schedule_submit
from schedules.reviews.version_diff import compare_versions
from schedules.rules.choices import Weekday
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def two_versions():
    course = CourseFactory(title="Statics", weeks=10)
    reading = ActivityBlockFactory(schedule=course.schedule, title="Reading", due_day=None)
    seminar = ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", start_time=time(9), day=2
    )
    first = schedule_submit(course=course, by=course.owner)
    reading.due_day = Weekday.THURSDAY
    reading.save()
    seminar.delete()
    ActivityBlockFactory(schedule=course.schedule, title="Peer review", duration_minutes=30)
    course.schedule.status = "changes_requested"
    course.schedule.save()
    second = schedule_submit(course=course, by=course.owner)
    return course, first, second


def test_blocks_added_removed_and_changed_field_by_field():
    _, first, second = two_versions()
    diff = compare_versions(first.snapshot, second.snapshot)
    assert [b["title"] for b in diff.added] == ["Peer review"]
    assert [b["title"] for b in diff.removed] == ["Seminar"]
    [change] = diff.changed
    assert change.title == "Reading"
    assert [(c.label, c.before, c.after) for c in change.changes] == [("Due day", "–", "Thursday")]


def test_split_hours_and_findings_before_and_after():
    _, first, second = two_versions()
    diff = compare_versions(first.snapshot, second.snapshot)
    assert (diff.live_before, diff.live_after) == (50, 0)
    assert (diff.minutes_before, diff.minutes_after) == (1200, 900)
    assert "self-paced-without-due-day" in {f["id"] for f in diff.findings_resolved}


def test_the_compare_page_for_the_owner_and_not_for_others(client):
    course, _, _ = two_versions()
    url = reverse("schedules:review_compare", args=[course.schedule.pk])
    client.force_login(course.owner)
    html = client.get(url).content.decode()
    assert "Version 1 → version 2" in html
    assert "Peer review" in html
    client.force_login(UserFactory(instructor=True))
    assert client.get(url).status_code == 404
