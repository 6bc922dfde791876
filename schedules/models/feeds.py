"""Calendar feeds: an unguessable address that serves a schedule's approved live sessions."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual

from schedules.models.blocks import Schedule


class CalendarFeed(models.Model):
    """A schedule's subscribable calendar (``/feeds/<token>.ics``), until it is turned off.

    As LMS calendar feeds are, the address is the key: anyone with it reads the approved
    version's live sessions, nothing else, and no sign-in is needed (Google Calendar and
    Outlook cannot send one). The token is kept as it is, so the course's instructors can
    show the address again; turning the feed off deletes it and the address stops answering
    at once, and a new address is a new token.
    """

    schedule = models.OneToOneField(
        Schedule, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_polled = models.DateTimeField(
        null=True, blank=True, help_text="When a calendar last fetched the feed (to the hour)."
    )

    class Meta:
        constraints = [
            # secrets.token_urlsafe(32) gives 43 characters: never a short, guessable one.
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("token"), 32), name="calendar_feed_token_long"
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.schedule}"
