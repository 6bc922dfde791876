"""The answer to a sign-in refused because of too many failures (django-axes calls it)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """Return the lockout page (429): for how long sign-in is paused, and whom to ask.

    Shown for the site's sign-in page and the admin's alike; the password was not checked.
    """
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "registration/locked_out.html",
        {
            "minutes": max(1, seconds // 60),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "help_contact": settings.ACCOUNT_HELP_CONTACT,
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
