"""Changing one's password, resetting it by e-mail, and the password rules on every path
that sets one (the pages, createsuperuser, changepassword; seed_demo in its own tests)."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = "correct horse battery staple"
NEW = "plum-kettle-Orbit-93"
WEAK = ["password", "12345678"]


def change(client, new, new_again=None, old=OLD):
    data = {"old_password": old, "new_password1": new, "new_password2": new_again or new}
    return client.post(reverse("password_change"), data)


# Changing it


def test_the_header_links_a_signed_in_user_to_changing_their_password(client):
    client.force_login(UserFactory(instructor=True))
    html = client.get(reverse("schedules:dashboard")).content.decode()
    assert f'href="{reverse("password_change")}">Change password</a>' in html


def test_changing_the_password_needs_signing_in(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_change_page_lists_the_password_rules_as_sentences(client):
    client.force_login(UserFactory())
    html = client.get(reverse("password_change")).content.decode()
    assert "Your password must contain at least 8 characters." in html
    assert "<ul><li>Your password" not in html


def test_a_user_changes_their_password_and_stays_signed_in(client):
    user = UserFactory()
    client.force_login(user)
    response = change(client, NEW)
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert "Password changed" in client.get(reverse("password_change_done")).content.decode()


@pytest.mark.parametrize("weak", WEAK)
def test_the_change_page_refuses_a_weak_password(client, weak):
    user = UserFactory()
    client.force_login(user)
    response = change(client, weak)
    html = response.content.decode()
    assert response.status_code == 200
    assert "This password is too common." in html
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_the_change_page_refuses_a_wrong_current_password(client):
    client.force_login(UserFactory())
    response = change(client, NEW, old="not it")
    assert "Your old password was entered incorrectly" in response.content.decode()


# Resetting it by e-mail


def test_the_sign_in_page_offers_a_reset_by_e_mail(client):
    html = client.get(reverse("login")).content.decode()
    assert f'<a href="{reverse("password_reset")}">Forgot your password?</a>' in html


def ask_for_reset(client, email="ines@example.edu"):
    return client.post(reverse("password_reset"), {"email": email})


def reset_link(message) -> str:
    match = re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_a_reset_mails_a_link_that_starts_with_site_url(client, settings):
    UserFactory(username="ines", email="ines@example.edu")
    response = ask_for_reset(client)
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == ["ines@example.edu"]
    assert message.subject == "Reset your BlendPlan password"
    assert reset_link(message).startswith(settings.SITE_URL + "/accounts/password/reset/")
    assert "within 1 hour" in message.body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    UserFactory(username="ines", email="ines@example.edu")
    response = ask_for_reset(client, "someone@example.edu")
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def open_reset_link(client, settings):
    UserFactory(username="ines", email="ines@example.edu")
    ask_for_reset(client)
    path = reset_link(mail.outbox[0]).removeprefix(settings.SITE_URL)
    response = client.get(path, follow=True)
    assert "Choose a new password" in response.content.decode()
    return response.redirect_chain[-1][0]


@pytest.mark.parametrize("weak", WEAK)
def test_the_reset_page_refuses_a_weak_password(client, settings, weak):
    form_url = open_reset_link(client, settings)
    response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert get_user_model().objects.get(username="ines").check_password(OLD)


def test_a_reset_link_sets_the_password_once(client, settings):
    form_url = open_reset_link(client, settings)
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("password_reset_complete")
    assert get_user_model().objects.get(username="ines").check_password(NEW)
    again = client.get(reset_link(mail.outbox[0]).removeprefix(settings.SITE_URL), follow=True)
    assert "This link no longer works" in again.content.decode()


def test_setting_a_password_by_reset_lifts_the_sign_in_pause_on_the_username(client, settings):
    form_url = open_reset_link(client, settings)
    for _ in range(5):
        client.post(reverse("login"), {"username": "ines", "password": "wrong"})
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    response = client.post(reverse("login"), {"username": "ines", "password": NEW})
    assert response.status_code == 302


# The command line


def test_changepassword_refuses_weak_passwords_until_it_gives_up(monkeypatch):
    UserFactory(username="ines")
    tries = iter(["password", "password", "12345678", "12345678", "password", "password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(tries))
    with pytest.raises(CommandError, match="after 3 attempts"):
        call_command("changepassword", "ines", stdout=StringIO())
    assert get_user_model().objects.get(username="ines").check_password(OLD)


class TTY(StringIO):
    def isatty(self):
        return True


def test_createsuperuser_refuses_weak_passwords_unless_told_to_bypass(monkeypatch):
    tries = iter(["password", "password", "12345678", "12345678", NEW, NEW])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(tries))
    monkeypatch.setattr("builtins.input", lambda prompt="": "N")
    err = StringIO()
    call_command(
        "createsuperuser",
        username="root",
        email="root@example.edu",
        stdin=TTY(),
        stdout=StringIO(),
        stderr=err,
    )
    assert "This password is too common." in err.getvalue()
    assert "This password is entirely numeric." in err.getvalue()
    assert get_user_model().objects.get(username="root").check_password(NEW)
