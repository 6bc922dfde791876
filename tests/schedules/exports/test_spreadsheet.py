"""The Excel export, read back with openpyxl as Excel would open it: the CSV's rows with
real types, nothing a spreadsheet would run, and the same bytes every time."""

import csv
import io
import zipfile
from datetime import UTC, datetime, time

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from schedules.exports.spreadsheet import xlsx_text
from schedules.models import ScheduleVersion
from schedules.reviews.services import schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    statics_course,
)

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA = '=HYPERLINK("http://x.example","click")'
SUBMITTED = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)


def submitted(course):
    """Submit the course's schedule, dated ``SUBMITTED`` (so a build "now" would differ)."""
    version = schedule_submit(course=course, by=course.owner)
    ScheduleVersion.objects.filter(pk=version.pk).update(submitted_at=SUBMITTED)
    return course


def download(client, course, fmt="xlsx"):
    client.force_login(course.owner)
    response = client.get(reverse(f"schedules:export_{fmt}", args=[course.schedule.pk]))
    assert response.status_code == 200, response.content
    return response


def workbook(response):
    return load_workbook(io.BytesIO(response.content))


def every_cell(book):
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def course():
    """Statics, with an outcome served by a Friday problem set in weeks 1 and 3, due Monday."""
    course = statics_course()
    outcome = LearningOutcomeFactory(course=course, text="Draw free-body diagrams")
    ActivityBlockFactory(
        schedule=course.schedule,
        title=FORMULA,
        day=4,
        due_day=0,
        weeks=[1, 3],
        outcomes=[outcome],
    )
    return submitted(course)


def test_the_workbook_is_an_xlsx_download(client, course):
    response = download(client, course)
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="statics-v1.xlsx"'
    assert workbook(response).sheetnames == ["Schedule", "Course"]


def test_the_sheet_has_the_csvs_rows_and_columns(client, course):
    sheet = workbook(download(client, course))["Schedule"]
    text = download(client, course, "csv").content.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == csv_rows[0]
    assert len(rows) == len(csv_rows) == 6  # the header, 3 seminars, 2 problem sets

    def as_csv(value):
        if value is None:
            return ""
        if isinstance(value, time):
            return f"{value:%H:%M}"
        if isinstance(value, datetime):
            return value.date().isoformat()
        return str(value)

    for xlsx_row, csv_row in zip(rows[1:], csv_rows[1:], strict=True):
        # The CSV quotes text that looks like a formula; the workbook types it as text.
        assert [as_csv(value) for value in xlsx_row] == [cell.removeprefix("'") for cell in csv_row]


def test_dates_times_and_minutes_are_typed_cells(client, course):
    sheet = workbook(download(client, course))["Schedule"]
    header = [cell.value for cell in sheet[1]]
    seminar = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert seminar["title"].value == "Seminar"
    assert seminar["date"].is_date
    assert seminar["date"].value == datetime(2027, 1, 13)
    assert seminar["date"].number_format == "yyyy-mm-dd"
    assert seminar["start"].value == time(14, 0)
    assert seminar["start"].number_format == "hh:mm"
    assert seminar["minutes"].value == 60
    assert seminar["minutes"].data_type == "n"
    assert seminar["week"].data_type == "n"
    problems = {name: cell for name, cell in zip(header, sheet[3], strict=True)}
    assert problems["due_date"].value == datetime(2027, 1, 18)  # Friday 15th, due Monday
    assert problems["outcomes"].value == "Draw free-body diagrams"
    assert problems["timezone"].value == "Europe/London"


def test_a_formula_title_is_stored_as_text_and_nothing_is_a_formula(client, course):
    book = workbook(download(client, course))
    titles = [cell for cell in book["Schedule"]["I"] if cell.value == FORMULA]
    assert len(titles) == 2
    assert all(cell.data_type == "s" for cell in titles)
    assert all(cell.quotePrefix for cell in titles)
    assert not [cell.coordinate for cell in every_cell(book) if cell.data_type == "f"]


def test_the_header_is_bold_frozen_and_columns_fit(client, course):
    sheet = workbook(download(client, course))["Schedule"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["I"].width == len(FORMULA) + 2  # the titles
    assert sheet.column_dimensions["A"].width == 8  # "week", and narrow numbers


def test_the_course_sheet_names_the_course_its_zone_and_version(client, course):
    sheet = workbook(download(client, course))["Course"]
    fields = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert fields["Course"] == "Statics"
    assert fields["Time zone"] == "Europe/London"
    assert fields["Start date"] == datetime(2027, 1, 13)
    assert fields["Weeks"] == 3
    assert fields["Version"] == 1
    assert fields["Submitted (UTC)"] == datetime(2027, 1, 4, 9, 30)


def test_the_same_version_gives_the_same_bytes_dated_at_its_submission(client, course):
    first = download(client, course).content
    assert download(client, course).content == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2027, 1, 4, 9, 30, 0)}
    properties = load_workbook(io.BytesIO(first)).properties
    assert properties.created == properties.modified == datetime(2027, 1, 4, 9, 30)


def test_hostile_text_loses_only_the_control_characters_xlsx_cannot_hold(client):
    hostile = "<b>bold</b> \x07bell \x1b[31mred\x0b مقدمة الدورة & @user"
    course = CourseFactory(title=f"=cmd {hostile}", weeks=1)
    outcome = LearningOutcomeFactory(course=course, text=f"+{hostile}")
    ActivityBlockFactory(schedule=course.schedule, title=hostile, outcomes=[outcome])
    book = workbook(download(client, submitted(course)))
    clean = "<b>bold</b> bell [31mred مقدمة الدورة & @user"
    header = [cell.value for cell in book["Schedule"][1]]
    row = dict(zip(header, book["Schedule"][2], strict=True))
    assert row["title"].value == clean
    assert row["outcomes"].value == f"+{clean}"
    assert row["outcomes"].data_type == "s"
    course_title = book["Course"]["B2"]
    assert (course_title.value, course_title.data_type) == (f"=cmd {clean}", "s")


def test_xlsx_text_strips_nul_and_other_c0_controls_but_keeps_tabs_and_newlines():
    assert xlsx_text("a\x00b\x07c\x1b[0m\x0b\x0c\x1f\td\ne\rf") == "abc[0m\td\ne\rf"
