"""The JSON export's published JSON Schema: served to anyone, and real exports validate
against it with an independent validator (jsonschema, draft 2020-12)."""

import json

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from schedules.reviews.services import schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    statics_course,
)

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/exports/schedule-export.schema.json"


def served_schema(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_served_without_signing_in_at_a_stable_url(client):
    assert reverse("schedules:export_schema") == SCHEMA_URL
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    schema = response.json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"http://testserver{SCHEMA_URL}"
    assert schema["title"] == "BlendPlan schedule export, schema version 2"
    Draft202012Validator.check_schema(schema)


def test_the_schema_answers_head_and_refuses_post(client):
    head = client.head(SCHEMA_URL)
    assert head.status_code == 200
    assert head["Content-Type"] == "application/schema+json"
    assert head.content == b""
    assert client.post(SCHEMA_URL).status_code == 405


def with_outcomes():
    course = CourseFactory(weeks=4)
    outcomes = [LearningOutcomeFactory(course=course), LearningOutcomeFactory(course=course)]
    ActivityBlockFactory(schedule=course.schedule, live=True, outcomes=outcomes)
    return course


def with_skipped_weeks():
    course = CourseFactory(weeks=5)
    ActivityBlockFactory(schedule=course.schedule, live=True, weeks=[1, 2, 4])
    return course


def starting_on_a_wednesday():
    return statics_course()


def with_a_hostile_title():
    course = CourseFactory(title="<img src=x onerror=alert(1)> مقدمة الدورة", start_date=None)
    outcome = LearningOutcomeFactory(course=course, text="=1+1\x07")
    ActivityBlockFactory(
        schedule=course.schedule, title='=HYPERLINK("http://x.example")\x1b', outcomes=[outcome]
    )
    return course


@pytest.mark.parametrize(
    "make_course",
    [with_outcomes, with_skipped_weeks, starting_on_a_wednesday, with_a_hostile_title],
)
def test_real_exports_validate_against_the_served_schema(client, make_course):
    course = make_course()
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    response = client.get(reverse("schedules:export_json", args=[course.schedule.pk]))
    document = json.loads(response.content)
    validator = Draft202012Validator(served_schema(client))
    assert list(validator.iter_errors(document)) == []


def test_a_document_of_the_old_shape_does_not_validate(client):
    course = statics_course()
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    response = client.get(reverse("schedules:export_json", args=[course.schedule.pk]))
    document = json.loads(response.content)
    validator = Draft202012Validator(served_schema(client))
    old = {**document, "schema_version": "1", "status": "Submitted"}
    assert {error.path[0] for error in validator.iter_errors(old)} == {"schema_version", "status"}
    course_without_zone = {**document, "course": {**document["course"], "timezone": None}}
    assert not validator.is_valid(course_without_zone)
    outcome = {"id": 1, "text": "x", "bloom_level": "memorise", "kind": "mixed"}
    bad_outcome = {**document, "course": {**document["course"], "outcomes": [outcome]}}
    assert not validator.is_valid(bad_outcome)
