"""Course set-up: the basics and the learners, each saved as you go."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.forms.models import BaseInlineFormSet
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from blendplan.http import AuthenticatedRequest, form_problems, render_page_or_fragment
from courses.access import get_course_for_user
from courses.forms import (
    CoInstructorAddForm,
    CoInstructorRemoveForm,
    CourseForm,
    LearnerProfileForm,
    SegmentFormSet,
    timezone_choices,
)
from courses.models import LearnerProfile
from courses.roles import Role, roles_of
from courses.services import co_instructor_add, co_instructor_remove, course_create

SEGMENTS_PREFIX = "segments"
# "Add another segment" adds rows up to this many (a formset's own limit is 1,000).
MAX_SEGMENT_ROWS = 50


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def course_new(request: AuthenticatedRequest) -> HttpResponse:
    """Create a course from its basics, then go on to its outcomes.

    Only instructors create courses: anyone else gets a page (403) saying whom to ask.
    """
    if Role.INSTRUCTOR not in roles_of(request.user):
        return render(request, "courses/instructor_needed.html", status=403)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = course_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{course.title}” created. Now add its learning outcomes.")
            return redirect("courses:outcome_list", pk=course.pk)
    return render(
        request,
        "courses/course_form.html",
        {"form": form, "course": None, "timezones": timezone_choices()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def course_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Change a course's basics."""
    course = get_course_for_user(request.user, pk)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Course details saved.")
        return redirect(course)
    return render(
        request,
        "courses/course_form.html",
        {"form": form, "course": course, "timezones": timezone_choices()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def learners_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Describe the learners: the cohort's profile and its segments by time zone.

    "Add another segment" saves nothing: it shows the form again, as typed, with one more
    empty segment (with htmx, only the segments are swapped). A refused save keeps
    everything typed and says what is wrong (422).
    """
    course = get_course_for_user(request.user, pk)
    profile = LearnerProfile.objects.filter(course=course).first() or LearnerProfile(course=course)
    if request.method == "POST" and "add_segment" in request.POST:
        form, formset = _with_another_segment(request.POST, profile)
        context = {"course": course, "form": form, "formset": formset, "added_segment": True}
        return render_page_or_fragment(
            request, "courses/learners_form.html", "segments", _with_zones(context)
        )
    data = request.POST or None
    form = LearnerProfileForm(data, instance=profile)
    formset = SegmentFormSet(data, instance=profile, prefix=SEGMENTS_PREFIX)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            form.save()
            formset.save()
        messages.success(request, "Learners saved.")
        return redirect(course)
    return render(
        request,
        "courses/learners_form.html",
        _with_zones({"course": course, "form": form, "formset": formset}),
        status=422 if request.method == "POST" else 200,
    )


def _with_zones(context: dict[str, Any]) -> dict[str, Any]:
    return {**context, "timezones": timezone_choices()}


def _with_another_segment(
    data: QueryDict, profile: LearnerProfile
) -> tuple[LearnerProfileForm, BaseInlineFormSet[Any, Any, Any]]:
    """Return the learner forms as typed in ``data`` with one more, empty, segment row.

    Nothing is checked yet (the rows typed so far are checked when the page is saved), so
    they show no errors.
    """
    data = data.copy()
    total = f"{SEGMENTS_PREFIX}-TOTAL_FORMS"
    try:
        rows = int(data.get(total, "0"))
    except ValueError:
        rows = 0
    data[total] = str(max(0, min(rows, MAX_SEGMENT_ROWS - 1)) + 1)
    form = LearnerProfileForm(data, instance=profile)
    formset = SegmentFormSet(data, instance=profile, prefix=SEGMENTS_PREFIX)
    unchecked: list[BaseForm] = [form, *formset.forms]
    for each in unchecked:  # shown as typed, not yet checked
        vars(each).update(_errors=ErrorDict(), cleaned_data={})
    vars(formset).update(_errors=[ErrorDict() for _ in formset.forms], _non_form_errors=ErrorList())
    if formset.forms:  # the new row takes focus, with or without JavaScript
        formset.forms[-1].fields["name"].widget.attrs["autofocus"] = True
    return form, formset


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def co_instructors(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The owner adds or removes co-instructors; co-instructors may only see the list."""
    course = get_course_for_user(request.user, pk)
    is_owner = course.owner_id == request.user.pk
    error = remove_error = typed = ""
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied("Only the course's owner changes who teaches it.")
        if "remove" in request.POST:  # a Remove button, one per co-instructor
            remove = CoInstructorRemoveForm(request.POST, course=course)
            if remove.is_valid():
                co_instructor_remove(course=course, user=remove.person)
                messages.success(request, "Co-instructor removed.")
                return redirect("courses:co_instructors", pk=course.pk)
            remove_error = form_problems(remove)
        else:
            add = CoInstructorAddForm(request.POST)
            try:
                if not add.is_valid():  # too long to be a username, or not text at all
                    raise ValidationError(form_problems(add))
                added = co_instructor_add(course=course, username=add.cleaned_data["username"])
            except ValidationError as refused:
                error = refused.messages[0]
                typed = add.cleaned_data.get("username", "")
            else:
                messages.success(request, f"{added.get_username()} now co-teaches this course.")
                return redirect("courses:co_instructors", pk=course.pk)
    return render(
        request,
        "courses/co_instructors.html",
        {
            "course": course,
            "is_owner": is_owner,
            "co_instructors": course.co_instructors.order_by("username"),
            "error": error,
            "remove_error": remove_error,
            # A refused name stays in the box, to be corrected rather than typed again.
            "typed": typed,
        },
        status=422 if error or remove_error else 200,
    )
