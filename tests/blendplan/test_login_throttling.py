"""Sign-in throttling (OWASP ASVS 6.3.1): five failures lock a username, or an address, for
15 minutes; a locked sign-in is refused without checking the password."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import hashers
from django.core.management import call_command
from django.urls import reverse

from tests.blendplan.test_security import manage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


def sign_in(client, username, password="wrong", address="203.0.113.5", url=None, **extra):
    data = {"username": username, "password": password}
    return client.post(url or reverse("login"), data, REMOTE_ADDR=address, **extra)


def fail_five_times(client, username="ines", address="203.0.113.5"):
    statuses = [sign_in(client, username, address=address).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_four_wrong_passwords_still_let_the_right_one_in(client):
    UserFactory(username="ines")
    for _ in range(4):
        sign_in(client, "ines")
    assert sign_in(client, "ines", PASSWORD).status_code == 302


def test_the_fifth_wrong_password_pauses_sign_in_saying_how_long_and_whom_to_ask(client):
    UserFactory(username="ines")
    for _ in range(4):
        sign_in(client, "ines")
    response = sign_in(client, "ines")
    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Sign-in paused" in html
    assert "5 failed sign-in attempts in a row" in html
    assert "paused for 15 minutes" in html
    assert "ask your BlendPlan administrator to unlock your account" in html


def test_while_locked_the_right_password_is_refused_unchecked(client, monkeypatch):
    UserFactory(username="ines")
    fail_five_times(client)
    hashed: list[str] = []

    def spy(name):
        real = getattr(hashers, name)

        def counting(*args, **kwargs):
            hashed.append(name)
            return real(*args, **kwargs)

        return counting

    # Every password check, and the dummy hash for an unknown username, goes through these.
    for name in ("check_password", "make_password"):
        monkeypatch.setattr(f"django.contrib.auth.base_user.{name}", spy(name))
    sign_in(client, "nobody", address="192.0.2.1")  # the spies see a check when not locked
    assert hashed == ["make_password"]
    hashed.clear()

    response = sign_in(client, "ines", PASSWORD)
    assert response.status_code == 429
    assert hashed == []
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_usernames_is_paused(client):
    UserFactory(username="ines")
    for n in range(5):
        sign_in(client, f"guess{n}", address="198.51.100.9")
    response = sign_in(client, "ines", PASSWORD, address="198.51.100.9")
    assert response.status_code == 429
    assert sign_in(client, "ines", PASSWORD, address="203.0.113.5").status_code == 302


def test_one_username_attacked_from_many_addresses_is_paused(client):
    UserFactory(username="ines")
    for n in range(5):
        sign_in(client, "ines", address=f"198.51.100.{n}")
    assert sign_in(client, "ines", PASSWORD, address="203.0.113.77").status_code == 429


def test_without_a_trusted_proxy_a_forged_x_forwarded_for_does_not_dodge_the_pause(client):
    UserFactory(username="ines")
    for n in range(5):
        sign_in(client, f"guess{n}", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = sign_in(client, "ines", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_the_pause_ends_after_15_minutes(client):
    UserFactory(username="ines")
    with time_machine.travel(START, tick=False) as clock:
        fail_five_times(client)
        clock.shift(timedelta(minutes=14))
        assert sign_in(client, "ines", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=1, seconds=1))
        assert sign_in(client, "ines", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_paused_the_same_way(client):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        sign_in(client, "root", url=url)
    response = sign_in(client, "root", PASSWORD, url=url)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()


def test_each_failure_is_logged_with_username_and_address_not_password(client, caplog):
    UserFactory(username="ines")
    with caplog.at_level(logging.WARNING, logger="axes"):
        sign_in(client, "ines", password="hunter2-secret")
        sign_in(client, "ines", password="hunter2-secret")
    failures = [r.getMessage() for r in caplog.records if "login failure" in r.getMessage()]
    assert len(failures) == 2
    assert 'username: "ines"' in failures[0]
    assert 'ip_address: "203.0.113.5"' in failures[0]
    assert "hunter2-secret" not in caplog.text


def test_an_administrator_unlocks_a_username_with_axes_reset_username(client):
    UserFactory(username="ines")
    fail_five_times(client)
    call_command("axes_reset_username", "ines", stdout=None)
    assert sign_in(client, "ines", PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_address_is_the_one_it_appended_to_x_forwarded_for():
    code = (
        "from django.test import RequestFactory\n"
        "from axes.helpers import get_client_ip_address as ip\n"
        "meta = {'REMOTE_ADDR': '10.0.0.1', 'HTTP_X_FORWARDED_FOR': '6.6.6.6, 203.0.113.9'}\n"
        "print(ip(RequestFactory().post('/accounts/login/', **meta)))\n"
    )
    behind = manage("shell", "-c", code, env={"TRUSTED_PROXY_COUNT": "1"})
    direct = manage("shell", "-c", code, env={})
    # (The shell may first say which objects it imported: the address is the last line.)
    assert behind.stdout.splitlines()[-1] == "203.0.113.9", behind.stderr
    assert direct.stdout.splitlines()[-1] == "10.0.0.1", direct.stderr
