"""Exports and the print view of a submitted version (the approved one by default), and the
JSON export's schema.

Access is the review pages': reviewers and the course's instructors; anyone else gets 404.
The schema describes no one's data and is public, so validators can fetch it.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from blendplan.http import AuthenticatedRequest, valid_or_400
from schedules.exports.documents import export_json_schema
from schedules.exports.downloads import ExportFormat, get_version_for_user, version_download
from schedules.exports.refusals import NothingToExport
from schedules.models import ScheduleVersion
from schedules.reviews.forms import VersionParamForm
from schedules.reviews.selectors import latest_decision
from schedules.reviews.snapshots import version_blend, version_timeline
from schedules.rules.choices import Weekday


def _export_version(request: AuthenticatedRequest, schedule_pk: int) -> ScheduleVersion:
    """Return the version to export: ?version=N, else the approved one, else the latest.

    A ``version`` that is not a number is refused with 400; a number the schedule does not
    have, with 404.
    """
    number = valid_or_400(VersionParamForm(request.GET))["version"]
    return get_version_for_user(request.user, schedule_pk, number)


@require_safe
@login_required
def export(
    request: AuthenticatedRequest, schedule_pk: int, export_format: ExportFormat
) -> HttpResponse:
    """Download a version in the format the URL names (``downloads.version_download``): its
    blocks as CSV or an Excel workbook, one row per block per week; JSON (schema version 2);
    its live sessions as iCalendar; or an IMS Common Cartridge 1.1, a module per week."""
    version = _export_version(request, schedule_pk)
    try:
        return version_download(version, export_format).response()
    except NothingToExport as nothing:
        return render(
            request,
            "schedules/exports/nothing.html",
            {"version": version, "export_format": export_format, "reason": str(nothing)},
            status=409,
        )


@require_safe
@login_required
def print_view(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """A clean, printable page of a version: timeline, week grid, recommendation, findings,
    and a sign-off block."""
    version = _export_version(request, schedule_pk)
    snapshot = version.snapshot
    by_day = [
        (day.label, [b for b in snapshot["blocks"] if b["day"] == day.value]) for day in Weekday
    ]
    return render(
        request,
        "schedules/exports/print.html",
        {
            "version": version,
            "snapshot": snapshot,
            "timeline": version_timeline(snapshot, version_blend(snapshot)),
            "by_day": [(label, day_blocks) for label, day_blocks in by_day if day_blocks],
            # Who approved this version (or asked for changes), when, and what they said.
            "decision": latest_decision(version.schedule, version=version),
        },
    )


@require_safe
def export_schema(request: HttpRequest) -> JsonResponse:
    """The JSON Schema (draft 2020-12) of the JSON export and the API's version document,
    identified by the URL it is served at. No sign-in: it holds no one's data."""
    schema = export_json_schema(request.build_absolute_uri(request.path))
    return JsonResponse(
        schema, content_type="application/schema+json", json_dumps_params={"indent": 2}
    )
