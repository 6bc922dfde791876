"""Stored, versioned recommendation rule sets that rule admins edit.

The rule set itself is JSON validated by ``schedules.rules.spec.RuleSetSpec``; this model
keeps its versions. Exactly one version is published at a time and at most one draft is
being edited; published versions are never changed again, only retired when a newer one
is published.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from blendplan.validators import validate_line


class RuleSet(models.Model):
    """One version of the recommendation rules."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text="Numbered when published: v1, v2, …"
    )
    spec = models.JSONField(help_text="The rules, as validated by RuleSetSpec.")
    note = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_line],
        help_text="What changed and why, for the history.",
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-version", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="published"),
                name="ruleset_one_published",
                violation_error_message="Only one rule set can be published at a time.",
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="draft"),
                name="ruleset_one_draft",
                violation_error_message="There is already a draft; edit that one.",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(version__isnull=False, published_at__isnull=False),
                name="ruleset_published_has_version",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "retired"]),
                name="ruleset_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"Rules v{self.version}" if self.version else "Rules draft"

    @property
    def label(self) -> str:
        return str(self)
