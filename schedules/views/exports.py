"""Exports and the print view of a submitted version (the approved one by default).

Access is the review pages': reviewers and the course's instructors; anyone else gets 404.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from blendplan.http import AuthenticatedRequest
from courses.choices import Weekday
from schedules.blend import summarise_blend
from schedules.calendar_export import live_sessions_ics
from schedules.cartridge_export import cartridge
from schedules.charts import timeline
from schedules.exports import blocks_csv, version_export
from schedules.models import ScheduleEvent, ScheduleVersion
from schedules.reviews import get_review_for_user
from schedules.views.reviews import SnapshotBlock


def _export_version(request: AuthenticatedRequest, schedule_pk: int) -> ScheduleVersion:
    """Return the version to export: ?version=N, else the approved one, else the latest."""
    access = get_review_for_user(request.user, schedule_pk)
    versions = ScheduleVersion.objects.filter(schedule=access.schedule).order_by("-number")
    chosen = request.GET.get("version", "")
    if chosen.isdigit():
        return get_object_or_404(versions, number=int(chosen))
    approved = ScheduleEvent.objects.filter(
        schedule=access.schedule, kind=ScheduleEvent.Kind.APPROVED
    ).first()
    if approved is not None and approved.version is not None:
        return approved.version
    version = versions.first()
    if version is None:
        raise Http404("This schedule has not been submitted yet.")
    return version


def _filename(version: ScheduleVersion, extension: str) -> str:
    slug = slugify(version.snapshot["course"]["title"]) or "schedule"
    return f"{slug}-v{version.number}.{extension}"


def _download(
    version: ScheduleVersion, body: str | bytes, content_type: str, ext: str
) -> HttpResponse:
    """Return ``body`` as an attachment named after the course and version."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(version, ext)}"'
    return response


@require_GET
@login_required
def export_csv(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Download a version's blocks as CSV, one row per block per week."""
    version = _export_version(request, schedule_pk)
    return _download(version, blocks_csv(version.snapshot), "text/csv; charset=utf-8", "csv")


@require_GET
@login_required
def export_json(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Download a version as JSON (schema version 1)."""
    version = _export_version(request, schedule_pk)
    export = version_export(
        version.snapshot,
        number=version.number,
        status=version.schedule.get_status_display(),
        submitted_at=version.submitted_at.isoformat(),
    )
    return _download(version, export.model_dump_json(indent=2), "application/json", "json")


@require_GET
@login_required
def export_ics(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Download a version's live sessions as an iCalendar file."""
    version = _export_version(request, schedule_pk)
    body = live_sessions_ics(version.snapshot, uid_prefix=f"schedule-{schedule_pk}")
    return _download(version, body, "text/calendar; charset=utf-8", "ics")


@require_GET
@login_required
def export_imscc(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Download a version as an IMS Common Cartridge 1.1 (a module per week)."""
    version = _export_version(request, schedule_pk)
    body = cartridge(version.snapshot, identifier=f"blendplan-{schedule_pk}-v{version.number}")
    return _download(version, body, "application/zip", "imscc")


@require_GET
@login_required
def print_view(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """A clean, printable page of a version: timeline, week grid, recommendation, findings,
    and a sign-off block."""
    version = _export_version(request, schedule_pk)
    snapshot = version.snapshot
    blocks = [SnapshotBlock(block) for block in snapshot["blocks"]]
    course = snapshot["course"]
    recommended = snapshot.get("recommended_live_share")
    by_day = [
        (day.label, [b for b in snapshot["blocks"] if b["day"] == day.value]) for day in Weekday
    ]
    return render(
        request,
        "schedules/print.html",
        {
            "version": version,
            "snapshot": snapshot,
            "timeline": timeline(
                summarise_blend(blocks, weeks=course["weeks"]),
                weekly_hours=Decimal(str(course["weekly_hours"])),
                recommended_share=None if recommended is None else recommended / 100,
            ),
            "by_day": [(label, day_blocks) for label, day_blocks in by_day if day_blocks],
        },
    )
