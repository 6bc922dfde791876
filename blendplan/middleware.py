"""Answers to refused requests that say what was wrong, private answers, and the end of idle
sessions."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from blendplan.http import InvalidParameter, duration_in_words, wants_fragment


class InvalidParameterMiddleware:
    """Answer ``InvalidParameter`` with 400 and its message: a page, or for htmx the message
    alone (htmx does not swap a 400 in, but the answer stays readable wherever it lands).

    Nothing was changed: views check their parameters before they act.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, InvalidParameter):
            return None
        template = "400.html#problem" if wants_fragment(request) else "400.html"
        response = TemplateResponse(request, template, {"problem": str(exception)}, status=400)
        patch_vary_headers(response, ["HX-Request"])
        return response.render()


# Browser features BlendPlan never uses, switched off for its pages and anything they embed
# (W3C Permissions Policy): a page that is tricked into asking gets "no" at once.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PrivateResponsesMiddleware:
    """Add ``Permissions-Policy`` to every answer, and keep what a signed-in user (or an API
    token) is shown out of every cache: ``Cache-Control: private, no-store``.

    Answers to anonymous requests (the sign-in page, the calendar feed, the published JSON
    Schema) keep whatever caching their view chose; static files never come this far
    (WhiteNoise answers them first).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or "authorization" in request.headers:
            patch_cache_control(response, private=True, no_store=True)
        return response


# Session keys (seconds since the epoch): when the session last saw a request, and when it
# was first seen signed in.
LAST_ACTIVITY_KEY = "_blendplan_last_activity"
SIGNED_IN_AT_KEY = "_blendplan_signed_in_at"
# Writing the stamp on every request would write the session on every request; once a
# minute is close enough for a timeout counted in hours.
STAMP_RESOLUTION = 60


def stamp_sign_in(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """Stamp a new sign-in's session (``user_logged_in``), so that the first request after
    signing in finds the stamps fresh and need not write the session again."""
    now = int(time.time())
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_ACTIVITY_KEY] = now


class SessionTimeoutMiddleware:
    """Sign out a session idle for ``SESSION_IDLE_TIMEOUT`` seconds, or signed in for longer
    than ``SESSION_COOKIE_AGE``, and say so on the sign-in page.

    Django alone cannot do either: its session expiry moves forward every time the session
    is saved, and nothing notices inactivity. So the session carries two time stamps.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        last = session.get(LAST_ACTIVITY_KEY)
        started = session.get(SIGNED_IN_AT_KEY)
        idle_limit = settings.SESSION_IDLE_TIMEOUT
        age_limit = settings.SESSION_COOKIE_AGE
        if last is not None and now - last > idle_limit:
            self._sign_out(request, f"after {duration_in_words(idle_limit)} without activity")
        elif started is not None and now - started > age_limit:
            self._sign_out(request, f"{duration_in_words(age_limit)} after signing in")
        else:
            if started is None:
                session[SIGNED_IN_AT_KEY] = now
            if last is None or now - last >= STAMP_RESOLUTION:
                session[LAST_ACTIVITY_KEY] = now

    def _sign_out(self, request: HttpRequest, when: str) -> None:
        # The request goes on as anonymous: a page that needs a user sends it to sign in,
        # where the message (kept in a cookie, as the session is gone) says why.
        logout(request)
        messages.info(request, f"You were signed out {when}. Sign in again to carry on.")
