"""Exports of a submitted version: the rows of the CSV and XLSX (one per block per week it
runs in, within the course's dates), the CSV itself, and the versioned JSON.

Plain Python over a version's snapshot. The JSON follows ``ScheduleExport`` (pydantic),
whose ``schema_version`` changes whenever its shape does; its JSON Schema is served at
``/exports/schedule-export.schema.json`` (``export_json_schema``).
"""

import csv
import datetime as dt
import io
from dataclasses import astuple, dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any, Final, Literal

from django.core.serializers.json import DjangoJSONEncoder
from pydantic import BaseModel, ConfigDict, Field, field_serializer

from courses.choices import BloomLevel, ObjectiveKind
from schedules.models import ReviewStatus
from schedules.rules.cells import neutralised
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.course_dates import CourseDates

CellValue = int | str | date | time | None


@dataclass(frozen=True, slots=True)
class BlockRow:
    """One block in one week it runs in: a row of the CSV and of the XLSX, in their order."""

    week: int
    date: dt.date | None  # None without a course start date
    day: str
    start: time | None  # live blocks
    timezone: str  # the course's, IANA
    minutes: int
    modality: str
    activity_type: str
    title: str
    due_day: str
    due_date: dt.date | None
    outcomes: str  # the texts of the outcomes the block serves, "; "-separated

    def cells(self) -> tuple[CellValue, ...]:
        return astuple(self)


COLUMNS = [field.name for field in fields(BlockRow)]
TEXT_COLUMNS = frozenset(
    {"day", "timezone", "modality", "activity_type", "title", "due_day", "outcomes"}
)


def _due_date(when: date | None, day: int, due_day: int | None) -> date | None:
    """Return the first ``due_day`` on or after the session's date: work is never due
    before it starts (a Friday reading due Monday is due the Monday after)."""
    if when is None or due_day is None:
        return None
    return when + timedelta(days=(due_day - day) % 7)


def _occurrences(snapshot: dict[str, Any], block: dict[str, Any]) -> list[tuple[int, date | None]]:
    """Return (week, date) of each week the block runs in; without a start date every week
    it names, undated; with one only the dates within the course (as the calendar has)."""
    course = snapshot["course"]
    if not course.get("start_date"):
        return [(week, None) for week in block["weeks"] or range(1, course["weeks"] + 1)]
    dates = CourseDates(date.fromisoformat(course["start_date"]), course["weeks"])
    return list(dates.occurrences(block["weeks"], block["day"]))


def block_rows(snapshot: dict[str, Any]) -> list[BlockRow]:
    """Return the version's blocks, one row per block per week it runs in, by week, day and
    start time."""
    course = snapshot["course"]
    outcome_texts = {outcome["id"]: outcome["text"] for outcome in course.get("outcomes", [])}
    order = {outcome_id: position for position, outcome_id in enumerate(outcome_texts)}
    rows = []
    for block in snapshot["blocks"]:
        served = sorted(
            (i for i in block.get("outcomes", []) if i in outcome_texts), key=order.__getitem__
        )
        start = time.fromisoformat(block["start_time"]) if block["start_time"] else None
        for week, when in _occurrences(snapshot, block):
            rows.append(
                BlockRow(
                    week=week,
                    date=when,
                    day=Weekday(block["day"]).label,
                    start=start,
                    timezone=course["timezone"],
                    minutes=block["duration_minutes"],
                    modality=Modality(block["modality"]).label,
                    activity_type=ActivityType(block["activity_type"]).label,
                    title=block["title"],
                    due_day="" if block["due_day"] is None else Weekday(block["due_day"]).label,
                    due_date=_due_date(when, block["day"], block["due_day"]),
                    outcomes="; ".join(outcome_texts[i] for i in served),
                )
            )
    # Sorted by week, then the weekday's number (not its label), then the start time.
    days = {day.label: day.value for day in Weekday}
    return sorted(rows, key=lambda row: (row.week, days[row.day], row.start or time.min))


def _csv_cell(column: str, value: CellValue) -> int | str:
    if value is None:
        return ""
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if column in TEXT_COLUMNS:
        return neutralised(str(value))
    return value


def blocks_csv(snapshot: dict[str, Any]) -> bytes:
    """Return the version's blocks as CSV in UTF-8 with a byte-order mark (so spreadsheets
    opened with default settings read it as UTF-8), one row per block per week it runs in.

    Every text cell that begins like a formula is neutralised (``neutralised``); the
    numbers, dates and times written here stay plain.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in block_rows(snapshot):
        writer.writerow(
            [_csv_cell(column, value) for column, value in zip(COLUMNS, row.cells(), strict=True)]
        )
    return out.getvalue().encode("utf-8-sig")


class ExportOutcome(BaseModel):
    """A learning outcome of the course, in the course's order."""

    id: int
    text: str
    bloom_level: BloomLevel = Field(description="Bloom's revised taxonomy.")
    kind: ObjectiveKind = Field(description="The decision matrix's priority column.")


# Every field is always written, defaults included: the schema says so (serialization mode).
ALWAYS_WRITTEN = ConfigDict(json_schema_serialization_defaults_required=True)


class ExportBlock(BaseModel):
    model_config = ConfigDict(extra="ignore", **ALWAYS_WRITTEN)

    id: int
    title: str
    modality: str
    activity_type: str
    day: int = Field(description="0 = Monday … 6 = Sunday.")
    start_time: str | None
    duration_minutes: int
    weeks: list[int] = Field(description="The weeks it runs in; empty: every week.")
    due_day: int | None
    gagne_events: list[int]
    delivery: str
    recorded: bool
    captions: bool
    transcript: bool
    low_bandwidth_alternative: bool
    co_facilitator: bool
    breakouts: bool
    outcomes: list[int] = Field(
        default_factory=list, description="The ids of the course outcomes it serves."
    )


class ExportCourse(BaseModel):
    model_config = ConfigDict(extra="ignore", **ALWAYS_WRITTEN)

    title: str
    code: str
    weeks: int
    weekly_hours: float
    timezone: str = Field(description="The course's IANA time zone.")
    start_date: str | None = Field(description="ISO 8601 date; null when not set.")
    outcomes: list[ExportOutcome] = Field(default_factory=list)


SCHEMA_VERSION: Final = "2"


class ScheduleExport(BaseModel):
    """A submitted version as JSON for LMS teams (documented in docs/exports.md)."""

    model_config = ALWAYS_WRITTEN

    schema_version: Literal["2"] = SCHEMA_VERSION
    version: int
    status: ReviewStatus = Field(description="The schedule's review status, as in the API.")
    submitted_at: datetime = Field(
        description="When the version was submitted (ISO 8601, to the millisecond).",
        json_schema_extra={"format": "date-time"},
    )
    course: ExportCourse
    live_percent: int | None
    recommended_live_share: int | None
    rules_version: int | None
    recommendation: dict[str, Any]
    blocks: list[ExportBlock]
    findings: list[dict[str, Any]]

    @field_serializer("submitted_at", when_used="json")
    def _as_the_api_writes_it(self, value: datetime) -> str:
        # The API (django-ninja) renders datetimes with Django's JSON encoder (to the
        # millisecond, "Z" for UTC), not pydantic's: the download says it as the API does.
        return str(DjangoJSONEncoder().default(value))


def export_json_schema(schema_id: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of ``ScheduleExport``, identified as
    ``schema_id`` (the URL it is served at)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **ScheduleExport.model_json_schema(mode="serialization"),
        "title": f"BlendPlan schedule export, schema version {SCHEMA_VERSION}",
    }


def version_export(
    snapshot: dict[str, Any], *, number: int, status: ReviewStatus, submitted_at: datetime
) -> ScheduleExport:
    """Return a version as the export model (outcomes empty for snapshots older than them)."""
    return ScheduleExport(
        version=number,
        status=status,
        submitted_at=submitted_at,
        course=ExportCourse(**snapshot["course"]),
        live_percent=snapshot.get("live_percent"),
        recommended_live_share=snapshot.get("recommended_live_share"),
        rules_version=snapshot.get("rules_version"),
        recommendation=snapshot.get("recommendation", {}),
        blocks=[ExportBlock(**block) for block in snapshot["blocks"]],
        findings=snapshot.get("findings", []),
    )
