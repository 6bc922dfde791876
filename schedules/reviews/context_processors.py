"""Template context of every page: how many notifications the signed-in person has unread."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from schedules.models import Notification


def notifications(request: HttpRequest) -> dict[str, object]:
    """Return ``notifications_unread``, counted only when a template shows it (the header's
    bell): an htmx fragment, which has no header, costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {
        "notifications_unread": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at=None).count()
        )
    }
