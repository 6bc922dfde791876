"""One version through the API: the JSON download's document, and each export byte for byte."""

import json

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory, statics_course

pytestmark = pytest.mark.django_db

WEB_EXPORTS = {
    "csv": "schedules:export_csv",
    "xlsx": "schedules:export_xlsx",
    "json": "schedules:export_json",
    "ics": "schedules:export_ics",
    "imscc": "schedules:export_imscc",
}


@pytest.fixture
def course():
    """A course whose version 1 was approved, then changed and resubmitted as version 2."""
    course = statics_course()
    first = schedule_submit(course=course, by=course.owner)
    review_decide(version=first, by=UserFactory(reviewer=True), approve=True, comment="")
    ActivityBlockFactory(schedule=course.schedule, title="Quiz", day=4)
    schedule_submit(course=course, by=course.owner)
    return course


def titles(response):
    assert response.status_code == 200, response.content
    return {block["title"] for block in response.json()["blocks"]}


def test_a_numbered_version_has_its_blocks_recommendation_and_findings(api_get, course):
    response = api_get(f"/schedules/{course.schedule.pk}/versions/2", course.owner)
    data = response.json()
    assert data["version"] == 2
    assert titles(response) == {"Seminar", "Reading", "Quiz"}
    # The course describes no outcomes or learners, so there is nothing to recommend yet.
    assert data["recommendation"] == {}
    # The course starts on a Wednesday: week 1's Monday reading never happens. The Friday
    # quiz prepares the next Wednesday's seminar (work set late the week before counts).
    assert [finding["id"] for finding in data["findings"]] == [
        "before-the-start",
        "weekly-hours-off-target",
        "large-live-group",
    ]
    assert data["course"]["title"] == "Statics"


def test_latest_is_the_approved_version_as_on_the_web(api_get, course):
    response = api_get(f"/schedules/{course.schedule.pk}/versions/latest", course.owner)
    assert response.json()["version"] == 1
    assert titles(response) == {"Seminar", "Reading"}


def test_latest_is_the_last_submitted_while_none_is_approved(api_get):
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule)
    schedule_submit(course=course, by=course.owner)
    ActivityBlockFactory(schedule=course.schedule)
    schedule_submit(course=course, by=course.owner)
    response = api_get(f"/schedules/{course.schedule.pk}/versions/latest", course.owner)
    assert response.json()["version"] == 2


@pytest.mark.parametrize("version", ["1", "2", "latest"])
def test_the_document_is_the_json_download(api_get, client, course, version):
    api = api_get(f"/schedules/{course.schedule.pk}/versions/{version}", course.owner).json()
    client.force_login(course.owner)
    query = {} if version == "latest" else {"version": version}
    web = client.get(reverse("schedules:export_json", args=[course.schedule.pk]), query)
    assert api == json.loads(web.content)


@pytest.mark.parametrize("fmt", sorted(WEB_EXPORTS))
@pytest.mark.parametrize("version", ["1", "2", "latest"])
def test_each_export_is_the_web_download_byte_for_byte(api_get, client, course, fmt, version):
    path = f"/schedules/{course.schedule.pk}/versions/{version}/export.{fmt}"
    api = api_get(path, course.owner)
    client.force_login(course.owner)
    query = {} if version == "latest" else {"version": version}
    web = client.get(reverse(WEB_EXPORTS[fmt], args=[course.schedule.pk]), query)
    assert api.status_code == web.status_code == 200
    assert api.content == web.content
    assert api["Content-Type"] == web["Content-Type"]
    assert api["Content-Disposition"] == web["Content-Disposition"]


def test_the_document_validates_against_the_published_schema(api_get, client, course):
    schema = client.get(reverse("schedules:export_schema")).json()
    for version in ("1", "2"):
        document = api_get(f"/schedules/{course.schedule.pk}/versions/{version}", course.owner)
        errors = Draft202012Validator(schema).iter_errors(document.json())
        assert [error.message for error in errors] == []


def test_status_and_submission_time_read_as_in_the_schedule_list(api_get, client, course):
    (item,) = api_get("/schedules", course.owner).json()
    document = api_get(f"/schedules/{course.schedule.pk}/versions/2", course.owner).json()
    client.force_login(course.owner)
    url = reverse("schedules:export_json", args=[course.schedule.pk])
    download = json.loads(client.get(url, {"version": "2"}).content)
    assert item["latest_version"] == 2
    assert download["status"] == document["status"] == item["status"] == "submitted"
    assert download["submitted_at"] == document["submitted_at"] == item["submitted_at"]


def test_a_reviewer_reads_a_submitted_version(api_get, course):
    reviewer = UserFactory(reviewer=True)
    assert api_get(f"/schedules/{course.schedule.pk}/versions/2", reviewer).status_code == 200


@pytest.mark.parametrize("path", ["/versions/1", "/versions/latest", "/versions/1/export.csv"])
def test_someone_elses_schedule_is_404_as_if_it_did_not_exist(api_get, course, path):
    outsider = UserFactory(instructor=True)
    response = api_get(f"/schedules/{course.schedule.pk}{path}", outsider)
    missing = api_get(f"/schedules/999999{path}", outsider)
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()


def test_a_reviewer_cannot_read_a_draft_through_the_api(api_get):
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule)
    response = api_get(
        f"/schedules/{course.schedule.pk}/versions/latest", UserFactory(reviewer=True)
    )
    assert response.status_code == 404


def test_a_draft_never_submitted_has_no_version_to_fetch(api_get):
    course = CourseFactory()
    response = api_get(f"/schedules/{course.schedule.pk}/versions/latest", course.owner)
    assert response.status_code == 404
    assert response.json() == {"detail": "This schedule has not been submitted yet."}


def test_a_version_that_does_not_exist_is_404(api_get, course):
    response = api_get(f"/schedules/{course.schedule.pk}/versions/7", course.owner)
    assert response.status_code == 404
    assert response.json() == {"detail": "This schedule has no version 7."}
