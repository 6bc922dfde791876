"""The API's errors, as JSON a person can read: 401, 404 and 422.

404 covers both "does not exist" and "not yours to see", so the API never reveals that
someone else's schedule exists (the web pages do the same).
"""

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from schedules.api.schemas import InvalidParameters, Message, ParameterProblem

TOKEN_HELP = (
    "Send a valid API token as 'Authorization: Bearer <token>'; "
    "make one on your API tokens page (/settings/api-tokens/)."
)


class ExpiredTokenError(AuthenticationError):
    """A 401 for a token that is right but has expired: its holder is told so, and when."""

    def __init__(self, expired: datetime) -> None:
        day = timezone.localtime(expired)
        super().__init__(
            message=(
                f"This API token expired on {day.day} {day:%B %Y}. Make a new one on your "
                "API tokens page (/settings/api-tokens/) and send it as "
                "'Authorization: Bearer <token>'."
            )
        )


# pydantic's wording rephrased for people reading an error in a terminal.
_MESSAGES = {
    "enum": "must be one of: {expected}",
    "literal_error": "must be one of: {expected}",
    "int_parsing": "must be a whole number",
    "string_pattern_mismatch": "must be a version number or 'latest'",
}


def _problem(request: HttpRequest, error: dict[str, Any]) -> ParameterProblem:
    location = [str(part) for part in error.get("loc", ())]
    source, name = (location[0], location[-1]) if location else ("", "")
    template = _MESSAGES.get(error.get("type", ""))
    if template is None:
        message = str(error.get("msg", "is not valid"))
    else:
        expected = str(error.get("ctx", {}).get("expected", ""))
        message = template.format(expected=expected.replace("'", "").replace(" or ", ", "))
    given = _given(request, source, name)
    if given is not None:
        message += f" (got {given!r})"
    return ParameterProblem(parameter=name, message=message)


def _given(request: HttpRequest, source: str, name: str) -> str | None:
    if source == "query":
        return request.GET.get(name)
    if source == "path" and request.resolver_match is not None:
        value = request.resolver_match.kwargs.get(name)
        return None if value is None else str(value)
    return None


def _json(api: NinjaAPI, request: HttpRequest, body: Any, status: int) -> HttpResponse:
    return api.create_response(request, body.model_dump(), status=status)


def register_error_handlers(api: NinjaAPI) -> None:
    """Make ``api`` answer 401, 404 and 422 with a sentence in ``detail``.

    (ninja types a handler's exception as "the exception or its class", hence ``object``.)
    """

    def unauthorized(request: HttpRequest, exc: object) -> HttpResponse:
        detail = exc.message if isinstance(exc, ExpiredTokenError) else TOKEN_HELP
        response = _json(api, request, Message(detail=detail), 401)
        response["WWW-Authenticate"] = 'Bearer realm="BlendPlan API"'
        return response

    def not_found(request: HttpRequest, exc: object) -> HttpResponse:
        detail = str(exc) or "Not found, or not yours to see."
        return _json(api, request, Message(detail=detail), 404)

    def invalid(request: HttpRequest, exc: object) -> HttpResponse:
        errors = exc.errors if isinstance(exc, ValidationError) else []
        problems = [_problem(request, error) for error in errors]
        detail = "; ".join(f"{p.parameter}: {p.message}" for p in problems)
        return _json(api, request, InvalidParameters(detail=detail, errors=problems), 422)

    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ValidationError, invalid)
