"""The survey's pages: the instructors' (open, close, revoke, the address and its QR code,
the results, the CSV, deleting the answers) and the learners' (the form at ``/s/<token>/``,
no account needed)."""

import io
from datetime import timedelta

import segno
from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from blendplan.forms import DeleteConfirmForm
from blendplan.http import AuthenticatedRequest, valid_or_400
from courses.access import get_course_for_user
from courses.models import Course
from courses.validators import canonical_timezone_names
from schedules.models import Survey
from schedules.survey.forms import ApplyForm, ResponseForm, SurveyActionForm, SurveyOpenForm
from schedules.survey.selectors import (
    course_surveys,
    profile_changes,
    responses_csv,
    survey_for_token,
    survey_results,
)
from schedules.survey.services import (
    DEFAULT_OPEN_DAYS,
    RATE_LIMIT,
    RATE_WINDOW,
    SurveyNotOpen,
    SurveyState,
    TooManyAnswers,
    course_today,
    response_submit,
    responses_delete,
    sender_hash,
    survey_apply,
    survey_close,
    survey_open,
    survey_revoke,
    survey_state,
)

# The largest answer a browser sends is a few kilobytes (168 ticked hours and three texts at
# their limits); anything far bigger is refused before it is read.
MAX_ANSWER_BYTES = 64 * 1024


def _course(request: AuthenticatedRequest, pk: int) -> Course:
    return get_course_for_user(request.user, pk)


def _survey(request: AuthenticatedRequest, pk: int, survey_pk: int) -> Survey:
    """Return survey ``survey_pk`` of course ``pk`` if the user teaches the course (404
    otherwise: answers are for the course's instructors alone)."""
    course = _course(request, pk)
    survey = get_object_or_404(Survey, course=course, pk=survey_pk)
    survey.course = course
    return survey


def _survey_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("schedules:survey_answer", args=[survey.token]))


def _private(response: HttpResponse) -> HttpResponse:
    # The page shows a secret address or learners' answers: keep it out of shared caches.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def survey_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The course's survey for its instructors: open one, its address and QR code, its state."""
    course = _course(request, pk)
    surveys = course_surveys(course)
    today = course_today(course)
    status = 200
    if request.method == "POST":
        form = SurveyOpenForm(request.POST)
        if form.is_valid():
            survey_open(course=course, by=request.user, **form.cleaned_data)
            messages.success(request, "The survey is open: give learners its address.")
            return redirect("schedules:survey_page", pk)
        status = 422
    else:
        form = SurveyOpenForm(
            initial={"opens": today, "closes": today + timedelta(days=DEFAULT_OPEN_DAYS - 1)}
        )
    current = surveys[0] if surveys else None
    if current is not None:
        current.course = course
    response = render(
        request,
        "schedules/survey/survey_page.html",
        {
            "course": course,
            "current": current,
            "state": survey_state(current).value if current else "",
            "url": _survey_url(request, current) if current else "",
            "earlier": surveys[1:],
            "form": form,
        },
        status=status,
    )
    return _private(response)


@require_POST
@login_required
def survey_action(request: AuthenticatedRequest, pk: int, survey_pk: int) -> HttpResponse:
    """Close the survey, or revoke its address, at once."""
    survey = _survey(request, pk, survey_pk)
    if valid_or_400(SurveyActionForm(request.POST))["action"] == "close":
        survey_close(survey=survey)
        messages.success(request, "The survey is closed: its address takes no more answers.")
    else:
        survey_revoke(survey=survey)
        messages.success(
            request,
            "The address is revoked and takes no more answers. Open a new survey for a new "
            "address; the answers so far are kept.",
        )
    return redirect("schedules:survey_page", pk)


@require_safe
@login_required
def survey_qr(request: AuthenticatedRequest, pk: int, survey_pk: int) -> HttpResponse:
    """The survey's address as a QR code (SVG), for learners to scan from a slide."""
    survey = _survey(request, pk, survey_pk)
    image = io.BytesIO()
    segno.make(_survey_url(request, survey), error="m").save(
        image, kind="svg", scale=6, border=2, title="The survey's address"
    )
    return _private(HttpResponse(image.getvalue(), content_type="image/svg+xml"))


@require_safe
@login_required
def survey_results_page(request: AuthenticatedRequest, pk: int, survey_pk: int) -> HttpResponse:
    """What the learners answered, small counts held back."""
    survey = _survey(request, pk, survey_pk)
    response = render(
        request,
        "schedules/survey/results.html",
        {
            "course": survey.course,
            "survey": survey,
            "state": survey_state(survey).value,
            "results": survey_results(survey),
        },
    )
    return _private(response)


@require_safe
@login_required
def survey_export(request: AuthenticatedRequest, pk: int, survey_pk: int) -> HttpResponse:
    """Every answer as CSV, for the course's instructors."""
    survey = _survey(request, pk, survey_pk)
    response = HttpResponse(responses_csv(survey), content_type="text/csv; charset=utf-8")
    code = (survey.course.code or "course").replace(" ", "-")
    response["Content-Disposition"] = (
        f'attachment; filename="survey-{code}-{survey.opens:%Y-%m-%d}.csv"'
    )
    return _private(response)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def survey_responses_delete(request: AuthenticatedRequest, pk: int, survey_pk: int) -> HttpResponse:
    """Delete every answer to the survey, once the instructor confirms."""
    survey = _survey(request, pk, survey_pk)
    if request.method == "POST":
        form = DeleteConfirmForm(request.POST)
        if valid_or_400(form) and form.confirmed:
            deleted = responses_delete(survey=survey)
            messages.success(
                request, f"{deleted} answer{'' if deleted == 1 else 's'} deleted for good."
            )
            return redirect("schedules:survey_page", pk)
    count = survey.responses.count()
    return _private(
        render(
            request,
            "schedules/survey/delete.html",
            {"course": survey.course, "survey": survey, "count": count},
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def survey_apply_page(request: AuthenticatedRequest, pk: int, survey_pk: int) -> HttpResponse:
    """What the answers would change in the learner profile, each change beside what it
    replaces; the instructor ticks those to apply. Nothing changes until they do."""
    survey = _survey(request, pk, survey_pk)
    changes = profile_changes(survey)
    keys = [change.key for change in changes]
    status = 200
    if request.method == "POST":
        form = ApplyForm(request.POST, keys=keys)
        if form.is_valid():
            chosen = form.cleaned_data["changes"]
            survey_apply(survey=survey, keys=set(chosen))
            messages.success(
                request,
                f"{len(chosen)} change{'' if len(chosen) == 1 else 's'} applied to the learner "
                "profile; the recommendation and the checks follow it.",
            )
            return redirect("courses:learners_edit", pk)
        status = 422
    else:
        form = ApplyForm(initial={"changes": keys}, keys=keys)
    ticked = set(form["changes"].value() or [])
    response = render(
        request,
        "schedules/survey/apply.html",
        {
            "course": survey.course,
            "survey": survey,
            "form": form,
            "changes": [(change, change.key in ticked) for change in changes],
        },
        status=status,
    )
    return _private(response)


# The learners' side: no sign-in, the address is the key.

CLOSED_STATUS = {
    SurveyState.NOT_YET_OPEN: 403,
    SurveyState.CLOSED: 410,
    SurveyState.REVOKED: 410,
}


def _not_open(request: HttpRequest, survey: Survey, state: SurveyState) -> HttpResponse:
    return render(
        request,
        "schedules/survey/not_open.html",
        {"survey": survey, "course": survey.course, "state": state.value},
        status=CLOSED_STATUS[state],
    )


def _too_big(request: HttpRequest, survey: Survey) -> HttpResponse:
    return render(
        request,
        "schedules/survey/too_big.html",
        {"survey": survey, "course": survey.course},
        status=413,
    )


def _too_many(request: HttpRequest, survey: Survey) -> HttpResponse:
    response = render(
        request,
        "schedules/survey/too_many.html",
        {
            "survey": survey,
            "course": survey.course,
            "limit": RATE_LIMIT,
            "minutes": int(RATE_WINDOW.total_seconds() // 60),
        },
        status=429,
    )
    response["Retry-After"] = str(int(RATE_WINDOW.total_seconds()))
    return response


def _body_too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_ANSWER_BYTES
    except ValueError:
        return True


@require_http_methods(["GET", "HEAD", "POST"])
def survey_answer(request: HttpRequest, survey_token: str) -> HttpResponse:
    """The learners' form: their time zone, the hours they could attend live, their devices,
    connection and needs, and whether they would rather work live or at their own pace."""
    survey = survey_for_token(survey_token)
    if survey is None:
        return render(request, "schedules/survey/unknown.html", status=404)
    state = survey_state(survey)
    if state is not SurveyState.OPEN:
        return _not_open(request, survey, state)
    status = 200
    if request.method == "POST":
        if _body_too_big(request):
            return _too_big(request, survey)
        form = ResponseForm(request.POST, collect_identity=survey.collect_identity)
        if form.is_valid():
            sender = sender_hash(get_client_ip_address(request))
            try:
                response_submit(survey=survey, data=form.answer(), sender=sender)
            except TooManyAnswers:
                return _too_many(request, survey)
            except SurveyNotOpen as refused:  # closed between the page and the answer
                return _not_open(request, survey, refused.state)
            return redirect("schedules:survey_thanks", survey.token)
        status = 422
    else:
        form = ResponseForm(collect_identity=survey.collect_identity)
    response = render(
        request,
        "schedules/survey/answer.html",
        {
            "survey": survey,
            "course": survey.course,
            "form": form,
            "grid": form.grid(),
            "timezones": canonical_timezone_names(),
        },
        status=status,
    )
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def survey_thanks(request: HttpRequest, survey_token: str) -> HttpResponse:
    """Thanks, after an answer."""
    survey = survey_for_token(survey_token)
    if survey is None:
        return render(request, "schedules/survey/unknown.html", status=404)
    return render(request, "schedules/survey/thanks.html", {"course": survey.course})
