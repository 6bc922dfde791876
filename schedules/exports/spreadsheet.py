"""A submitted version as an Excel workbook (XLSX, Office Open XML), for people who live in
Excel: the CSV's rows and columns with real types, and the course on a second sheet.

Dates are date cells, start times time cells, minutes numbers; text is always a text cell,
even when it begins with "=" (openpyxl would store it as a formula), and loses only the
control characters XML cannot hold. The same version always gives the same bytes: the
workbook's dates and every zip entry's time are the version's submission time.
"""

import io
from datetime import UTC, date, datetime, time
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from schedules.exports.documents import COLUMNS, block_rows
from schedules.rules.cells import FORMULA_PREFIXES

Value = int | float | str | date | time | None

# Column widths, in characters: wide enough for the longest value, within reason.
MIN_WIDTH, MAX_WIDTH = 8, 60


def xlsx_text(text: str) -> str:
    """Return ``text`` without the control characters an XLSX cannot hold (XML 1.0 forbids
    them, and openpyxl refuses them): NUL, BEL, ESC and the like; tab and newlines stay."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _put(sheet: Worksheet, row: int, column: int, value: Value) -> Cell:
    """Write ``value`` in a cell with its own type: a string is always a text cell."""
    cell = sheet.cell(row=row, column=column)
    assert isinstance(cell, Cell)  # not a MergedCell: these sheets merge none
    if isinstance(value, str):
        text = xlsx_text(value)
        cell.value = text
        # openpyxl takes a string that begins with "=" for a formula: store it as text, and
        # mark it as Excel does a typed leading apostrophe, so editing it keeps it text.
        cell.data_type = "s"
        if text.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True
        return cell
    cell.value = value
    if isinstance(value, time):
        cell.number_format = "hh:mm"
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _shown(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def _fill(sheet: Worksheet, header: list[str], rows: list[tuple[Value, ...]]) -> None:
    """Fill ``sheet`` with a bold, frozen header row and ``rows``, and size its columns."""
    for column, name in enumerate(header, start=1):
        _put(sheet, 1, column, name).font = Font(bold=True)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            _put(sheet, number, column, value)
    sheet.freeze_panes = "A2"
    for column, name in enumerate(header, start=1):
        longest = max([len(name), *(len(_shown(values[column - 1])) for values in rows)])
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width


def _same_bytes_every_time(zipped: bytes, when: datetime) -> bytes:
    """Return the zip ``zipped`` with every entry dated ``when`` (zip's own clock would
    date each one now, and so change the bytes of every download)."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(zipped)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info))
    return out.getvalue()


def blocks_xlsx(snapshot: dict[str, Any], *, number: int, submitted_at: datetime) -> bytes:
    """Return version ``number`` of a schedule, submitted at ``submitted_at``, as an XLSX:
    a "Schedule" sheet with the CSV's rows and columns (``documents.block_rows``), typed,
    and a "Course" sheet with the course, its time zone and the version."""
    # Workbooks hold local times without a zone: give the submission's in UTC, and say so.
    submitted = submitted_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    course = snapshot["course"]
    workbook = Workbook()
    schedule = workbook.active
    assert isinstance(schedule, Worksheet)
    schedule.title = "Schedule"
    _fill(schedule, COLUMNS, [row.cells() for row in block_rows(snapshot)])
    start = course.get("start_date")
    _fill(
        workbook.create_sheet("Course"),
        ["Field", "Value"],
        [
            ("Course", course["title"]),
            ("Code", course["code"]),
            ("Time zone", course["timezone"]),
            ("Start date", date.fromisoformat(start) if start else None),
            ("Weeks", course["weeks"]),
            ("Version", number),
            ("Submitted (UTC)", submitted),
        ],
    )
    workbook.properties.creator = "BlendPlan"
    workbook.properties.title = xlsx_text(course["title"])
    workbook.properties.created = workbook.properties.modified = submitted
    out = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which sets the modified date to now.
    with ZipFile(out, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _same_bytes_every_time(out.getvalue(), submitted)
