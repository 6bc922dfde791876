"""Exports of a submitted version: CSV and JSON, and who may download them."""

import csv
import io
import json

import pytest
from django.urls import reverse

from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import UserFactory, statics_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = statics_course()
    schedule_submit(course=course, by=course.owner)
    return course


def test_the_csv_has_one_row_per_block_per_week_with_dates(client, course):
    client.force_login(course.owner)
    response = client.get(reverse("schedules:export_csv", args=[course.schedule.pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="statics-v1.csv"'
    assert [(r["week"], r["date"], r["title"]) for r in rows] == [
        ("1", "2027-01-11", "Reading"),
        ("1", "2027-01-13", "Seminar"),
        ("2", "2027-01-20", "Seminar"),
        ("3", "2027-01-27", "Seminar"),
    ]
    assert rows[1]["start"] == "14:00"


def test_the_json_follows_schema_version_1(client, course):
    client.force_login(course.owner)
    data = json.loads(
        client.get(reverse("schedules:export_json", args=[course.schedule.pk])).content
    )
    assert data["schema_version"] == "1"
    assert data["version"] == 1
    assert {block["title"] for block in data["blocks"]} == {"Seminar", "Reading"}


def test_the_approved_version_is_exported_by_default(client, course):
    reviewer = UserFactory(reviewer=True)
    first = course.schedule.versions.get()
    review_decide(version=first, by=reviewer, approve=True, comment="")
    client.force_login(reviewer)
    data = json.loads(
        client.get(reverse("schedules:export_json", args=[course.schedule.pk])).content
    )
    assert (data["version"], data["status"]) == (1, "Approved")


def test_exports_of_a_course_you_cannot_see_are_not_found(client, course):
    client.force_login(UserFactory(instructor=True))
    for name in ("schedules:export_csv", "schedules:export_json"):
        assert client.get(reverse(name, args=[course.schedule.pk])).status_code == 404


def test_the_print_view_shows_the_week_findings_and_a_sign_off(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:review_print", args=[course.schedule.pk])).content.decode()
    assert "Blended schedule, version 1" in html
    assert "Seminar" in html
    assert "Sign-off" in html
    assert "print.css" in html


@pytest.mark.parametrize("name", ["schedules:export_csv", "schedules:review_print"])
@pytest.mark.parametrize("version", ["abc", "0", "-1", "1.0"])
def test_a_version_that_is_not_a_number_is_refused_with_400(client, course, name, version):
    client.force_login(course.owner)
    response = client.get(reverse(name, args=[course.schedule.pk]), {"version": version})
    assert response.status_code == 400
    assert f"“{version}” is not a version number (1, 2, 3…)." in response.content.decode()


def test_a_version_the_schedule_does_not_have_is_not_found(client, course):
    client.force_login(course.owner)
    url = reverse("schedules:export_csv", args=[course.schedule.pk])
    assert client.get(url, {"version": "7"}).status_code == 404
    assert client.get(url, {"version": "1"}).status_code == 200
