"""API tokens as services and selectors: make one, revoke one, and find whose a token is.

A token is ``bp_`` and 43 random URL-safe characters (``secrets.token_urlsafe(32)``, 256
bits). Only its SHA-256 hash is stored: a stolen database gives no usable token, and since
the secret is random and long, a plain hash (no salt, no slow hashing) is enough, and lets
us find the token by an indexed lookup rather than comparing it with every stored one.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from schedules.models import ApiToken
from schedules.models.api_tokens import DEFAULT_TOKEN_LIFETIME, TOKEN_LIFETIMES

TOKEN_PREFIX = "bp_"
# The non-secret beginning kept for display: "bp_" and 6 random characters.
DISPLAY_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
# Recording every use would write to the database on every API call; once a minute is
# enough to tell a token in use from a forgotten one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def secret_hash(plaintext: str) -> str:
    """Return the SHA-256 of a token, as stored (hex)."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user: User, name: str, days: int = DEFAULT_TOKEN_LIFETIME
) -> tuple[ApiToken, str]:
    """Make a token for ``user`` that expires in ``days`` (one of ``TOKEN_LIFETIMES``) and
    return it with its plaintext, which is never stored.

    An expired token of the same name is revoked: its name is free again.
    """
    if days not in TOKEN_LIFETIMES:
        raise ValidationError({"expires_in": f"A token cannot last {days} days."})
    name = name.strip()
    now = timezone.now()
    same_name = ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True)
    if same_name.filter(expires__gt=now).exists():
        raise ValidationError({"name": f"You already have an active token called “{name}”."})
    same_name.update(revoked_at=now, revoked_by=user)
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=plaintext[:DISPLAY_PREFIX_LENGTH],
        secret_hash=secret_hash(plaintext),
        expires=now + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    return token, plaintext


def token_revoke(*, token: ApiToken, by: User) -> None:
    """Revoke ``token``: the API refuses it from now on. Revoking twice changes nothing."""
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.revoked_by = by
    token.save(update_fields=["revoked_at", "revoked_by"])


def user_for_token(plaintext: str) -> User | None:
    """Return the active user whose active (unrevoked, unexpired) token this is, or None;
    note when it was used."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return None
    wanted = secret_hash(plaintext)
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=wanted, revoked_at__isnull=True, expires__gt=now, user__is_active=True)
        .first()
    )
    # The lookup is by hash, so timing reveals nothing of the secret; compare in constant
    # time anyway, so that this does not depend on how the database compares strings.
    if token is None or not hmac.compare_digest(token.secret_hash, wanted):
        return None
    if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def expired_token(plaintext: str) -> ApiToken | None:
    """Return the token this is if it would be accepted but for having expired, else None
    (to tell its holder why the API refuses it)."""
    if not plaintext.startswith(TOKEN_PREFIX):
        return None
    return ApiToken.objects.filter(
        secret_hash=secret_hash(plaintext),
        revoked_at__isnull=True,
        expires__lte=timezone.now(),
        user__is_active=True,
    ).first()


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """Return ``user``'s tokens: active ones first, then revoked; newest first in each."""
    active_first = F("revoked_at").desc(nulls_first=True)
    return ApiToken.objects.filter(user=user).order_by(active_first, "-created", "-pk")


def get_token_for_user(user: User, pk: int) -> ApiToken:
    """Return token ``pk`` if it is ``user``'s own; Http404 otherwise (even for superusers:
    a token is its owner's to manage, and the admin site can revoke any)."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404("No such token.")
    return token
