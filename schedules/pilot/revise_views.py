"""Revising the blend from the pilot's evidence: a block's suggested edit before → after,
applying it as a draft edit, and undoing an applied one (issue #16).

For the course's instructors only, like every pilot page (404 to anyone else), and writes by
POST only. With htmx the page's ``revise`` region is swapped in place, with a notice (and a
toast) saying what was done and, after applying, an Undo button; without JavaScript the same
forms post and redirect back to the page, which shows the same notice.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from blendplan.http import AuthenticatedRequest, render_page_or_fragment, valid_or_400
from courses.models import Course
from schedules.editor.services import StaleEditError
from schedules.models import Pilot, PilotRevision
from schedules.pilot import services
from schedules.pilot.forms import RevisedForm, ReviseForm
from schedules.pilot.selectors import block_revisions, evidence_with_edits
from schedules.pilot.views import _course, _pilot

REVISIONS_SHOWN = 20
TEMPLATE = "schedules/pilot/revise.html"


def _render(
    request: AuthenticatedRequest,
    course: Course,
    pilot: Pilot,
    block_pk: int,
    *,
    status: int = 200,
    applied: PilotRevision | None = None,
    undone: PilotRevision | None = None,
    error: str = "",
) -> HttpResponse:
    """Render a block's revise page, or its ``revise`` region for htmx: the suggestion (or
    the applied edit that answered the finding), a notice of what was just done, and the
    block's edits from the evidence, each with Undo while undoing is possible."""
    evidence = evidence_with_edits(course, pilot)
    target = evidence["blocks"].get(block_pk)
    if target is None:
        raise Http404("No such block in this course's blend.")
    revisions = block_revisions(pilot, block_pk, REVISIONS_SHOWN)
    finding, _, answered = next(
        (row for row in evidence["findings"] if row[0].block_id == block_pk), (None, None, None)
    )
    context: dict[str, Any] = {
        "course": course,
        "pilot": pilot,
        "edit": evidence["edits"].get(block_pk),
        "target": target,  # not "block": inside {% block %} that name is the template's
        "finding": finding,
        "answered": answered,
        "revisions": [
            (revision, services.revision_undo_refusal(revision)) for revision in revisions
        ],
        "applied": applied if applied is not None and applied.is_applied else None,
        "applied_refusal": services.revision_undo_refusal(applied) if applied else None,
        "applied_text": applied_message(applied) if applied is not None else "",
        "undone_text": undone_message(undone) if undone is not None else "",
        "error": error,
    }
    return render_page_or_fragment(request, TEMPLATE, "revise", context, status=status)


def _page_url(course: Course, block_pk: int) -> str:
    return reverse("schedules:pilot_revise", args=[course.pk, block_pk])


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def pilot_revise(request: AuthenticatedRequest, pk: int, block_pk: int) -> HttpResponse:
    """Show what the evidence suggests changing in a block (before → after) and, on a post,
    apply it as a draft edit through the editor's services; the pilot records which finding
    it answered. Without a suggestion (the evidence changed, or it was applied) the page says
    so. ``?applied=`` (where a post without JavaScript redirects) shows the notice with Undo
    for that edit."""
    course = _course(request, pk)
    pilot = _pilot(course)
    if request.method != "POST":
        shown = valid_or_400(RevisedForm(request.GET))["applied"]
        applied = (
            pilot.revisions.select_related("block").filter(pk=shown, block_id=block_pk).first()
            if shown
            else None
        )
        return _render(request, course, pilot, block_pk, applied=applied)
    version = valid_or_400(ReviseForm(request.POST))["version"]
    evidence = evidence_with_edits(course, pilot)
    block = evidence["blocks"].get(block_pk)
    if block is None:
        raise Http404("No such block in this course's blend.")
    edit = evidence["edits"].get(block_pk)
    error = ""
    if edit is None:
        error = "The evidence no longer suggests a change to that block: nothing changed."
    else:
        try:
            revision = services.revision_apply(
                pilot=pilot, block=block, edit=edit, expected_version=version, by=request.user
            )
        except StaleEditError as stale:
            error = str(stale)
        except ValidationError as refused:
            error = f"“{block.title}” was not changed: " + " ".join(refused.messages)
        else:
            if request.htmx:
                return _render(request, course, pilot, block_pk, applied=revision)
            return redirect(f"{_page_url(course, block_pk)}?applied={revision.pk}#revise")
    if request.htmx:
        return _render(request, course, pilot, block_pk, status=409, error=error)
    messages.error(request, error)
    return redirect(_page_url(course, block_pk) + "#revise")


@require_POST
@login_required
@vary_on_headers("HX-Request")
def pilot_revision_undo(request: AuthenticatedRequest, pk: int, revision_pk: int) -> HttpResponse:
    """Undo an edit made from the evidence: the block goes back as it was, through the
    editor's services, and the edit is kept in the record marked undone. Refused with a
    sentence when the block was edited or deleted since (nothing changed)."""
    course = _course(request, pk)
    pilot = _pilot(course)
    revision = get_object_or_404(pilot.revisions.select_related("block"), pk=revision_pk)
    block_pk = revision.block_id
    try:
        services.revision_undo(revision=revision, by=request.user)
    except ValidationError as refused:
        error = " ".join(refused.messages)
        if request.htmx and block_pk is not None:
            return _render(request, course, pilot, block_pk, status=409, error=error)
        messages.error(request, error)
        if block_pk is None:  # no block page to go back to
            evidence = reverse("schedules:pilot_evidence", args=[course.pk]) + "#revisions-heading"
            return HttpResponseClientRedirect(evidence) if request.htmx else redirect(evidence)
        return redirect(_page_url(course, block_pk) + "#revise")
    assert block_pk is not None  # a deleted block is refused above
    revision.refresh_from_db()
    if request.htmx:
        return _render(request, course, pilot, block_pk, undone=revision)
    messages.success(request, undone_message(revision))
    return redirect(_page_url(course, block_pk) + "#revise")


def applied_message(revision: PilotRevision) -> str:
    """Return what applying ``revision`` did, in words."""
    summary = revision.summary[:1].lower() + revision.summary[1:]
    return (
        f"“{revision.block_title}”: {summary}. It is a draft edit in the blend editor; submit "
        "the next version when you are ready."
    )


def undone_message(revision: PilotRevision) -> str:
    """Return what undoing ``revision`` did, in words."""
    before = ", ".join(f"{label.lower()} {value}" for label, value in revision.before.items())
    linked = (
        f" Version {revision.version.number} keeps the edit as it was submitted."
        if revision.version is not None
        else ""
    )
    return (
        f"Undone: “{revision.block_title}” is back as it was ({before}), a draft edit in the "
        f"blend editor. The suggestion can be applied again.{linked}"
    )
