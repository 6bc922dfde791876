"""Template context of every page: how many notifications the signed-in person has unread."""

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from blendplan.reused_sql import reused_rows
from schedules.models import Notification


def notifications(request: HttpRequest) -> dict[str, object]:
    """Return ``notifications_unread``, counted only when a template shows it (the header's
    bell): an htmx fragment, which has no header, costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {"notifications_unread": SimpleLazyObject(lambda: _unread(user.pk))}


def _unread(user_id: int) -> int:
    """Return how many notifications user ``user_id`` has unread (the lookup's SQL compiled
    once: the header asks on every page)."""
    counted = reused_rows("unread notifications of a user", _unread_count, user_id)
    return counted[0] if counted else 0


def _unread_count(user_id: int) -> QuerySet[Notification, int]:
    # One row (the count) when there are any, none when there are none.
    unread = Notification.objects.filter(recipient_id=user_id, read_at=None).order_by()
    return unread.values("recipient_id").annotate(n=Count("pk")).values_list("n", flat=True)
