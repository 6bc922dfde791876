"""An instructor's decision to set a blend finding aside, with the reason reviewers will see."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q

from blendplan.validators import validate_text
from schedules.models.blocks import Schedule

REASON_MAX_LENGTH = 2000


class FindingDismissal(models.Model):
    """A finding of the blend checks dismissed for one schedule, with why."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="dismissals")
    key = models.CharField(
        max_length=120, help_text="The finding's stable key: its check id and block, if any."
    )
    check_id = models.CharField(max_length=60)
    message = models.CharField(max_length=1000, help_text="The finding as it read when dismissed.")
    reason = models.TextField(
        max_length=REASON_MAX_LENGTH,
        validators=[validate_text, MaxLengthValidator(REASON_MAX_LENGTH)],
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "key"],
                name="dismissal_once_per_finding",
                violation_error_message="This finding is already dismissed.",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="dismissal_has_reason",
                violation_error_message="Say why the finding does not apply.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_id} dismissed on {self.schedule}"
