"""The API tokens page: make a token and see it once, revoke one, and mistakes explained."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from schedules.api.tokens import user_for_token
from schedules.models import ApiToken
from tests.factories import ApiTokenFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("schedules:api_tokens")
CREATE = reverse("schedules:api_token_create")


@pytest.fixture
def user(client):
    user = UserFactory(instructor=True)
    client.force_login(user)
    return user


def test_the_page_lists_your_tokens_only_with_prefix_and_status(client, user):
    ApiTokenFactory(user=user, name="Moodle sync", plaintext="bp_Moodle123-secret-part")
    ApiTokenFactory(user=user, name="Old script", revoked=True)
    ApiTokenFactory(name="Someone else's")
    html = client.get(PAGE).content.decode()
    assert "Moodle sync" in html
    assert "bp_Moodle…" in html
    assert "secret-part" not in html
    assert "Old script" in html
    assert "Revoked" in html
    assert "Someone else" not in html
    assert "Authorization: Bearer" in html
    assert "/api/v1/openapi.json" in html


def test_the_navigation_links_to_the_page(client, user):
    assert f'href="{PAGE}"' in client.get(reverse("schedules:dashboard")).content.decode()


def test_a_new_token_is_shown_once_and_works(client, user):
    response = client.post(CREATE, {"name": "Moodle sync"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    html = response.content.decode()
    start = html.index('value="bp_') + len('value="')
    plaintext = html[start : html.index('"', start)]
    assert user_for_token(plaintext) == user
    assert "only time it is shown" in html
    again = client.get(PAGE).content.decode()
    assert plaintext not in again
    assert token.prefix in again
    assert plaintext not in str(dict(client.session))


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", "Give the token a name"),
        ("x" * 61, "Keep the name to 60 characters or fewer (it has 61)."),
        ("Moodle sync", "You already have an active token called “Moodle sync”."),
    ],
)
def test_a_bad_name_is_refused_next_to_the_field(client, user, name, error):
    ApiTokenFactory(user=user, name="Moodle sync")
    response = client.post(CREATE, {"name": name})
    assert response.status_code == 422
    html = response.content.decode()
    assert error in html
    assert 'class="field__error"' in html
    assert ApiToken.objects.filter(user=user).count() == 1
    assert 'value="bp_' not in html


def test_revoking_asks_first_then_the_api_refuses_the_token(client, user):
    token = ApiTokenFactory(user=user, name="Moodle sync")
    url = reverse("schedules:api_token_revoke", args=[token.pk])
    confirm = client.get(url).content.decode()
    assert "Revoke “Moodle sync”?" in confirm
    assert user_for_token(token.plaintext) == user  # asking changed nothing
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert user_for_token(token.plaintext) is None
    page = client.get(PAGE).content.decode()
    assert "revoked: the API refuses it from now on" in page


def test_another_users_token_cannot_be_seen_or_revoked(client, user):
    token = ApiTokenFactory()
    url = reverse("schedules:api_token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert user_for_token(token.plaintext) == token.user


def test_the_page_needs_signing_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Expiry


def test_a_new_token_expires_after_the_lifetime_chosen(client, user):
    with time_machine.travel(datetime(2027, 3, 5, 12, 0, tzinfo=UTC), tick=False):
        client.force_login(user)  # a session from today's clock
        response = client.post(CREATE, {"name": "Moodle sync", "expires_in": "365"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.expires == datetime(2028, 3, 4, 12, 0, tzinfo=UTC)


def test_the_form_offers_30_90_and_365_days_with_90_chosen(client, user):
    html = client.get(PAGE).content.decode()
    assert '<option value="30">30 days</option>' in html
    assert '<option value="90" selected>90 days</option>' in html
    assert '<option value="365">1 year</option>' in html
    assert "never" not in html.lower()


def test_a_token_made_without_a_lifetime_lasts_90_days(client, user):
    with time_machine.travel(datetime(2027, 3, 5, 12, 0, tzinfo=UTC), tick=False):
        client.force_login(user)
        client.post(CREATE, {"name": "Moodle sync"})
    assert ApiToken.objects.get(user=user).expires == datetime(2027, 6, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("lifetime", ["0", "7", "never", "36500"])
def test_the_form_refuses_a_lifetime_it_does_not_offer(client, user, lifetime):
    response = client.post(CREATE, {"name": "Moodle sync", "expires_in": lifetime})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose when the token expires: after 30 days, 90 days or 1 year." in html
    assert not ApiToken.objects.exists()


def test_the_page_shows_when_each_token_expires_or_that_it_has(client, user):
    ApiTokenFactory(user=user, name="Moodle sync", expires=datetime(2027, 3, 5, 9, 0, tzinfo=UTC))
    ApiTokenFactory(user=user, name="Old script", expires=datetime(2027, 1, 9, 9, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2027, 1, 10, tzinfo=UTC), tick=False):
        client.force_login(user)
        html = client.get(PAGE).content.decode()
    moodle = html[html.index("Moodle sync") : html.index("</tr>", html.index("Moodle sync"))]
    old = html[html.index("Old script") : html.index("</tr>", html.index("Old script"))]
    assert '<td data-label="Expires">5 Mar 2027</td>' in moodle
    assert "Active" in moodle
    assert "Revoke…" in moodle
    assert "Expired" in old
    assert "Revoke…" not in old


def test_an_expired_tokens_name_can_be_used_again(client, user):
    old = ApiTokenFactory(user=user, name="Moodle sync", expired=True)
    response = client.post(CREATE, {"name": "Moodle sync", "expires_in": "30"})
    assert response.status_code == 200
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 1
