"""One log line per request: its id (sent back as X-Request-ID), user, method, path without
query values or secrets, status, duration and query count; slow requests at WARNING."""

import logging
import uuid
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blendplan.log_format import REQUEST_ID, RequestIdFilter
from tests.factories import CalendarFeedFactory, CourseFactory, LearnerPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [record for record in caplog.records if record.name == "blendplan.requests"]


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.DEBUG, logger="blendplan.requests")
    return caplog


def test_each_request_is_one_line_with_who_asked_what_and_how_it_went(client, logged):
    user = UserFactory(instructor=True)
    course = CourseFactory(owner=user)
    client.force_login(user)
    url = reverse("schedules:editor", args=[course.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"week": "1"})
    [line] = request_lines(logged)
    assert line.levelno == logging.INFO
    assert line.event == "request"
    assert line.user_id == user.pk
    assert line.method == "GET"
    assert line.path == url
    assert line.view == "schedules:editor"
    assert line.status == 200
    assert line.duration_ms > 0
    assert line.queries == len(queries) > 0
    assert line.db_ms >= 0
    assert line.request_id == response["X-Request-ID"]
    assert line.getMessage().startswith(f"GET {url} 200 ")


def test_query_values_are_never_logged_only_their_names(client, logged):
    client.get(reverse("login"), {"next": "/courses/", "password": "hunter2-secret"})
    [line] = request_lines(logged)
    assert line.path == reverse("login")
    assert line.query_keys == "next,password"
    assert "hunter2-secret" not in str(vars(line))


def test_a_calendar_feeds_secret_address_is_not_logged(client, logged):
    feed = CalendarFeedFactory()
    client.get(reverse("schedules:calendar_feed", args=[feed.token]))
    [line] = request_lines(logged)
    assert line.path == "/feeds/<redacted>.ics"
    assert feed.token not in str(vars(line))


def test_a_learners_pages_secret_address_is_not_logged(client, logged):
    page = LearnerPageFactory()
    client.get(reverse("schedules:learner_page", args=[page.token]))
    [line] = request_lines(logged)
    assert line.path == "/l/<redacted>/"
    assert page.token not in str(vars(line))


def test_an_anonymous_request_has_no_user_id(client, logged):
    client.get(reverse("login"))
    [line] = request_lines(logged)
    assert line.user_id is None


def test_each_answer_carries_a_new_request_id(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert first != second
    assert uuid.UUID(hex=first)


def test_a_well_formed_incoming_request_id_is_kept(client, logged):
    response = client.get(reverse("login"), headers={"X-Request-ID": "0f1e2d3c4b5a69788796a5b4"})
    assert response["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4"
    assert request_lines(logged)[0].request_id == "0f1e2d3c4b5a69788796a5b4"


@pytest.mark.parametrize(
    "incoming",
    ["short", "has spaces in it", "line\nbreak-forged-entry", "x" * 200, '"quoted-value"'],
)
def test_a_malformed_incoming_request_id_is_replaced(client, incoming):
    response = client.get(reverse("login"), headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] != incoming
    assert uuid.UUID(hex=response["X-Request-ID"])


def test_what_is_logged_during_a_request_carries_its_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())  # as the console handler has (settings)
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch("blendplan.views.connection", broken):
        client.get(reverse("health"), headers={"X-Request-ID": "req-from-nginx-1234"})
    [problem] = [record for record in caplog.records if record.name == "blendplan.health"]
    assert problem.request_id == "req-from-nginx-1234"
    assert REQUEST_ID.get() == ""  # forgotten once the request is answered


def test_health_checks_are_logged_at_debug_unless_slow(client, logged):
    client.get(reverse("health"))
    [line] = request_lines(logged)
    assert line.levelno == logging.DEBUG


def test_a_slow_request_is_logged_at_warning_with_its_slowest_query(client, logged, settings):
    settings.SLOW_REQUEST_MS = -1  # every request is slow
    user = UserFactory(instructor=True)
    client.force_login(user)
    client.get(reverse("schedules:dashboard"))
    [line] = request_lines(logged)
    assert line.levelno == logging.WARNING
    assert line.slow is True
    assert line.slow_threshold_ms == -1
    assert line.slowest_query.startswith("SELECT")
    assert line.slowest_query_ms >= 0


def test_a_quick_request_is_not_slow(client, logged):
    client.get(reverse("login"))
    [line] = request_lines(logged)
    assert not hasattr(line, "slow")
