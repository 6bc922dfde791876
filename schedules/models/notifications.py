"""In-app notifications of review events: what the header's bell counts and lists."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from schedules.models.blocks import Schedule
from schedules.models.reviews import ReviewComment, ScheduleVersion


class Notification(models.Model):
    """One review event told to one person: a submission, a decision or a reply.

    Made in the same transaction as the event (``schedules/reviews/notifications.py``, which
    queues the e-mails too), so a refused action tells nobody. ``read_at`` is set when the
    person opens it.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        REPLIED = "replied", "Reply"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(ScheduleVersion, on_delete=models.CASCADE, related_name="+")
    # The thread a reply belongs to, to open the review at it.
    thread = models.ForeignKey(
        ReviewComment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=300, help_text="The sentence the list shows.")
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["submitted", "approved", "changes_requested", "replied"]),
                name="notification_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.recipient}: {self.text}"
