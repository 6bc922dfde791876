"""Per-user API tokens for the read-only JSON API: only a hash of the secret is stored."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from blendplan.validators import validate_line

TOKEN_NAME_MAX_LENGTH = 60
# How long a new token may last, in days (the owner chooses), and the default. No "never":
# a token leaked in a forgotten script should stop working on its own.
TOKEN_LIFETIMES = {30: "30 days", 90: "90 days", 365: "1 year"}
DEFAULT_TOKEN_LIFETIME = 90


class ApiToken(models.Model):
    """A token a user made to call the API as themselves, until it expires or they revoke it.

    The plaintext is shown once, when the token is made; the database keeps its SHA-256
    hash (to find the token by) and a short prefix (to tell tokens apart on the page).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=TOKEN_NAME_MAX_LENGTH,
        validators=[validate_line],
        help_text="What the token is for, e.g. “Moodle sync”.",
    )
    prefix = models.CharField(
        max_length=16, help_text="The first characters of the token, which are not secret."
    )
    secret_hash = models.CharField(
        max_length=64, unique=True, help_text="SHA-256 of the token, hex: never the token."
    )
    created = models.DateTimeField(auto_now_add=True)
    # Every token expires (OWASP ASVS: no everlasting credentials); its owner chose when.
    expires = models.DateTimeField(help_text="From then on the API refuses the token.")
    last_used = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_active_name_unique",
                violation_error_message="You already have an active token with this name.",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user}"

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()

    @property
    def is_active(self) -> bool:
        """Whether the API accepts the token: neither revoked nor expired."""
        return self.revoked_at is None and not self.is_expired
