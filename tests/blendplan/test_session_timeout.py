"""Sessions end after 2 hours without activity, and 12 hours after signing in at the latest,
and the sign-in page says why."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from blendplan.middleware import LAST_ACTIVITY_KEY, SIGNED_IN_AT_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def signed_in(client, clock):
    client.force_login(UserFactory(instructor=True))
    assert client.get(reverse("schedules:dashboard")).status_code == 200
    return client


def test_two_hours_without_activity_sign_you_out_and_the_sign_in_page_says_so(signed_in, clock):
    clock.shift(timedelta(hours=2, minutes=1))
    response = signed_in.get(reverse("schedules:dashboard"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "You were signed out after 2 hours without activity." in html
    assert "_auth_user_id" not in signed_in.session


def test_a_request_within_two_hours_keeps_the_session(signed_in, clock):
    for _ in range(4):
        clock.shift(timedelta(hours=1, minutes=55))
        assert signed_in.get(reverse("schedules:dashboard")).status_code == 200


def test_a_session_ends_twelve_hours_after_signing_in_however_active(signed_in, clock):
    for _ in range(11):
        clock.shift(timedelta(hours=1))
        assert signed_in.get(reverse("schedules:dashboard")).status_code == 200
    clock.shift(timedelta(hours=1, minutes=1))
    response = signed_in.get(reverse("schedules:dashboard"), follow=True)
    assert "You were signed out 12 hours after signing in." in response.content.decode()


def test_the_idle_limit_is_a_setting(signed_in, clock, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    clock.shift(timedelta(minutes=31))
    response = signed_in.get(reverse("schedules:dashboard"), follow=True)
    assert "You were signed out after 30 minutes without activity." in response.content.decode()


def test_requests_a_few_seconds_apart_do_not_rewrite_the_session(signed_in, clock):
    stamp = signed_in.session[LAST_ACTIVITY_KEY]
    clock.shift(timedelta(seconds=30))
    signed_in.get(reverse("schedules:dashboard"))
    assert signed_in.session[LAST_ACTIVITY_KEY] == stamp
    clock.shift(timedelta(seconds=31))
    signed_in.get(reverse("schedules:dashboard"))
    assert signed_in.session[LAST_ACTIVITY_KEY] == stamp + 61


def test_signing_in_stamps_the_session_so_the_first_page_writes_nothing_more(client, clock):
    UserFactory(username="ines", instructor=True)
    client.post(reverse("login"), {"username": "ines", "password": "correct horse battery staple"})
    stamped = dict(client.session)
    assert stamped[LAST_ACTIVITY_KEY] == stamped[SIGNED_IN_AT_KEY] == int(START.timestamp())
    response = client.get(reverse("schedules:dashboard"))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
