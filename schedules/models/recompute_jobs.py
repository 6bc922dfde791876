"""The progress of moving every course's stored recommendation to a newly published rule set.

Publishing queues the work (``schedules.recommendations.recompute``) and makes one job per
published version; the worker records its progress here batch by batch, so the Rules page
can show it, and a rerun carries on from where the last committed batch stopped.
"""

from datetime import timedelta

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from schedules.models.rulesets import RuleSet

# A batch takes a second or two; a job that has not moved for this long has lost its worker.
STALLED_AFTER = timedelta(minutes=5)


class RecomputeJob(models.Model):
    """Recomputing every course's recommendation under one published rule set."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        # A newer version was published before this one's job finished; that job does it.
        SUPERSEDED = "superseded", "Superseded"

    ruleset = models.OneToOneField(RuleSet, on_delete=models.CASCADE, related_name="recompute_job")
    state = models.CharField(max_length=12, choices=State, default=State.QUEUED)
    # The courses there were when the rules were published (ids up to ``last_course_id``);
    # courses made later get the new rules as they are saved.
    total = models.PositiveIntegerField(default=0)
    last_course_id = models.PositiveBigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0, help_text="Courses gone through so far.")
    # Where the next batch starts: the id of the last course a committed batch went through.
    cursor = models.PositiveBigIntegerField(default=0)
    changed = models.PositiveIntegerField(
        default=0, help_text="Courses whose recommended share moved."
    )
    failed = models.PositiveIntegerField(default=0)
    # The courses that could not be recomputed: [{"id", "title", "error"}], the first 100.
    failures = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, help_text="Why the job stopped, if it did.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "finished", "superseded"]),
                name="recompute_job_state_known",
            ),
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="recompute_job_done_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"Recomputing for {self.ruleset}: {self.done} of {self.total}"

    @property
    def is_active(self) -> bool:
        """Whether the worker still has courses to go through."""
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def is_stalled(self) -> bool:
        """Whether the job should be moving but has not for ``STALLED_AFTER``."""
        return self.is_active and self.updated < timezone.now() - STALLED_AFTER
