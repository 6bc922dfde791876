"""The Rules pages: every signed-in user reads the rule-set versions; rule admins edit a
draft (matrix rows, settings, JSON import), preview its impact and publish it.

Row, settings and import actions are plain form posts; with htmx they answer with the
``rules-draft`` fragment. A refused change shows its problems next to the form that caused
them and leaves the draft as it was. After publishing, the ``recompute-progress`` fragment
shows the worker moving every course to the new version, polled every 2 seconds until done.
"Preview the impact" asks the worker what the draft would change across every course; the
``impact-preview`` fragment shows its progress the same way, then the courses that would
change, kept for when the rule admin comes back.
"""

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from blendplan.http import AuthenticatedRequest, render_page_or_fragment, wants_fragment
from courses.roles import Role, roles_of
from schedules.models import RuleSet
from schedules.recommendations.impact import draft_preview_state, impact_preview_start
from schedules.rulesets.forms import (
    ImportForm,
    MatrixRowForm,
    PublishForm,
    SettingsForm,
    focus_first_error,
    spec_changes,
)
from schedules.rulesets.selectors import (
    RuleSetAlreadyPublishedError,
    RuleSetInvalidError,
    draft_ruleset,
    published_recompute_job,
    published_ruleset,
    ruleset_published_from,
    validate_spec,
    validate_spec_json,
)
from schedules.rulesets.services import (
    ruleset_draft_discard,
    ruleset_draft_save,
    ruleset_draft_start,
    ruleset_publish,
)

View = Callable[..., HttpResponse]


def rule_admin_required(view: View) -> View:
    """Let rule admins (and superusers) through; refuse other signed-in users with 403."""

    @login_required
    @wraps(view)
    def guarded(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if Role.RULE_ADMIN not in roles_of(request.user):
            raise PermissionDenied("Only rule admins can change the rules.")
        return view(request, *args, **kwargs)

    return guarded


def _draft_or_404() -> RuleSet:
    draft = draft_ruleset()
    if draft is None:
        raise Http404("There is no draft; start one first.")
    return draft


def _render(
    request: AuthenticatedRequest,
    *,
    status: int = 200,
    fragment: str = "rules-draft",
    **extra: Any,
) -> HttpResponse:
    """Render the Rules page, or its ``fragment`` when htmx asks for it.

    Only rule admins get the draft and the recomputing's progress: the draft's rows,
    settings and forms are not even read for anyone else, and a fragment request from
    anyone else is refused.
    """
    is_rule_admin = Role.RULE_ADMIN in roles_of(request.user)
    if not is_rule_admin and wants_fragment(request):
        raise PermissionDenied("Only rule admins see the draft of the rules.")
    context: dict[str, Any] = {
        "published": published_ruleset(),
        "versions": RuleSet.objects.exclude(status=RuleSet.Status.DRAFT).select_related(
            "published_by"
        ),
        "is_rule_admin": is_rule_admin,
    }
    if is_rule_admin:
        draft = draft_ruleset()
        context |= {
            "draft": draft,
            "recompute_job": published_recompute_job(),
            "preview": draft_preview_state(draft) if draft else None,
            "row_form": extra.pop("row_form", None) or MatrixRowForm(prefix="new"),
            "settings_form": extra.pop("settings_form", None)
            or (SettingsForm.from_spec(draft.spec) if draft else None),
            "import_form": extra.pop("import_form", None) or ImportForm(),
            "publish_form": extra.pop("publish_form", None) or PublishForm(),
            **extra,
        }
    return render_page_or_fragment(
        request, "schedules/rulesets/rules.html", fragment, context, status=status
    )


def _saved(request: AuthenticatedRequest, message: str) -> HttpResponse:
    if wants_fragment(request):
        return _render(request, announce=message)
    messages.success(request, message)
    return redirect("schedules:rules")


def _save_or_refuse(
    request: AuthenticatedRequest,
    draft: RuleSet,
    spec_data: dict[str, Any],
    message: str,
    **on_error: Any,
) -> HttpResponse:
    try:
        ruleset_draft_save(draft=draft, spec=validate_spec(spec_data))
    except RuleSetInvalidError as refused:
        return _render(request, status=422, problems=refused.problems, **on_error)
    return _saved(request, message)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def rules(request: AuthenticatedRequest) -> HttpResponse:
    """Show the published rules, their history and (for rule admins) the draft.

    With htmx (a rule admin's Cancel) only the draft: anyone else asking for it gets 403.
    """
    return _render(request)


@require_safe
@login_required
@vary_on_headers("HX-Request")
def recompute_progress(request: AuthenticatedRequest) -> HttpResponse:
    """Show how far the worker is with moving every course to the published rules.

    htmx polls it (the ``recompute-progress`` fragment) every 2 seconds while the job runs;
    without JavaScript its Refresh link shows the whole Rules page. Rule admins only.
    """
    if Role.RULE_ADMIN not in roles_of(request.user):
        raise PermissionDenied("Only rule admins see how far the recomputing has got.")
    return _render(request, fragment="recompute-progress")


@require_safe
@login_required
def ruleset_version(request: AuthenticatedRequest, version: int) -> HttpResponse:
    """Show one published (or retired) version, read-only."""
    ruleset = get_object_or_404(RuleSet.objects.select_related("published_by"), version=version)
    previous = (
        RuleSet.objects.filter(version__lt=version)
        .exclude(version=None)
        .order_by("-version")
        .first()
    )
    changes = spec_changes(previous.spec, ruleset.spec) if previous else []
    return render(
        request,
        "schedules/rulesets/ruleset_version.html",
        {"ruleset": ruleset, "previous": previous, "changes": changes},
    )


@require_safe
@login_required
def ruleset_export(request: AuthenticatedRequest, version: int | None = None) -> HttpResponse:
    """Download a version (or, for rule admins, the draft) as JSON."""
    if version is None:
        if Role.RULE_ADMIN not in roles_of(request.user):
            raise PermissionDenied
        ruleset = _draft_or_404()
        name = "blendplan-rules-draft.json"
    else:
        ruleset = get_object_or_404(RuleSet, version=version)
        name = f"blendplan-rules-v{version}.json"
    response = HttpResponse(
        json.dumps(ruleset.spec, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def draft_start(request: AuthenticatedRequest) -> HttpResponse:
    """Start a draft as a copy of the published rules."""
    ruleset_draft_start(by=request.user)
    return _saved(request, "Draft started from the published rules.")


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def draft_discard(request: AuthenticatedRequest) -> HttpResponse:
    """Throw the draft away."""
    ruleset_draft_discard(draft=_draft_or_404())
    return _saved(request, "Draft discarded; the published rules are unchanged.")


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def row_add(request: AuthenticatedRequest) -> HttpResponse:
    """Add a matrix row to the draft."""
    draft = _draft_or_404()
    form = MatrixRowForm(request.POST, prefix="new")
    if not form.is_valid():
        return _render(request, status=422, row_form=form)
    spec = {**draft.spec, "matrix": [*draft.spec["matrix"], form.to_row()]}
    return _save_or_refuse(
        request, draft, spec, f"Row “{form.cleaned_data['label']}” added.", row_form=form
    )


@require_http_methods(["GET", "HEAD", "POST"])
@rule_admin_required
@vary_on_headers("HX-Request")
def row_edit(request: AuthenticatedRequest, row_id: str) -> HttpResponse:
    """Change one matrix row of the draft."""
    draft = _draft_or_404()
    rows = draft.spec["matrix"]
    index = next((i for i, row in enumerate(rows) if row["id"] == row_id), None)
    if index is None:
        raise Http404("No such row in the draft.")
    if request.method != "POST":  # GET or HEAD
        form = MatrixRowForm.from_row(rows[index], prefix="row")
        return _render(request, editing=row_id, edit_form=form)
    form = MatrixRowForm(request.POST, prefix="row")
    if not form.is_valid():
        return _render(request, status=422, editing=row_id, edit_form=form)
    changed = [*rows[:index], form.to_row(), *rows[index + 1 :]]
    return _save_or_refuse(
        request,
        draft,
        {**draft.spec, "matrix": changed},
        f"Row “{form.cleaned_data['label']}” saved.",
        editing=row_id,
        edit_form=form,
    )


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def row_delete(request: AuthenticatedRequest, row_id: str) -> HttpResponse:
    """Remove one matrix row from the draft (the last row cannot go)."""
    draft = _draft_or_404()
    rows = [row for row in draft.spec["matrix"] if row["id"] != row_id]
    if len(rows) == len(draft.spec["matrix"]):
        raise Http404("No such row in the draft.")
    return _save_or_refuse(request, draft, {**draft.spec, "matrix": rows}, "Row removed.")


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def settings_save(request: AuthenticatedRequest) -> HttpResponse:
    """Change the draft's weights, tolerance, factor sizes and check thresholds."""
    draft = _draft_or_404()
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _render(request, status=422, settings_form=form)
    try:
        spec = validate_spec(form.apply_to(draft.spec))
    except RuleSetInvalidError as refused:
        # Each problem beside its field, in the field's words, where the admin is typing.
        problems = form.add_spec_problems(refused.problems)
        return _render(request, status=422, problems=problems, settings_form=form)
    ruleset_draft_save(draft=draft, spec=spec)
    return _saved(request, "Settings saved.")


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def draft_import(request: AuthenticatedRequest) -> HttpResponse:
    """Replace the draft with a whole rule set given as JSON, if it is valid."""
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, status=422, import_form=form)
    try:
        spec = validate_spec_json(form.cleaned_data["text"])
    except RuleSetInvalidError as refused:
        return _render(request, status=422, import_form=form, import_problems=refused.problems)
    draft = ruleset_draft_start(by=request.user)
    ruleset_draft_save(draft=draft, spec=spec)
    return _saved(request, "Rule set imported into the draft.")


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def draft_preview(request: AuthenticatedRequest) -> HttpResponse:
    """Ask the worker which courses' recommendations the draft would change, and by how much
    (or keep to the preview of the same draft already under way); then show its progress.
    """
    try:
        job = impact_preview_start(draft=_draft_or_404(), by=request.user)
    except RuleSetAlreadyPublishedError as published:
        raise Http404(f"{published.ruleset} is published; there is no draft to preview.") from None
    if wants_fragment(request):
        return _render(request, fragment="impact-preview", announce_preview="asked")
    if job.is_active:  # what the toast says with JavaScript
        messages.info(request, "Working out the impact of the draft in the background.")
    return redirect(f"{reverse('schedules:rules')}#impact-preview")


@require_safe
@login_required
@vary_on_headers("HX-Request")
def preview_progress(request: AuthenticatedRequest) -> HttpResponse:
    """Show the draft's impact preview: how far the worker is, then the courses that would
    change.

    htmx polls it (the ``impact-preview`` fragment) every 2 seconds while the worker is at
    it; without JavaScript its Refresh link shows the whole Rules page. Rule admins only.
    """
    if Role.RULE_ADMIN not in roles_of(request.user):
        raise PermissionDenied("Only rule admins see the impact preview of the draft.")
    return _render(request, fragment="impact-preview", announce_preview="polled")


@require_POST
@rule_admin_required
@vary_on_headers("HX-Request")
def draft_publish(request: AuthenticatedRequest) -> HttpResponse:
    """Publish the draft as the next version; the worker then moves every recommendation
    to it, and the Rules page shows how far it is.

    Publishing twice (a double click, two admins at once) publishes once: the second request
    says the draft it showed is published, rather than failing.
    """
    form = PublishForm(request.POST)
    if form.is_valid() and (done := ruleset_published_from(form.cleaned_data["draft"])):
        return _saved(request, f"Rules v{done.version} are published.")
    draft = _draft_or_404()
    if not form.is_valid():
        return _render(request, status=422, publish_form=focus_first_error(form))
    try:
        published = ruleset_publish(draft=draft, by=request.user, note=form.cleaned_data["note"])
    except RuleSetAlreadyPublishedError as already:
        published = already.ruleset
        published.refresh_from_db()
        return _saved(request, f"Rules v{published.version} are published.")
    return _saved(
        request,
        f"Published rules v{published.version}. It applies from now on; every course's "
        "recommendation is being recomputed in the background.",
    )
