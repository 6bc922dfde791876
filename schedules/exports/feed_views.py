"""The calendar feed: its address (public, for calendar clients) and the instructors' page
that turns it on, gives it a new address or turns it off, with the address as a link, a
``webcal://`` link and a QR code."""

import io

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_http_methods, require_safe

from blendplan.http import AuthenticatedRequest, valid_or_400
from courses.access import get_course_for_user
from courses.models import Course
from schedules.exports.feeds import (
    FeedUnavailable,
    feed_body,
    feed_for_token,
    feed_polled,
    feed_renew,
    feed_turn_off,
    feed_turn_on,
)
from schedules.models import CalendarFeed, Schedule
from schedules.reviews.selectors import approved_version

# Calendar clients poll every few hours; a quarter of an hour between fetches is plenty for
# an approval to show up, and a conditional request (ETag, Last-Modified) costs no body.
FEED_MAX_AGE = 15 * 60


def _plain(status: int, sentence: str) -> HttpResponse:
    return HttpResponse(sentence + "\n", status=status, content_type="text/plain; charset=utf-8")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Serve the approved version's live sessions to a calendar client (no sign-in: the
    address is the key). A feed turned off, or never made, answers 404 at once."""
    feed = feed_for_token(token)
    if feed is None:
        return _plain(404, "This calendar feed has been turned off, or never existed.")
    try:
        served = feed_body(feed)
    except FeedUnavailable as unavailable:
        return _plain(404, str(unavailable))
    feed_polled(feed)
    last_modified = served.last_modified.timestamp()
    response = get_conditional_response(
        request, etag=served.etag, last_modified=int(last_modified)
    ) or HttpResponse(served.body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = served.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = f'inline; filename="{served.filename}"'
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    return response


class FeedActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("on", "Turn on"), ("renew", "New address"), ("off", "Turn off")]
    )


def _schedule(request: AuthenticatedRequest, pk: int) -> Schedule:
    """Return the schedule of course ``pk`` if the user teaches it (404 otherwise)."""
    course = get_course_for_user(
        request.user, pk, queryset=Course.objects.select_related("schedule")
    )
    return course.schedule


def _feed_url(request: HttpRequest, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(reverse("schedules:calendar_feed", args=[feed.token]))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def feed_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The course's calendar feed, for its instructors: the address to give learners."""
    schedule = _schedule(request, pk)
    if request.method == "POST":
        action = valid_or_400(FeedActionForm(request.POST))["action"]
        if action == "on":
            feed_turn_on(schedule=schedule, by=request.user)
            messages.success(request, "The calendar feed is on: give learners its address.")
        elif action == "renew":
            feed_renew(schedule=schedule, by=request.user)
            messages.success(request, "The feed has a new address; the old one no longer answers.")
        else:
            feed_turn_off(schedule=schedule)
            messages.success(request, "The calendar feed is off; its address no longer answers.")
        return redirect("schedules:calendar_feed_page", pk)
    feed = CalendarFeed.objects.filter(schedule=schedule).first()
    url = _feed_url(request, feed) if feed else ""
    version = approved_version(schedule)
    unavailable = ""
    if feed and version:
        try:
            feed_body(feed)
        except FeedUnavailable as reason:
            unavailable = str(reason)
    response = render(
        request,
        "schedules/exports/calendar_feed.html",
        {
            "schedule": schedule,
            "course": schedule.course,
            "feed": feed,
            "url": url,
            "webcal": "webcal://" + url.split("://", 1)[1] if url else "",
            "version": version,
            "unavailable": unavailable,
        },
    )
    # The page shows a secret address: keep it out of shared caches and the back button.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
@login_required
def feed_qr(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The feed's address as a QR code (SVG), for learners to scan from a slide."""
    schedule = _schedule(request, pk)
    feed = CalendarFeed.objects.filter(schedule=schedule).first()
    if feed is None:
        return _plain(404, "The calendar feed is off.")
    image = io.BytesIO()
    segno.make(_feed_url(request, feed), error="m").save(
        image, kind="svg", scale=6, border=2, title="The calendar feed's address"
    )
    response = HttpResponse(image.getvalue(), content_type="image/svg+xml")
    patch_cache_control(response, private=True, no_store=True)
    return response
