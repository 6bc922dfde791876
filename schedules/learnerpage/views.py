"""The learners' page (public: the link is the key) and the instructors' page that makes,
replaces and revokes its link."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from blendplan.http import AuthenticatedRequest, valid_or_400
from courses.access import get_course_for_user
from courses.models import Course
from courses.validators import canonical_timezone_names
from schedules.learnerpage.forms import LinkActionForm, ViewerForm
from schedules.learnerpage.selectors import (
    approved_for,
    page_for_token,
    serving_feed,
    working_page,
)
from schedules.learnerpage.services import (
    learner_page_create,
    learner_page_replace,
    learner_page_revoke,
)
from schedules.learnerpage.timetable import full_date, timetable
from schedules.models import CalendarFeed, Schedule

TEMPLATE = "schedules/learnerpage/learner_page.html"
UNAVAILABLE = "schedules/learnerpage/unavailable.html"


def _private(response: HttpResponse) -> HttpResponse:
    """Keep a page whose address is a secret out of shared caches, search engines and other
    sites' logs (no Referer leaves it, not even to our own static files)."""
    patch_cache_control(response, private=True, no_cache=True)
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _feed_links(request: HttpRequest, feed: CalendarFeed | None) -> dict[str, str]:
    if feed is None:
        return {}
    url = request.build_absolute_uri(reverse("schedules:calendar_feed", args=[feed.token]))
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@require_safe
def learner_page(request: HttpRequest, page_token: str) -> HttpResponse:
    """Show the approved version of a schedule to whoever has its link, in their time zone.

    An unknown link answers 404 and a revoked one 410, each with a page that says so; a
    schedule with no approved version yet answers a page that says that.
    """
    page = page_for_token(page_token)
    if page is None:
        return _private(render(request, UNAVAILABLE, {"reason": "unknown"}, status=404))
    if page.revoked is not None:
        return _private(render(request, UNAVAILABLE, {"reason": "revoked"}, status=410))
    schedule = page.schedule
    approved = approved_for(schedule)
    if approved is None:
        waiting = {"reason": "unapproved", "title": schedule.course.title}
        return _private(render(request, UNAVAILABLE, waiting))
    snapshot = approved.version.snapshot
    course_zone = str(snapshot["course"]["timezone"])
    form = ViewerForm(request.GET)
    valid = form.is_valid()
    viewer_zone = (form.cleaned_data.get("tz") if valid else "") or course_zone
    direction = (form.cleaned_data.get("dir") if valid else "") or "ltr"
    context: dict[str, Any] = {
        "form": form,
        "timetable": timetable(snapshot, viewer_zone),
        "direction": direction,
        "chosen": bool(valid and form.cleaned_data.get("tz")),
        "approved": full_date(approved.approved.date()),
        "version": approved.version.number,
        "feed": _feed_links(request, serving_feed(schedule)),
        "timezones": canonical_timezone_names(),
    }
    # A zone or direction that cannot be read is refused with 400 and the page shows why,
    # next to the field, in the course's zone: nothing the learner typed is lost.
    return _private(render(request, TEMPLATE, context, status=200 if valid else 400))


def _schedule(request: AuthenticatedRequest, pk: int) -> Schedule:
    """Return the schedule of course ``pk`` if the user teaches it (404 otherwise)."""
    course = get_course_for_user(
        request.user, pk, queryset=Course.objects.select_related("schedule")
    )
    return course.schedule


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def learner_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The learners' page's link, for the course's instructors: make, copy, replace, revoke."""
    schedule = _schedule(request, pk)
    if request.method == "POST":
        action = valid_or_400(LinkActionForm(request.POST))["action"]
        if action == "create":
            learner_page_create(schedule=schedule, by=request.user)
            messages.success(request, "The learners' page has a link: share it with them.")
        elif action == "replace":
            learner_page_replace(schedule=schedule, by=request.user)
            messages.success(request, "The page has a new link; the old one no longer works.")
        else:
            learner_page_revoke(schedule=schedule)
            messages.success(request, "The link is revoked: the learners' page no longer opens.")
        return redirect("schedules:learner_link", pk)
    page = working_page(schedule)
    url = (
        request.build_absolute_uri(reverse("schedules:learner_page", args=[page.token]))
        if page
        else ""
    )
    response = render(
        request,
        "schedules/learnerpage/learner_link.html",
        {
            "course": schedule.course,
            "schedule": schedule,
            "page": page,
            "url": url,
            "approved": approved_for(schedule),
            "feed_on": CalendarFeed.objects.filter(schedule=schedule).exists(),
        },
    )
    # The page shows a secret address: keep it out of shared caches and the back button.
    patch_cache_control(response, private=True, no_store=True)
    return response
