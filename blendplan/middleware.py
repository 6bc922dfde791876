"""Answers to refused requests that say what was wrong."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from blendplan.http import InvalidParameter, wants_fragment


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
