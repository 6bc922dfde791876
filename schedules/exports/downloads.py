"""The exports of a submitted version, as the web pages and the API serve them.

Which version (a given number, else the approved one, else the latest), whether the user
may see it (the review pages' access rule), and each format's bytes, file name and content
type: one place, so a download from the review page and from the API are the same file.
"""

from dataclasses import dataclass
from typing import Literal, get_args

from django.contrib.auth.models import AnonymousUser, User
from django.http import Http404, HttpResponse
from django.utils.text import slugify

from schedules.exports.cartridge import cartridge
from schedules.exports.documents import ScheduleExport, blocks_csv, version_export
from schedules.exports.ical import live_sessions_ics
from schedules.exports.spreadsheet import blocks_xlsx
from schedules.models import ReviewStatus, ScheduleVersion
from schedules.reviews.selectors import approved_version, get_review_for_user

ExportFormat = Literal["csv", "xlsx", "json", "ics", "imscc"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_version_for_user(
    user: User | AnonymousUser, schedule_pk: int, number: int | None = None
) -> ScheduleVersion:
    """Return version ``number`` of a schedule ``user`` may review or teach; without a
    number, the approved version, else the latest one.

    Raises Http404 when the user may not see the schedule, when there is no such version,
    and when the schedule has not been submitted yet.
    """
    access = get_review_for_user(user, schedule_pk)
    versions = ScheduleVersion.objects.filter(schedule=access.schedule).order_by("-number")
    if number is not None:
        version = versions.filter(number=number).first()
        if version is None:
            raise Http404(f"This schedule has no version {number}.")
    else:
        version = approved_version(access.schedule) or versions.first()
        if version is None:
            raise Http404("This schedule has not been submitted yet.")
    version.schedule = access.schedule  # already loaded, with its course and owner
    return version


def version_document(version: ScheduleVersion) -> ScheduleExport:
    """Return a version as the JSON export's model (``documents.SCHEMA_VERSION``)."""
    return version_export(
        version.snapshot,
        number=version.number,
        status=ReviewStatus(version.schedule.status),
        submitted_at=version.submitted_at,
    )


@dataclass(frozen=True, slots=True)
class Download:
    """One export of a version, ready to send as an attachment."""

    body: str | bytes
    content_type: str
    filename: str

    def response(self) -> HttpResponse:
        """Return the download as an HTTP response with its file name."""
        response = HttpResponse(self.body, content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def version_download(version: ScheduleVersion, export_format: ExportFormat) -> Download:
    """Return ``version`` as a CSV, XLSX, JSON, iCalendar or IMS Common Cartridge download."""
    snapshot = version.snapshot
    schedule_pk = version.schedule_id
    body: str | bytes
    match export_format:
        case "csv":
            body, content_type = blocks_csv(snapshot), "text/csv; charset=utf-8"
        case "xlsx":
            body = blocks_xlsx(snapshot, number=version.number, submitted_at=version.submitted_at)
            content_type = XLSX_CONTENT_TYPE
        case "json":
            body = version_document(version).model_dump_json(indent=2)
            content_type = "application/json"
        case "ics":
            body = live_sessions_ics(
                snapshot,
                uid_prefix=f"schedule-{schedule_pk}",
                sequence=version.number,
                stamp=version.submitted_at,
            )
            content_type = "text/calendar; charset=utf-8"
        case "imscc":
            identifier = f"blendplan-{schedule_pk}-v{version.number}"
            body, content_type = cartridge(snapshot, identifier=identifier), "application/zip"
    slug = slugify(snapshot["course"]["title"]) or "schedule"
    return Download(body, content_type, f"{slug}-v{version.number}.{export_format}")
