"""The review workflow: frozen submitted versions, reviewers' comments, and the history."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

from blendplan.validators import validate_text
from schedules.models.blocks import Schedule

# A comment is read on a page and mailed: a long letter's worth, not a file's.
COMMENT_MAX_LENGTH = 5000


class ScheduleVersion(models.Model):
    """A schedule as it was submitted: numbered, immutable, with what it was judged on."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(
        help_text="Blocks, recommendation, rules version and findings at submission."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(
        blank=True,
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_text],
        help_text="What the instructor told the reviewers when submitting.",
    )
    # The pilot evidence this version answers (issue #16), copied at submission since pilot
    # data can be deleted: {"weeks": "weeks 1–2", "answered": [{"finding", "block",
    # "summary", "before", "after"}, …]}; empty when the version links none.
    pilot_evidence = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["schedule", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "number"], name="version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.schedule}"


class ReviewComment(models.Model):
    """A comment on a submitted version: on the whole schedule, or on one of its blocks.

    A reply belongs to the thread its ``parent`` starts; threads are one level deep (a reply
    to a reply joins the same thread), as in most review tools.
    """

    version = models.ForeignKey(ScheduleVersion, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment that starts the thread this one replies to.",
    )
    block_id = models.PositiveIntegerField(
        null=True, blank=True, help_text="The block (as numbered in the version) it is about."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(
        max_length=COMMENT_MAX_LENGTH,
        validators=[
            validate_text,
            MaxLengthValidator(
                COMMENT_MAX_LENGTH,
                message="Keep a comment to 5,000 characters or fewer (it has %(show_value)d).",
            ),
        ],
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_has_text"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), COMMENT_MAX_LENGTH),
                name="comment_length_limited",
                violation_error_message="A comment has at most 5,000 characters.",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.version}"


class ScheduleEvent(models.Model):
    """One thing that happened to a schedule, for its history."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        CHANGES_REQUESTED = "changes_requested", "Requested changes"
        APPROVED = "approved", "Approved"
        COMMENTED = "commented", "Commented"

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="events")
    version = models.ForeignKey(
        ScheduleVersion, null=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A decision's comment (what to change, or the approval's remark).
    comment = models.ForeignKey(
        ReviewComment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["submitted", "changes_requested", "approved", "commented"]),
                name="event_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.schedule}"
