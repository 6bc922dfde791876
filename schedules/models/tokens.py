"""The unguessable tokens of the links BlendPlan hands out without a sign-in: the calendar
feed, the learners' page and the learners' survey."""

import secrets


def new_link_token() -> str:
    """Return an unguessable link token: 256 random bits, URL-safe, 43 characters."""
    return secrets.token_urlsafe(32)
