"""Request types for views' hints: what middleware and decorators add to a request."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request after django-htmx's middleware: ``request.htmx`` says whether htmx sent it."""

    htmx: HtmxDetails


class AuthenticatedRequest(HtmxHttpRequest):
    """A request to a ``@login_required`` view: the user is signed in."""

    user: User
