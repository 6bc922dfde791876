"""Pilots: the first weeks of a course run as a trial, its readiness checklist and its
retrospective (seed 000: "Run a two-week pilot … and schedule a retrospective after two
iterations").

Everything a pilot keeps hangs off its ``Pilot`` row, so deleting that row deletes the
course's pilot data in one step (the privacy page promises it).
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from blendplan.validators import validate_line, validate_text
from courses.models import MAX_WEEKS
from schedules.models.blocks import ActivityBlock, Schedule

# seed 000: "Run a two-week pilot".
PILOT_DEFAULT_WEEKS = 2
NOTES_MAX_LENGTH = 5000
TICK_NOTE_MAX_LENGTH = 500
DECISION_MAX_LENGTH = 300


class PilotState(models.TextChoices):
    """Where a pilot stands: planning → running → reviewing → done."""

    PLANNING = "planning", "Planning"
    RUNNING = "running", "Running"
    REVIEWING = "reviewing", "Reviewing"
    DONE = "done", "Done"


# What an instructor does next, by state: the badge's companion on the course page and the
# dashboard (plain words, no query needed).
NEXT_STEPS = {
    PilotState.PLANNING: "Go through the readiness checklist, then start the pilot.",
    PilotState.RUNNING: "Run the pilot weeks, then end them to review what happened.",
    PilotState.REVIEWING: "Hold the retrospective: note what you saw and the decisions taken.",
    PilotState.DONE: "Revise the blend with the decisions taken.",
}


class Pilot(models.Model):
    """A course's pilot: which weeks, from when, and where it stands."""

    schedule = models.OneToOneField(Schedule, on_delete=models.CASCADE, related_name="pilot")
    first_week = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_WEEKS)]
    )
    last_week = models.PositiveSmallIntegerField(
        default=PILOT_DEFAULT_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WEEKS)],
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="The first day of the pilot's first week."
    )
    state = models.CharField(max_length=20, choices=PilotState, default=PilotState.PLANNING)
    retrospective_on = models.DateField("retrospective date", null=True, blank=True)
    notes = models.TextField(
        "retrospective notes",
        blank=True,
        max_length=NOTES_MAX_LENGTH,
        validators=[validate_text, MaxLengthValidator(NOTES_MAX_LENGTH)],
    )
    started = models.DateTimeField(null=True, blank=True)
    ended = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(first_week__gte=1) & Q(last_week__gte=F("first_week")),
                name="pilot_weeks_in_order",
                violation_error_message="A pilot runs from its first week to a later one.",
            ),
            models.CheckConstraint(
                condition=Q(state__in=PilotState.values), name="pilot_state_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Pilot of {self.schedule}"

    @property
    def weeks(self) -> range:
        """Return the pilot's weeks (1-based)."""
        return range(self.first_week, self.last_week + 1)

    @property
    def next_step(self) -> str:
        return NEXT_STEPS[PilotState(self.state)]


class ReadinessTick(models.Model):
    """A readiness item an instructor ticked by hand, with who, when and an optional note."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="ticks")
    item = models.CharField(max_length=40, help_text="The checklist item's key.")
    note = models.CharField(max_length=TICK_NOTE_MAX_LENGTH, blank=True, validators=[validate_line])
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "item"],
                name="readiness_tick_once_per_item",
                violation_error_message="This item is already ticked.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} ticked on {self.pilot}"


class DecisionStatus(models.TextChoices):
    """Where a retrospective's decision stands."""

    AGREED = "agreed", "Agreed"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class PilotDecision(models.Model):
    """A decision taken at the retrospective: a short text, the block it concerns, if any,
    and whether it was carried out."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(max_length=DECISION_MAX_LENGTH, validators=[validate_line])
    block = models.ForeignKey(
        ActivityBlock,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_decisions",
    )
    status = models.CharField(max_length=20, choices=DecisionStatus, default=DecisionStatus.AGREED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="pilot_decision_has_text",
                violation_error_message="Say what was decided.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=DecisionStatus.values), name="pilot_decision_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class PilotRevision(models.Model):
    """A suggested edit from the pilot's evidence that the instructor applied to a block: which
    finding it answered (the finding's key), the block, what changed (before and after, as
    the words shown), who applied it and when (issue #16: "Each suggestion applies as a draft
    edit the instructor reviews"). Deleted with the pilot's data.

    An undone edit is kept, marked with who undid it and when, so the record of what was
    tried stays; it is no longer applied, so no version links it from then on."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="revisions")
    finding_key = models.CharField(max_length=100)
    block = models.ForeignKey(
        ActivityBlock,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_revisions",
    )
    block_title = models.CharField(max_length=200)
    # The finding as it read when the edit was applied, with its figures.
    finding_message = models.CharField(max_length=500, blank=True)
    summary = models.CharField(max_length=300)
    before = models.JSONField(default=dict)  # {field label: value in words}
    after = models.JSONField(default=dict)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied = models.DateTimeField(auto_now_add=True)
    # The version submitted with this edit linked as the evidence it answers; None until then.
    version = models.ForeignKey(
        "schedules.ScheduleVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_revisions",
    )

    # What undoing needs: the fields the edit changed with their values before it (as the
    # block's fields read them back), and the block's version once it was applied. Empty and
    # None for an edit applied before undoing existed: that one is changed back in the editor.
    restore = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    block_version = models.PositiveIntegerField(null=True, blank=True)
    undone = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-applied", "-pk"]

    def __str__(self) -> str:
        return f"{self.block_title}: {self.summary}"

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        """Return each changed field as (label, before, after), in words."""
        return [(label, before, self.after.get(label, "")) for label, before in self.before.items()]

    @property
    def is_applied(self) -> bool:
        """Return whether the edit still stands (it was not undone)."""
        return self.undone is None
