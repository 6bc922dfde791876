"""The pilot page (its weeks, the readiness checklist, the evidence and the retrospective),
its actions, deleting a course's pilot data, and the pilot privacy page.

Every page and action is for the course's instructors (its owner and co-instructors, and a
superuser, as every course page): ``courses.access.get_course_for_user`` answers 404 to
anyone else. Plain form posts that redirect back, so all of it works without JavaScript.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from blendplan.http import AuthenticatedRequest, render_page_or_fragment, valid_or_400
from courses.access import get_course_for_user
from courses.models import Course
from schedules.models import DecisionStatus, Pilot, PilotDecision, PilotState
from schedules.pilot import services
from schedules.pilot.checklist import ITEMS_BY_KEY
from schedules.pilot.evidence import imports_state
from schedules.pilot.forms import (
    DecisionForm,
    DecisionStatusForm,
    PilotImportForm,
    PilotMoveForm,
    PilotPlanForm,
    RetrospectiveBookForm,
    RetrospectiveNotesForm,
    TickForm,
)
from schedules.pilot.selectors import pilot_data, pilot_of, pilot_page

MOVED = {
    "start": "The pilot has started. Its checklist stays here to finish.",
    "end": "The pilot weeks are over: the retrospective is open.",
    "close": "The pilot is closed. Revise the blend with the decisions taken.",
}


def _course(request: AuthenticatedRequest, pk: int) -> Course:
    return get_course_for_user(request.user, pk, queryset=Course.objects.select_related("schedule"))


def _pilot(course: Course) -> Pilot:
    pilot = pilot_of(course.schedule)
    if pilot is None:
        raise Http404("This course has no pilot.")
    return pilot


def _back(course: Course, anchor: str = "") -> HttpResponse:
    url = reverse("schedules:pilot", args=[course.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _render(
    request: AuthenticatedRequest,
    course: Course,
    *,
    status: int = 200,
    fragment: str = "",
    **forms: Any,
) -> HttpResponse:
    pilot = pilot_of(course.schedule)
    today = timezone.localdate()
    context: dict[str, Any] = {"course": course, "pilot": pilot}
    if pilot is None:
        context["plan_form"] = forms.get("plan_form") or PilotPlanForm(
            course_weeks=course.weeks,
            initial={
                "last_week": min(2, course.weeks),
                "start_date": course.start_date,
            },
        )
        return render(request, "schedules/pilot/pilot.html", context, status=status)
    page = pilot_page(course, pilot)
    context |= {
        "page": page,
        "retrospective_open": services.retrospective_is_open(pilot, today=today),
        "plan_form": forms.get("plan_form")
        or PilotPlanForm(
            course_weeks=course.weeks,
            initial={
                "first_week": pilot.first_week,
                "last_week": pilot.last_week,
                "start_date": pilot.start_date,
            },
        ),
        "book_form": forms.get("book_form")
        or RetrospectiveBookForm(initial={"on": pilot.retrospective_on}),
        "notes_form": forms.get("notes_form")
        or RetrospectiveNotesForm(initial={"notes": pilot.notes}),
        "decision_form": forms.get("decision_form") or DecisionForm(schedule=course.schedule),
        "statuses": DecisionStatus.choices,
        "states": PilotState,
        "imports": imports_state(pilot),
        "import_form": forms.get("import_form")
        or PilotImportForm(
            max_bytes=settings.PILOT_IMPORT_MAX_BYTES,
            initial={"uploader_zone": str(course.timezone)},
        ),
        "announce_import": forms.get("announce_import", ""),
    }
    if fragment:
        return render_page_or_fragment(
            request, "schedules/pilot/pilot.html", fragment, context, status=status
        )
    return render(request, "schedules/pilot/pilot.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pilot(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the course's pilot, or offer to plan one; a post plans its weeks and start."""
    course = _course(request, pk)
    if request.method != "POST":
        return _render(request, course)
    form = PilotPlanForm(request.POST, course_weeks=course.weeks)
    if not form.is_valid():
        return _render(request, course, plan_form=form, status=422)
    existed = pilot_of(course.schedule) is not None
    try:
        services.pilot_plan(
            schedule=course.schedule,
            first_week=form.cleaned_data["first_week"],
            last_week=form.cleaned_data["last_week"],
            start_date=form.cleaned_data["start_date"],
        )
    except ValidationError as refused:
        form.add_error(None, refused)
        return _render(request, course, plan_form=form, status=422)
    messages.success(
        request, "The pilot's weeks are saved." if existed else "The pilot is planned."
    )
    return _back(course)


@require_POST
@login_required
def pilot_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Start the pilot, end its weeks (opening the retrospective), or close it."""
    course = _course(request, pk)
    pilot = _pilot(course)
    action = valid_or_400(PilotMoveForm(request.POST))["action"]
    try:
        services.pilot_move(pilot=pilot, action=action)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return _back(course)
    messages.success(request, MOVED[action])
    return _back(course)


@require_POST
@login_required
def pilot_tick(request: AuthenticatedRequest, pk: int, item: str) -> HttpResponse:
    """Tick a hand-ticked readiness item (with a note) or take its tick off."""
    course = _course(request, pk)
    pilot = _pilot(course)
    if item not in ITEMS_BY_KEY:
        raise Http404("There is no such item on the readiness checklist.")
    data = valid_or_400(TickForm(request.POST))
    title = ITEMS_BY_KEY[item].title
    try:
        if data["action"] == "tick":
            services.readiness_tick(pilot=pilot, item=item, note=data["note"], by=request.user)
            messages.success(request, f"“{title}” is ticked.")
        else:
            services.readiness_untick(pilot=pilot, item=item)
            messages.success(request, f"“{title}” is open again.")
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return _back(course, f"item-{item}")


@require_POST
@login_required
def retrospective_book(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Book the retrospective's date."""
    course = _course(request, pk)
    pilot = _pilot(course)
    form = RetrospectiveBookForm(request.POST)
    if not form.is_valid():
        return _render(request, course, book_form=form, status=422)
    try:
        services.retrospective_book(pilot=pilot, on=form.cleaned_data["on"])
    except ValidationError as refused:
        form.add_error("on", refused)
        return _render(request, course, book_form=form, status=422)
    messages.success(request, f"The retrospective is booked for {pilot.retrospective_on:%d %B %Y}.")
    return _back(course, "retrospective")


@require_POST
@login_required
def retrospective_notes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Save the retrospective's notes (once the retrospective is open)."""
    course = _course(request, pk)
    pilot = _pilot(course)
    form = RetrospectiveNotesForm(request.POST)
    if not form.is_valid():
        return _render(request, course, notes_form=form, status=422)
    try:
        services.retrospective_notes_save(
            pilot=pilot, notes=form.cleaned_data["notes"], today=timezone.localdate()
        )
    except ValidationError as refused:
        form.add_error(None, refused)
        return _render(request, course, notes_form=form, status=422)
    messages.success(request, "The retrospective's notes are saved.")
    return _back(course, "retrospective")


@require_POST
@login_required
def decision_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a decision of the retrospective."""
    course = _course(request, pk)
    pilot = _pilot(course)
    form = DecisionForm(request.POST, schedule=course.schedule)
    if not form.is_valid():
        return _render(request, course, decision_form=form, status=422)
    try:
        services.decision_add(
            pilot=pilot,
            text=form.cleaned_data["text"],
            block=form.cleaned_data["block"],
            status=DecisionStatus(form.cleaned_data["status"]),
            by=request.user,
            today=timezone.localdate(),
        )
    except ValidationError as refused:
        form.add_error(None, refused)
        return _render(request, course, decision_form=form, status=422)
    messages.success(request, "The decision is recorded.")
    return _back(course, "decisions")


@require_POST
@login_required
def decision_status(request: AuthenticatedRequest, pk: int, decision_pk: int) -> HttpResponse:
    """Change where a decision stands (agreed, done, dropped)."""
    course = _course(request, pk)
    pilot = _pilot(course)
    decision = get_object_or_404(PilotDecision, pilot=pilot, pk=decision_pk)
    status = DecisionStatus(valid_or_400(DecisionStatusForm(request.POST))["status"])
    services.decision_set_status(decision=decision, status=status)
    messages.success(request, f"“{decision.text}” is now {status.label.lower()}.")
    return _back(course, f"decision-{decision.pk}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def pilot_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Ask, naming what goes, then delete the course's pilot data in one step."""
    course = _course(request, pk)
    pilot = _pilot(course)
    if request.method == "POST":
        services.pilot_data_delete(schedule=course.schedule)
        messages.success(
            request,
            "The pilot's data is deleted: its checklist ticks and notes, the retrospective "
            "and its decisions, the imports and their records, the mapping and the "
            "pseudonym secret. The blend itself is unchanged.",
        )
        return redirect(course)
    return render(
        request,
        "schedules/pilot/pilot_delete.html",
        {"course": course, "data": pilot_data(pilot)},
    )


@require_safe
def pilot_privacy(request: HttpRequest) -> HttpResponse:
    """Say what pilot data BlendPlan keeps and for how long. Public, like the Sources page:
    learners may be sent here before they agree to a pilot."""
    return render(
        request,
        "schedules/pilot/privacy.html",
        {"retention_days": settings.PILOT_DATA_RETENTION_DAYS},
    )
