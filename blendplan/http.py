"""Request types for views' hints (what middleware and decorators add to a request), and
the refusal of a request parameter that is present but wrong."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware: ``request.htmx`` says whether htmx sent it."""

    htmx: HtmxDetails


class AuthenticatedRequest(HtmxHttpRequest):
    """A request to a ``@login_required`` view: the user is signed in."""

    user: User


def wants_fragment(request: HttpRequest) -> bool:
    """Return whether htmx asked for a fragment rather than the whole page.

    htmx's history restore (Back after its history cache missed) sends ``HX-Request`` too,
    but puts the answer in place of the whole page: it gets the page.
    """
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def render_page_or_fragment(
    request: HttpRequest,
    template: str,
    fragment: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """Render ``template``, or its partial ``fragment`` when htmx asks for a fragment.

    The caller has decided that the user may see ``fragment``. The answer varies on
    ``HX-Request``, so a cache never serves the fragment for the page or the other way round.
    """
    name = f"{template}#{fragment}" if wants_fragment(request) else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


class InvalidParameter(BadRequest):
    """A query parameter (or a hidden form value) that is present but wrong.

    Django answers a ``BadRequest`` with 400; ``InvalidParameterMiddleware`` shows this
    one's message, which is written for the person who followed the link.
    """


def one_of(choices: Sequence[str]) -> str:
    """Return ``choices`` as words for a message: "A", "A or B", "A, B or C"."""
    if len(choices) < 2:
        return "".join(choices)
    return ", ".join(choices[:-1]) + f" or {choices[-1]}"


def duration_in_words(seconds: int) -> str:
    """Return ``seconds`` in words, in the largest whole unit: "2 hours", "90 minutes"."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} second{'' if seconds == 1 else 's'}"


def form_problems(form: forms.BaseForm) -> str:
    """Return every error of ``form`` as one text, a sentence each."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def valid_or_400(form: forms.BaseForm) -> dict[str, Any]:
    """Return ``form``'s cleaned data, or raise ``InvalidParameter`` saying what is wrong.

    For parameters of a link (``request.GET``) or hidden values of a form, which the page
    has no field to show an error next to.
    """
    if form.is_valid():
        return form.cleaned_data
    raise InvalidParameter(form_problems(form))
