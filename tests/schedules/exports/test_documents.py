"""Exports of a submitted version: CSV and JSON, and who may download them."""

import codecs
import csv
import io
import json
import re
from datetime import UTC, date, datetime, time

import pytest
from django.conf import settings
from django.urls import reverse

from schedules.exports.documents import blocks_csv, version_export
from schedules.models import ReviewStatus
from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    UserFactory,
    statics_course,
)

pytestmark = pytest.mark.django_db


def documented_columns():
    """Return the CSV columns docs/exports.md lists, in its order."""
    docs = (settings.BASE_DIR / "docs" / "exports.md").read_text()
    section = docs.split("## CSV\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = '<script>alert("x")</script>\x07\x1b[31m مقدمة الدورة & "quoted", \'single\''


@pytest.fixture
def course():
    course = statics_course()
    schedule_submit(course=course, by=course.owner)
    return course


def csv_rows(response):
    """Return the CSV download's rows as dicts, as a spreadsheet would read its UTF-8."""
    assert response.status_code == 200, response.content
    assert response.content.startswith(codecs.BOM_UTF8)
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def download(client, course, fmt="csv"):
    client.force_login(course.owner)
    return client.get(reverse(f"schedules:export_{fmt}", args=[course.schedule.pk]))


def test_the_csv_has_one_row_per_block_per_week_within_the_course_dates(client, course):
    response = download(client, course)
    rows = csv_rows(response)
    assert response["Content-Disposition"] == 'attachment; filename="statics-v1.csv"'
    assert list(rows[0]) == documented_columns()
    # The course starts on Wednesday 13 January: week 1's Monday reading (the 11th) falls
    # before it, so it is left out, as the calendar leaves it out.
    assert [(r["week"], r["date"], r["day"], r["title"]) for r in rows] == [
        ("1", "2027-01-13", "Wednesday", "Seminar"),
        ("2", "2027-01-20", "Wednesday", "Seminar"),
        ("3", "2027-01-27", "Wednesday", "Seminar"),
    ]
    assert rows[0]["start"] == "14:00"
    assert rows[0]["minutes"] == "60"
    assert rows[0]["timezone"] == "Europe/London"


def test_the_csv_gives_due_dates_skipped_weeks_and_the_outcomes_served(client):
    course = CourseFactory(title="Statics", weeks=3, start_date=date(2027, 1, 13))
    course.timezone = "America/Toronto"
    course.save()
    explain = LearningOutcomeFactory(course=course, text="Explain equilibrium", position=1)
    draw = LearningOutcomeFactory(course=course, text="Draw free-body diagrams", position=2)
    ActivityBlockFactory(
        schedule=course.schedule,
        title="Problem set",
        day=4,  # Friday…
        due_day=0,  # …due on Monday: the Monday after
        weeks=[1, 3],
        outcomes=[draw, explain],
    )
    schedule_submit(course=course, by=course.owner)
    rows = csv_rows(download(client, course))
    assert [(r["week"], r["date"], r["due_day"], r["due_date"]) for r in rows] == [
        ("1", "2027-01-15", "Monday", "2027-01-18"),
        ("3", "2027-01-29", "Monday", "2027-02-01"),
    ]
    # In the course's order, whatever order the block was given them in.
    assert rows[0]["outcomes"] == "Explain equilibrium; Draw free-body diagrams"
    assert rows[0]["timezone"] == "America/Toronto"
    assert rows[0]["start"] == ""


def test_without_a_start_date_every_week_is_listed_undated(client):
    course = CourseFactory(weeks=2, start_date=None)
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=2)
    schedule_submit(course=course, by=course.owner)
    rows = csv_rows(download(client, course))
    assert [(r["week"], r["date"], r["due_day"], r["due_date"]) for r in rows] == [
        ("1", "", "Wednesday", ""),
        ("2", "", "Wednesday", ""),
    ]


def test_the_csv_is_utf8_with_a_bom_so_spreadsheets_show_accents(client):
    course = CourseFactory(title="Café")
    ActivityBlockFactory(schedule=course.schedule, title="Débat au café")
    schedule_submit(course=course, by=course.owner)
    response = download(client, course)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content[:3] == b"\xef\xbb\xbf"
    assert {row["title"] for row in csv_rows(response)} == {"Débat au café"}


def test_text_that_looks_like_a_formula_reaches_the_spreadsheet_as_text(client):
    formula = '=HYPERLINK("http://x.example","click")'
    course = CourseFactory(weeks=1)
    outcomes = [
        LearningOutcomeFactory(course=course, text=text, position=n)
        for n, text in enumerate(["+1 for teamwork", "-2+3", "@SUM(A1:A9)"])
    ]
    ActivityBlockFactory(schedule=course.schedule, title=formula, day=0, outcomes=outcomes)
    ActivityBlockFactory(schedule=course.schedule, title="\tcmd|' /C calc'!A0", day=1)
    ActivityBlockFactory(schedule=course.schedule, title="\r=1+1", day=2)
    schedule_submit(course=course, by=course.owner)
    rows = csv_rows(download(client, course))
    assert [row["title"] for row in rows] == [f"'{formula}", "'\tcmd|' /C calc'!A0", "'\r=1+1"]
    assert rows[0]["outcomes"] == "'+1 for teamwork; -2+3; @SUM(A1:A9)"
    assert not [cell for row in rows for cell in row.values() if cell.startswith(FORMULA_PREFIXES)]
    # What we write ourselves stays plain: numbers and dates are not quoted.
    assert (rows[0]["week"], rows[0]["minutes"], rows[0]["date"]) == ("1", "60", "2027-01-11")


def test_hostile_text_comes_out_of_the_csv_intact(client):
    course = CourseFactory(weeks=1)
    outcome = LearningOutcomeFactory(course=course, text=HOSTILE)
    ActivityBlockFactory(schedule=course.schedule, title=f"{HOSTILE}\nline two", outcomes=[outcome])
    schedule_submit(course=course, by=course.owner)
    (row,) = csv_rows(download(client, course))
    assert row["title"] == f"{HOSTILE}\nline two"
    assert row["outcomes"] == HOSTILE


def test_a_snapshot_from_before_outcomes_still_exports():
    course = statics_course()
    snapshot = schedule_submit(course=course, by=course.owner).snapshot
    del snapshot["course"]["outcomes"]
    for block in snapshot["blocks"]:
        del block["outcomes"]
    text = blocks_csv(snapshot).decode("utf-8-sig")
    assert {row["outcomes"] for row in csv.DictReader(io.StringIO(text))} == {""}
    document = version_export(
        snapshot,
        number=1,
        status=ReviewStatus.SUBMITTED,
        submitted_at=datetime(2027, 1, 4, 9, 30, tzinfo=UTC),
    )
    assert document.course.outcomes == []
    assert [block.outcomes for block in document.blocks] == [[], []]


def test_the_json_follows_schema_version_2_with_the_outcomes(client):
    course = statics_course()
    outcome = LearningOutcomeFactory(course=course, text="Draw free-body diagrams", knowledge=True)
    ActivityBlockFactory(schedule=course.schedule, title="Quiz", day=4, outcomes=[outcome])
    schedule_submit(course=course, by=course.owner)
    data = json.loads(download(client, course, "json").content)
    assert data["schema_version"] == "2"
    assert data["version"] == 1
    assert data["status"] == "submitted"
    assert data["course"]["outcomes"] == [
        {
            "id": outcome.pk,
            "text": "Draw free-body diagrams",
            "bloom_level": "understand",
            "kind": "knowledge_acquisition",
        }
    ]
    served = {block["title"]: block["outcomes"] for block in data["blocks"]}
    assert served == {"Seminar": [], "Reading": [], "Quiz": [outcome.pk]}


def test_hostile_text_comes_out_of_the_json_intact_and_escaped(client):
    course = CourseFactory(title=HOSTILE)
    outcome = LearningOutcomeFactory(course=course, text=HOSTILE)
    ActivityBlockFactory(schedule=course.schedule, title=HOSTILE, outcomes=[outcome])
    schedule_submit(course=course, by=course.owner)
    response = download(client, course, "json")
    data = json.loads(response.content)
    assert data["course"]["title"] == data["blocks"][0]["title"] == HOSTILE
    assert data["course"]["outcomes"][0]["text"] == HOSTILE
    # Control characters travel as JSON escapes, never raw.
    assert b"\x07" not in response.content
    assert b"\x1b" not in response.content
    # The file name keeps only letters, digits and hyphens of the hostile title.
    assert re.fullmatch(
        r'attachment; filename="[a-z0-9-]+-v1\.json"', response["Content-Disposition"]
    )


def test_the_approved_version_is_exported_by_default(client, course):
    reviewer = UserFactory(reviewer=True)
    first = course.schedule.versions.get()
    review_decide(version=first, by=reviewer, approve=True, comment="")
    client.force_login(reviewer)
    data = json.loads(
        client.get(reverse("schedules:export_json", args=[course.schedule.pk])).content
    )
    assert (data["version"], data["status"]) == (1, "approved")


def test_exports_of_a_course_you_cannot_see_are_not_found(client, course):
    client.force_login(UserFactory(instructor=True))
    for name in ("schedules:export_csv", "schedules:export_xlsx", "schedules:export_json"):
        assert client.get(reverse(name, args=[course.schedule.pk])).status_code == 404


def test_the_print_view_shows_the_week_findings_and_a_sign_off(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:review_print", args=[course.schedule.pk])).content.decode()
    assert "Blended schedule, version 1" in html
    assert "Seminar" in html
    assert "Sign-off" in html
    assert "print.css" in html


def test_the_review_page_offers_the_excel_download_beside_the_csv(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:review", args=[course.schedule.pk])).content.decode()
    xlsx = reverse("schedules:export_xlsx", args=[course.schedule.pk])
    assert f'href="{xlsx}?version=1">Download Excel (.xlsx)</a>' in html
    assert html.index("Download CSV") < html.index("Download Excel (.xlsx)")


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


def test_start_times_in_the_csv_are_hours_and_minutes(client):
    course = CourseFactory(weeks=1)
    ActivityBlockFactory(schedule=course.schedule, live=True, start_time=time(9, 5))
    schedule_submit(course=course, by=course.owner)
    assert [row["start"] for row in csv_rows(download(client, course))] == ["09:05"]
