"""API tokens: made with a secret shown once, stored as a hash, refused once revoked."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from schedules.api.tokens import token_create, token_revoke, user_for_token
from schedules.models import ApiToken
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_new_token_is_stored_only_as_its_hash_and_a_short_prefix():
    user = UserFactory()
    token, plaintext = token_create(user=user, name="Moodle sync")
    stored = ApiToken.objects.get(pk=token.pk)
    assert plaintext.startswith("bp_")
    assert len(plaintext) > 40
    assert stored.secret_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext.startswith(stored.prefix)
    assert len(stored.prefix) == 9
    assert plaintext not in {getattr(stored, f.attname) for f in ApiToken._meta.fields}


def test_two_tokens_never_share_a_secret():
    user = UserFactory()
    _, first = token_create(user=user, name="One")
    _, second = token_create(user=user, name="Two")
    assert first != second


def test_a_token_identifies_its_user():
    token = ApiTokenFactory()
    assert user_for_token(token.plaintext) == token.user


@pytest.mark.parametrize(
    "sent", ["", "bp_not-a-token", "not-even-our-prefix", "bp_test-token-0000-wrong"]
)
def test_an_unknown_token_identifies_nobody(sent):
    ApiTokenFactory()
    assert user_for_token(sent) is None


def test_a_revoked_token_identifies_nobody():
    token = ApiTokenFactory()
    before = timezone.now()
    token_revoke(token=token, by=token.user)
    after = timezone.now()
    assert user_for_token(token.plaintext) is None
    token.refresh_from_db()
    assert before <= token.revoked_at <= after
    assert token.revoked_by == token.user


def test_an_expired_token_identifies_nobody():
    token = ApiTokenFactory(expired=True)
    assert user_for_token(token.plaintext) is None


@pytest.mark.parametrize("days", [0, 7, 3650])
def test_a_token_cannot_be_made_for_a_lifetime_not_offered(days):
    with pytest.raises(ValidationError):
        token_create(user=UserFactory(), name="Moodle sync", days=days)
    assert not ApiToken.objects.exists()


def test_revoking_twice_keeps_the_first_revocation():
    token = ApiTokenFactory(revoked=True)
    first = token.revoked_at
    token_revoke(token=token, by=UserFactory())
    token.refresh_from_db()
    assert token.revoked_at == first


def test_the_token_of_a_deactivated_user_identifies_nobody():
    token = ApiTokenFactory(user__is_active=False)
    assert user_for_token(token.plaintext) is None


def test_using_a_token_records_when_at_most_once_a_minute(django_assert_num_queries):
    token = ApiTokenFactory()
    before = timezone.now()
    with django_assert_num_queries(2):  # look up, then note the use
        user_for_token(token.plaintext)
    token.refresh_from_db()
    first_use = token.last_used
    assert before <= first_use <= timezone.now()
    with django_assert_num_queries(1):  # used a moment ago: no write
        user_for_token(token.plaintext)
    token.refresh_from_db()
    assert token.last_used == first_use


def test_a_use_more_than_a_minute_later_is_recorded():
    token = ApiTokenFactory(last_used=timezone.now() - timedelta(minutes=2))
    before = timezone.now()
    user_for_token(token.plaintext)
    token.refresh_from_db()
    assert before <= token.last_used <= timezone.now()


def test_a_name_is_required_and_unique_among_your_active_tokens():
    user = UserFactory()
    token_create(user=user, name="Moodle sync")
    with pytest.raises(ValidationError) as refused:
        token_create(user=user, name=" Moodle sync ")
    assert refused.value.message_dict == {
        "name": ["You already have an active token called “Moodle sync”."]
    }
    with pytest.raises(ValidationError) as refused:
        token_create(user=user, name="  ")
    assert "name" in refused.value.message_dict


def test_a_revoked_tokens_name_can_be_reused_and_other_users_names_do_not_clash():
    user = UserFactory()
    old, _ = token_create(user=user, name="Moodle sync")
    token_revoke(token=old, by=user)
    token_create(user=user, name="Moodle sync")
    token_create(user=UserFactory(), name="Moodle sync")
    assert ApiToken.objects.filter(name="Moodle sync").count() == 3
