"""How the API knows who calls: a per-user token sent as ``Authorization: Bearer <token>``."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer

from schedules.api.errors import ExpiredTokenError
from schedules.api.tokens import expired_token, user_for_token


class ApiTokenAuth(HttpBearer):
    """Accept an active token of an active user; ``request.auth`` is then that user.

    An expired token is refused saying since when (any other refusal says how to send one).
    """

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is None and (expired := expired_token(token)) is not None:
            raise ExpiredTokenError(expired.expires)
        return user


def caller(request: HttpRequest) -> User:
    """Return the user an authenticated API request acts as."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # ninja refuses unauthenticated calls before this
        raise TypeError("The API view ran without an authenticated user.")
    return user
