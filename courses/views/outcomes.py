"""Learning outcomes, edited inline: add, change, reorder, remove.

Each action is a plain form post that redirects back to the list; with htmx the same view
answers with the refreshed ``outcome-list`` fragment instead, so the page works without
JavaScript and feels immediate with it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event

from blendplan.forms import DeleteConfirmForm
from blendplan.http import (
    AuthenticatedRequest,
    form_problems,
    render_page_or_fragment,
    valid_or_400,
    wants_fragment,
)
from courses.access import get_course_for_user
from courses.forms import OutcomeForm, OutcomeMoveForm
from courses.models import Course, LearningOutcome
from courses.services import outcome_add, outcome_delete, outcome_move, outcome_update


def _outcome_of(course: Course, outcome_pk: int) -> LearningOutcome:
    return get_object_or_404(LearningOutcome, course=course, pk=outcome_pk)


def _render_list(
    request: AuthenticatedRequest,
    course: Course,
    *,
    form: OutcomeForm | None = None,
    editing: LearningOutcome | None = None,
    edit_form: OutcomeForm | None = None,
    announce: str = "",
    error: str = "",
    status: int = 200,
    confirm_delete: LearningOutcome | None = None,
    serving: int = 0,
) -> HttpResponse:
    return render_page_or_fragment(
        request,
        "courses/outcomes.html",
        "outcome-list",
        {
            "course": course,
            "outcomes": list(course.outcomes.order_by("position", "pk")),
            "form": form or OutcomeForm(),
            "editing": editing,
            "edit_form": edit_form,
            "announce": announce,
            "error": error,
            "confirm_delete": confirm_delete,
            "serving": serving,
        },
        status=status,
    )


def _done(request: AuthenticatedRequest, course: Course, message: str) -> HttpResponse:
    if wants_fragment(request):
        # The recommendation panel listens for this event and reloads itself.
        return trigger_client_event(
            _render_list(request, course, announce=message), "course-changed"
        )
    messages.success(request, message)
    return redirect("courses:outcome_list", pk=course.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def outcome_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """List a course's outcomes with a form to add one."""
    course = get_course_for_user(request.user, pk)
    if request.method != "POST":  # GET or HEAD
        return _render_list(request, course)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _render_list(request, course, form=form, status=422)
    outcome_add(course=course, **form.cleaned_data)
    return _done(request, course, "Outcome added.")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def outcome_edit(request: AuthenticatedRequest, pk: int, outcome_pk: int) -> HttpResponse:
    """Edit one outcome in place."""
    course = get_course_for_user(request.user, pk)
    outcome = _outcome_of(course, outcome_pk)
    form = OutcomeForm(request.POST or None, instance=outcome)
    if request.method == "POST" and form.is_valid():
        outcome_update(outcome=outcome, **form.cleaned_data)
        return _done(request, course, "Outcome saved.")
    status = 422 if request.method == "POST" else 200
    return _render_list(request, course, editing=outcome, edit_form=form, status=status)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def outcome_delete_view(request: AuthenticatedRequest, pk: int, outcome_pk: int) -> HttpResponse:
    """Remove one outcome once confirmed; first ask, naming it and the blocks that serve it."""
    course = get_course_for_user(request.user, pk)
    outcome = _outcome_of(course, outcome_pk)
    answer = valid_or_400(DeleteConfirmForm(request.POST))
    if answer["confirm"] != "yes":
        # The blend's blocks that serve it (the reverse of their many-to-many field).
        serving = outcome.blocks.count()
        return _render_list(request, course, confirm_delete=outcome, serving=serving)
    outcome_delete(outcome=outcome)
    return _done(request, course, "Outcome removed.")


@require_POST
@login_required
@vary_on_headers("HX-Request")
@require_POST
@login_required
@vary_on_headers("HX-Request")
def outcome_move_view(request: AuthenticatedRequest, pk: int, outcome_pk: int) -> HttpResponse:
    """Move one outcome up or down the list (buttons, so no drag is needed)."""
    course = get_course_for_user(request.user, pk)
    outcome = _outcome_of(course, outcome_pk)
    form = OutcomeMoveForm(request.POST)
    if not form.is_valid():
        return _render_list(request, course, error=form_problems(form), status=422)
    outcome_move(outcome=outcome, offset=form.offset)
    return _done(request, course, "Outcome moved.")
