"""A draft's impact preview, worked out in the worker and kept for the Rules page.

A rule admin asks what a draft would change across every stored course; the worker goes
through them (``schedules.recommendations.impact``) and records its progress and, once
done, the courses whose recommendation would change. The job keeps the draft's spec as it
was asked about, and that spec's hash, so the page can say when the draft has changed since.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from schedules.models.rulesets import RuleSet

# Progress is recorded every 2,000 courses, about a second of work; a job that has not
# moved for this long has lost its worker (or is still waiting for one).
STALLED_AFTER = timedelta(minutes=2)


class ImpactPreviewJob(models.Model):
    """Working out which courses' recommendations one draft would change."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    draft = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="impact_previews")
    # The draft's spec when the preview was asked for, and its SHA-256 (of the JSON with
    # sorted keys): the result is this spec's, whatever the draft has become since.
    spec = models.JSONField()
    spec_hash = models.CharField(max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=12, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0, help_text="Courses there were when asked.")
    done = models.PositiveIntegerField(default=0, help_text="Courses gone through so far.")
    changed = models.PositiveIntegerField(
        default=0, help_text="Courses whose recommended share would change."
    )
    # The courses that would change, biggest change first:
    # [{"course_id", "title", "owner", "before", "after"}].
    result = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, help_text="Why the preview stopped, if it did.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "finished", "failed"]),
                name="impact_preview_state_known",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="impact_preview_done_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"Impact preview of {self.draft}: {self.done} of {self.total}"

    @property
    def is_active(self) -> bool:
        """Whether the worker still has courses to go through."""
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def is_stalled(self) -> bool:
        """Whether the job should be moving but has not for ``STALLED_AFTER``."""
        return self.is_active and self.updated < timezone.now() - STALLED_AFTER
