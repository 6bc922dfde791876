"""Answers to refused requests that say what was wrong."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers

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
