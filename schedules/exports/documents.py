"""Exports of a submitted version: CSV (one row per block per week) and versioned JSON.

Plain Python over a version's snapshot. The JSON follows ``ScheduleExport`` (pydantic),
whose ``schema_version`` changes whenever its shape does.
"""

import csv
import io
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from schedules.rules.choices import ActivityType, Modality, Weekday

CSV_COLUMNS = [
    "week",
    "date",
    "day",
    "start",
    "minutes",
    "modality",
    "activity_type",
    "title",
    "due_day",
]


def _date_of(snapshot: dict[str, Any], week: int, day: int) -> str:
    start = snapshot["course"].get("start_date")
    if not start:
        return ""
    monday = date.fromisoformat(start) - timedelta(days=date.fromisoformat(start).weekday())
    return (monday + timedelta(weeks=week - 1, days=day)).isoformat()


def blocks_csv(snapshot: dict[str, Any]) -> str:
    """Return the version's blocks as CSV, one row per block per week it runs in."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    weeks = snapshot["course"]["weeks"]
    rows = []
    for block in snapshot["blocks"]:
        for week in block["weeks"] or range(1, weeks + 1):
            rows.append((week, block["day"], block["start_time"] or "", block))
    for week, day, start, block in sorted(rows, key=lambda row: row[:3]):
        writer.writerow(
            [
                week,
                _date_of(snapshot, week, day),
                Weekday(day).label,
                (start or "")[:5],
                block["duration_minutes"],
                Modality(block["modality"]).label,
                ActivityType(block["activity_type"]).label,
                block["title"],
                "" if block["due_day"] is None else Weekday(block["due_day"]).label,
            ]
        )
    return out.getvalue()


class ExportBlock(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    title: str
    modality: str
    activity_type: str
    day: int
    start_time: str | None
    duration_minutes: int
    weeks: list[int]
    due_day: int | None
    gagne_events: list[int]
    delivery: str
    recorded: bool
    captions: bool
    transcript: bool
    low_bandwidth_alternative: bool
    co_facilitator: bool
    breakouts: bool


class ExportCourse(BaseModel):
    title: str
    code: str
    weeks: int
    weekly_hours: float
    timezone: str
    start_date: str | None


class ScheduleExport(BaseModel):
    """A submitted version as JSON for LMS teams (documented in docs/exports.md)."""

    schema_version: Literal["1"] = "1"
    version: int
    status: str
    submitted_at: str
    course: ExportCourse
    live_percent: int | None
    recommended_live_share: int | None
    rules_version: int | None
    recommendation: dict[str, Any]
    blocks: list[ExportBlock]
    findings: list[dict[str, Any]]


def version_export(
    snapshot: dict[str, Any], *, number: int, status: str, submitted_at: str
) -> ScheduleExport:
    """Return a version as the export model."""
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
