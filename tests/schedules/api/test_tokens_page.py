"""The API tokens page: make a token and see it once, revoke one, and mistakes explained."""

import pytest
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
