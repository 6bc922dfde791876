"""The API's operations: read-only, each checking access through the web pages' helpers."""

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Path, Query, Router, Schema
from pydantic import Field

from courses.choices import Discipline
from schedules.api.auth import caller
from schedules.api.listing import ScheduleRow, schedule_rows
from schedules.api.schemas import (
    CourseSummary,
    InvalidParameters,
    Message,
    Person,
    ScheduleItem,
    ScheduleLinks,
)
from schedules.exports.documents import ScheduleExport
from schedules.exports.downloads import (
    EXPORT_FORMATS,
    XLSX_CONTENT_TYPE,
    ExportFormat,
    get_version_for_user,
    version_document,
    version_download,
)
from schedules.exports.refusals import NothingToExport
from schedules.models import ReviewStatus, ScheduleVersion

router = Router(tags=["schedules"])

ERRORS: dict[int, type[Schema]] = {401: Message, 404: Message, 422: InvalidParameters}
# Every read answers HEAD as well as GET (RFC 9110, 9.3.2): link checkers and caches ask.
READ = ["GET", "HEAD"]

VersionRef = Annotated[
    str,
    Path(
        pattern=r"^([1-9][0-9]{0,8}|latest)$",
        description="A version number, or 'latest': the approved version if there is one, "
        "else the latest submitted (as the web downloads choose).",
    ),
]

EXPORT_CONTENT_TYPES = {
    "text/csv": {"schema": {"type": "string"}},
    XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
    "application/json": {"schema": {"$ref": "#/components/schemas/ScheduleExport"}},
    "text/calendar": {"schema": {"type": "string"}},
    "application/zip": {"schema": {"type": "string", "format": "binary"}},
}


class ScheduleFilters(Schema):
    status: ReviewStatus | None = Field(None, description="Only schedules with this status.")
    discipline: Discipline | None = Field(None, description="Only courses of this discipline.")


def _item(request: HttpRequest, row: ScheduleRow) -> ScheduleItem:
    schedule, latest = row.schedule, row.latest
    course, owner = schedule.course, schedule.course.owner
    snapshot = latest.snapshot if latest else {}
    url = request.build_absolute_uri
    version_kwargs = {"schedule_id": schedule.pk, "version": str(latest.number) if latest else ""}
    return ScheduleItem(
        id=schedule.pk,
        course=CourseSummary(
            id=course.pk,
            title=course.title,
            code=course.code,
            discipline=Discipline(course.discipline),
        ),
        owner=Person(username=owner.get_username(), name=owner.get_full_name()),
        status=ReviewStatus(schedule.status),
        latest_version=latest.number if latest else None,
        submitted_at=latest.submitted_at if latest else None,
        updated_at=schedule.updated,
        live_percent=snapshot.get("live_percent"),
        recommended_live_share=snapshot.get("recommended_live_share"),
        problems=row.problems,
        links=ScheduleLinks(
            review=url(reverse("schedules:review", args=[schedule.pk])),
            version=url(reverse("api:version_detail", kwargs=version_kwargs)) if latest else None,
            exports={
                export_format: url(
                    reverse("api:version_export", kwargs={**version_kwargs, "fmt": export_format})
                )
                for export_format in EXPORT_FORMATS
            }
            if latest
            else {},
        ),
    )


def _version(request: HttpRequest, schedule_id: int, version: str) -> ScheduleVersion:
    number = None if version == "latest" else int(version)
    return get_version_for_user(caller(request), schedule_id, number)


@router.api_operation(
    READ,
    "/schedules",
    response={200: list[ScheduleItem], **ERRORS},
    url_name="schedule_list",
    summary="List the schedules you may see",
)
def schedule_list(request: HttpRequest, filters: Query[ScheduleFilters]) -> list[ScheduleItem]:
    """Instructors see their own and co-taught courses' schedules; reviewers (the LMS team)
    every submitted, returned or approved one; superusers all. Ordered by course title."""
    rows = schedule_rows(caller(request), status=filters.status, discipline=filters.discipline)
    return [_item(request, row) for row in rows]


@router.api_operation(
    READ,
    "/schedules/{schedule_id}/versions/{version}",
    response={200: ScheduleExport, **ERRORS},
    url_name="version_detail",
    summary="Fetch one submitted version",
)
def version_detail(request: HttpRequest, schedule_id: int, version: VersionRef) -> ScheduleExport:
    """The version with its blocks, recommendation and findings: the same document as the
    JSON export (schema version 2, described in docs/exports.md, its JSON Schema at
    /exports/schedule-export.schema.json)."""
    return version_document(_version(request, schedule_id, version))


@router.api_operation(
    READ,
    "/schedules/{schedule_id}/versions/{version}/export.{fmt}",
    response={200: None, 409: Message, **ERRORS},
    url_name="version_export",
    summary="Download a version as CSV, Excel (XLSX), JSON, iCalendar or IMS Common Cartridge",
    openapi_extra={
        "responses": {
            200: {"description": "The file, as the web download", "content": EXPORT_CONTENT_TYPES}
        }
    },
)
def version_export(
    request: HttpRequest, schedule_id: int, version: VersionRef, fmt: ExportFormat
) -> HttpResponse:
    """The same bytes, content type and file name as the download on the review page; 409
    with the reason when the format has nothing to hold (an iCalendar file of a course with
    no dated live session)."""
    try:
        return version_download(_version(request, schedule_id, version), fmt).response()
    except NothingToExport as nothing:
        return HttpResponse(
            Message(detail=str(nothing)).model_dump_json(),
            status=409,
            content_type="application/json",
        )
