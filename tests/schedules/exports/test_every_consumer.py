"""One hard course through every export, each read by consumers nobody here wrote.

New York, six weeks from Wednesday 3 March 2027 (the clocks go forward on 14 March), a
Monday seminar that skips week 4 and whose week-1 Monday falls before the start, hostile
titles and outcomes (markup, formula prefixes, control characters, right-to-left text).
Each format is downloaded from the review page and through the API (the same bytes), then
read by: csv, openpyxl, jsonschema, icalendar + recurring-ical-events, vobject, and lxml
with the IMS Common Cartridge 1.1 schema as Moodle validates it.
"""

import csv
import io
import json
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator
from lxml import etree, html
from openpyxl import load_workbook

from schedules.exports.downloads import EXPORT_FORMATS
from schedules.reviews.services import schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    ApiTokenFactory,
    CourseFactory,
    LearningOutcomeFactory,
)
from tests.schedules.exports.test_ical import read_with_icalendar, read_with_vobject

pytestmark = pytest.mark.django_db

ZONE = "America/New_York"
SEMINAR = '=HYPERLINK("http://x.example","click") <b>Seminar</b>'
READING = "+Reading\x07 مقدمة الدورة"
READING_SHOWN = "+Reading مقدمة الدورة"  # where control characters cannot go
OUTCOME = "@Explain <i>torque</i> & moments"
SCHEMAS = Path(__file__).parent / "imscc11_schemas"


@pytest.fixture
def downloads(client):
    course = CourseFactory(
        title="Statics <&> مقدمة", timezone=ZONE, start_date=date(2027, 3, 3), weeks=6
    )
    outcome = LearningOutcomeFactory(course=course, text=OUTCOME)
    seminar = ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title=SEMINAR,
        day=0,
        start_time=time(18),
        weeks=[1, 2, 3, 5, 6],
    )
    seminar.outcomes.add(outcome)
    ActivityBlockFactory(schedule=course.schedule, title=READING, day=3, due_day=4)
    version = schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    token = ApiTokenFactory(user=course.owner).plaintext
    files = {}
    for export_format in EXPORT_FORMATS:
        web = client.get(reverse(f"schedules:export_{export_format}", args=[course.schedule.pk]))
        api = client.get(
            f"/api/v1/schedules/{course.schedule.pk}/versions/1/export.{export_format}",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert web.status_code == api.status_code == 200, export_format
        assert web.content == api.content, export_format
        files[export_format] = web.content
    return files, version


def test_csv_read_by_pythons_csv_module(downloads):
    files, _ = downloads
    assert files["csv"].startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(files["csv"].decode("utf-8-sig"))))
    seminars = [row for row in rows if SEMINAR in row["title"]]
    # Weeks 2, 3, 5 and 6: week 1's Monday is before the Wednesday start, week 4 is skipped.
    assert [row["date"] for row in seminars] == [
        "2027-03-08",
        "2027-03-15",
        "2027-03-29",
        "2027-04-05",
    ]
    for row in rows:
        assert row["timezone"] == ZONE
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert {row["title"] for row in seminars} == {"'" + SEMINAR}
    assert {row["outcomes"] for row in seminars} == {"'" + OUTCOME}


def test_xlsx_read_by_openpyxl(downloads):
    files, _ = downloads
    sheet = load_workbook(io.BytesIO(files["xlsx"]))["Schedule"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type != "f" for row in rows for cell in row.values())
    titles = {row["title"].value for row in rows}
    assert titles == {SEMINAR, READING_SHOWN}
    seminar_dates = [row["date"].value for row in rows if row["title"].value == SEMINAR]
    assert all(isinstance(day, datetime) for day in seminar_dates)  # date cells, not text
    assert sorted(day.date() for day in seminar_dates if isinstance(day, datetime)) == [
        date(2027, 3, 8),
        date(2027, 3, 15),
        date(2027, 3, 29),
        date(2027, 4, 5),
    ]


def test_json_validated_by_jsonschema_against_the_published_schema(client, downloads):
    files, _ = downloads
    schema = client.get(reverse("schedules:export_schema")).json()
    document = json.loads(files["json"])
    Draft202012Validator(schema).validate(document)
    assert [o["text"] for o in document["course"]["outcomes"]] == [OUTCOME]
    titles = {block["title"] for block in document["blocks"]}
    assert titles == {SEMINAR, READING}  # JSON escapes control characters: nothing is lost


def test_ics_read_by_icalendar_and_by_vobject_across_the_clock_change(downloads):
    files, _ = downloads
    expected = [datetime(2027, 3, day, 18, tzinfo=ZoneInfo(ZONE)) for day in (8, 15, 29)] + [
        datetime(2027, 4, 5, 18, tzinfo=ZoneInfo(ZONE))
    ]
    for sessions in (read_with_icalendar(files["ics"]), read_with_vobject(files["ics"])):
        assert list(sessions) == [SEMINAR]
        starts = sessions[SEMINAR]
        assert [start.astimezone(ZoneInfo("UTC")) for start in starts] == [
            start.astimezone(ZoneInfo("UTC")) for start in expected
        ]
        # 23:00 UTC before the change, 22:00 after: 18:00 in New York all along.
        assert [start.astimezone(ZoneInfo("UTC")).hour for start in starts] == [23, 22, 22, 22]


def test_cartridge_validated_against_the_ims_cc_1_1_schema_with_its_pages_intact(downloads):
    files, _ = downloads
    archive = zipfile.ZipFile(io.BytesIO(files["imscc"]))
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "cc11libxml2validator.xsd")))
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert schema.validate(manifest), schema.error_log
    pages = [
        html.document_fromstring(archive.read(name))
        for name in archive.namelist()
        if name.endswith(".html")
    ]
    # The markup in the titles is text on the page ("<b>" shows), not elements.
    texts = ["".join(map(str, page.itertext())) for page in pages]
    assert any(SEMINAR in text for text in texts)
    assert any(READING_SHOWN in text for text in texts)
