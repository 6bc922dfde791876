"""The pilot's imported evidence: uploading an export, its progress, mapping the imported
activities to blocks, and the evidence page (plan against actual).

For the course's instructors only, like every pilot page (``courses.access`` answers 404 to
anyone else). Plain forms that work without JavaScript; the imports' progress is an htmx
fragment of the pilot page, polled while an import runs, with a Refresh link without it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from blendplan.http import AuthenticatedRequest, valid_or_400, wants_fragment
from schedules.pilot import services
from schedules.pilot.evidence import heatmap_zones, mapping_rows
from schedules.pilot.forms import (
    HeatmapZoneForm,
    MappingForm,
    MappingListForm,
    PilotImportForm,
    mapping_weeks,
)
from schedules.pilot.imports import pilot_import_start
from schedules.pilot.selectors import evidence_with_edits
from schedules.pilot.views import _course, _pilot, _render
from schedules.pilot_imports import PilotImportError

REVISIONS_SHOWN = 20


@require_POST
@login_required
@vary_on_headers("HX-Request")
def pilot_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Take an uploaded export and queue its import; a refused file is said on the page, with
    nothing imported before lost or changed."""
    course = _course(request, pk)
    pilot = _pilot(course)
    form = PilotImportForm(request.POST, request.FILES, max_bytes=settings.PILOT_IMPORT_MAX_BYTES)
    if form.is_valid():
        try:
            job = pilot_import_start(
                pilot=pilot,
                upload=form.cleaned_data["file"],
                kind=form.chosen_kind,
                uploader_zone=form.cleaned_data["uploader_zone"],
                day_first=form.day_first,
                by=request.user,
            )
        except PilotImportError as refused:
            # The file input comes back empty, so the message names the file it refused.
            name = form.cleaned_data["file"].name
            form.add_error("file", f"“{name}” is not imported. {refused.message}")
        except ValueError as missing:
            form.add_error(None, str(missing))
        else:
            said = f"“{job.file_name}” is being imported in the background."
            if not request.htmx:
                messages.success(request, said)
                return redirect(reverse("schedules:pilot", args=[course.pk]) + "#imports")
            return _render(request, course, fragment="pilot-imports", announce_import=said)
    return _render(request, course, import_form=form, status=422, fragment="pilot-imports")


@require_safe
@login_required
@vary_on_headers("HX-Request")
def pilot_imports_progress(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the pilot's imports: htmx polls this fragment every 2 seconds while one runs;
    without JavaScript its Refresh link shows the whole pilot page."""
    course = _course(request, pk)
    _pilot(course)
    return _render(request, course, fragment="pilot-imports", announce_import="polled")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pilot_mapping(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show each imported activity, by course week, with the block it is suggested to be; a
    post confirms the mapping, which is remembered for the next import.

    Each activity's list offers the blocks of its week (a term's blend can have hundreds of
    blocks); ``?every=1`` offers every block in each."""
    course = _course(request, pk)
    every = valid_or_400(MappingListForm(request.GET))["every"] == "1"
    pilot = _pilot(course)
    rows, blocks = mapping_rows(course, pilot)
    suggested = {row.activity.pk: row.suggestion.block_id for row in rows}
    activities = [row.activity for row in rows]
    data = request.POST if request.method == "POST" else None
    form = MappingForm(data, activities=activities, blocks=blocks, suggested=suggested)
    if data is not None and form.is_valid():
        try:
            saved = services.pilot_mapping_save(pilot=pilot, chosen=form.chosen())
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request, f"The mapping of {saved} activit{'y' if saved == 1 else 'ies'} is saved."
            )
            return redirect("schedules:pilot_evidence", pk=course.pk)
    weeks = mapping_weeks(rows, form, every=every)
    return render(
        request,
        "schedules/pilot/mapping.html",
        {
            "course": course,
            "pilot": pilot,
            "form": form,
            "rows": rows,
            "weeks": weeks,
            "every": every,
            # Whether a week's lists leave blocks out (not when every block runs weekly).
            "narrows": any(
                len(form.week_choices(week.week)) < len(form.block_choices) for week in weeks
            ),
            "labels": dict(form.block_choices),
        },
        status=422 if form.is_bound else 200,
    )


@require_safe
@login_required
@vary_on_headers("HX-Request")
def pilot_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the pilot weeks' plan against actual: engagement by weekday and hour with the
    live sessions on it, attendance per session, completion per self-paced block, and the
    findings with the edit each suggests.

    ``?zone=`` draws the heatmap in a learner segment's time zone (an unknown one: in the
    course's, with a notice); htmx asks for the heatmap alone (the ``pilot-heatmap``
    partial)."""
    course = _course(request, pk)
    pilot = _pilot(course)
    zones = heatmap_zones(course)
    zone, notice = HeatmapZoneForm(request.GET, zones=zones).chosen()
    evidence = evidence_with_edits(course, pilot, zone)
    template = "schedules/pilot/evidence.html"
    return render(
        request,
        f"{template}#pilot-heatmap" if wants_fragment(request) and evidence["page"] else template,
        {
            "course": course,
            "pilot": pilot,
            "page": evidence["page"],
            "planned": evidence["planned"],
            "findings": evidence["findings"],
            "revisions": pilot.revisions.select_related("applied_by", "undone_by", "version")[
                :REVISIONS_SHOWN
            ],
            "zones": zones,
            "zone_notice": notice,
        },
    )
