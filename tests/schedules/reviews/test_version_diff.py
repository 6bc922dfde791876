"""Comparing two submitted versions."""

from datetime import time

import pytest
from django.urls import reverse

from schedules.reviews.services import schedule_submit
from schedules.reviews.version_diff import compare_versions
from schedules.rules.choices import Weekday
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    UserFactory,
)

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


def test_a_change_of_the_outcomes_a_block_serves_is_shown_by_outcome_text():
    course = CourseFactory(title="Statics", weeks=10)
    survey = LearningOutcomeFactory(course=course, text="Design a quadrat survey")
    stats = LearningOutcomeFactory(course=course, text="Analyse abundance data")
    lab = ActivityBlockFactory(schedule=course.schedule, title="Lab", due_day=Weekday.FRIDAY)
    lab.outcomes.set([survey])
    first = schedule_submit(course=course, by=course.owner)
    lab.outcomes.set([survey, stats])
    course.schedule.status = "changes_requested"
    course.schedule.save()
    second = schedule_submit(course=course, by=course.owner)

    diff = compare_versions(first.snapshot, second.snapshot)

    [change] = diff.changed
    assert change.title == "Lab"
    assert [(c.label, c.before, c.after) for c in change.changes] == [
        ("Outcomes", "Design a quadrat survey", "Design a quadrat survey; Analyse abundance data")
    ]


def test_versions_from_before_snapshots_kept_outcomes_compare_without_inventing_a_change():
    course = CourseFactory(title="Statics", weeks=10)
    ActivityBlockFactory(schedule=course.schedule, title="Lab", due_day=Weekday.FRIDAY)
    first = schedule_submit(course=course, by=course.owner)
    old = {**first.snapshot, "course": {**first.snapshot["course"]}}
    del old["course"]["outcomes"]
    old["blocks"] = [{k: v for k, v in b.items() if k != "outcomes"} for b in old["blocks"]]

    diff = compare_versions(old, first.snapshot)

    assert diff.changed == []


def test_an_outcome_reworded_between_versions_is_listed_among_the_course_changes():
    course = CourseFactory(title="Statics", weeks=10)
    outcome = LearningOutcomeFactory(course=course, text="Explain succession")
    ActivityBlockFactory(schedule=course.schedule, title="Lab", due_day=Weekday.FRIDAY)
    first = schedule_submit(course=course, by=course.owner)
    outcome.text = "Explain succession and disturbance"
    outcome.save()
    LearningOutcomeFactory(course=course, text="Recall the reporting steps")
    course.schedule.status = "changes_requested"
    course.schedule.save()
    second = schedule_submit(course=course, by=course.owner)

    diff = compare_versions(first.snapshot, second.snapshot)

    assert [(c.label, c.before, c.after) for c in diff.outcome_changes] == [
        ("Outcome 1", "Explain succession", "Explain succession and disturbance"),
        ("Outcome 2", "–", "Recall the reporting steps"),
    ]


def test_the_compare_page_shows_a_block_serving_another_outcome(client):
    course = CourseFactory(title="Statics", weeks=10)
    survey = LearningOutcomeFactory(course=course, text="Design a quadrat survey")
    lab = ActivityBlockFactory(schedule=course.schedule, title="Lab", due_day=Weekday.FRIDAY)
    schedule_submit(course=course, by=course.owner)
    lab.outcomes.set([survey])
    course.schedule.status = "changes_requested"
    course.schedule.save()
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)

    html = client.get(reverse("schedules:review_compare", args=[course.schedule.pk])).content

    assert "Changed (1)" in html.decode()
    assert "Design a quadrat survey" in html.decode()
