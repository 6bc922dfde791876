"""Learners' pages: an unguessable, revocable link to a schedule's approved version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual

from schedules.models.blocks import Schedule


class LearnerPage(models.Model):
    """A read-only page of a schedule's approved version at ``/l/<token>/``, for learners.

    Its own model rather than a field of the calendar feed: the two are shared with
    different people and stop for different reasons (a learners' link posted in a forum
    that leaks is replaced without breaking every subscribed calendar, and a feed turned
    off leaves the page working). A revoked link is kept, with when it was revoked, so its
    address can say "this link was replaced" rather than "never existed"; a schedule has at
    most one link that is not revoked.
    """

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="learner_pages")
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.DateTimeField(
        null=True, blank=True, help_text="When the link stopped working (empty while it works)."
    )

    class Meta:
        ordering = ["schedule", "-created", "-pk"]
        constraints = [
            # secrets.token_urlsafe(32) gives 43 characters: never a short, guessable one.
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("token"), 32), name="learner_page_token_long"
            ),
            models.UniqueConstraint(
                fields=["schedule"],
                condition=Q(revoked__isnull=True),
                name="learner_page_one_live_link",
                violation_error_message="A schedule has one working learners' link at a time.",
            ),
        ]

    def __str__(self) -> str:
        return f"Learners' page of {self.schedule}"
