"""The signed-in person's notifications: the list the header's bell leads to, opening one
(which marks it read) and marking them all read. Posts, so that a link checker or a
prefetching browser never marks anything read."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from blendplan.http import AuthenticatedRequest
from schedules.models import Notification
from schedules.reviews.selectors import notifications_of, review_path

# The latest notifications the list shows; older ones stay in the database.
SHOWN = 50


@require_safe
@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    """List the signed-in person's notifications, newest first, the unread ones marked."""
    notifications = notifications_of(request.user)[:SHOWN]
    return render(
        request,
        "schedules/reviews/notifications.html",
        {
            "notifications": notifications,
            "unread": sum(n.read_at is None for n in notifications),
        },
    )


@require_POST
@login_required
def notification_open(request: AuthenticatedRequest, notification_pk: int) -> HttpResponse:
    """Mark one of your notifications read and go to what it is about (404 for another's)."""
    notification = get_object_or_404(
        Notification.objects.select_related("version"),
        pk=notification_pk,
        recipient=request.user,
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(review_path(notification.version, thread_pk=notification.thread_id))


@require_POST
@login_required
def notifications_read(request: AuthenticatedRequest) -> HttpResponse:
    """Mark all your notifications read."""
    Notification.objects.filter(recipient=request.user, read_at=None).update(read_at=timezone.now())
    return redirect("schedules:notifications")
