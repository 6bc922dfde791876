"""No log line holds a link token: the address of a learners' page, a survey, a calendar
feed or a password reset is its key, so Django's own warnings ("Not Found: /l/…",
"Gone: /s/…", runserver's request lines, CSRF refusals) are redacted like our request log."""

import json
import logging
import sys
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from blendplan.log_format import JsonFormatter, KeyValueFormatter, redact_tokens
from schedules.models.tokens import new_link_token
from tests.factories import LearnerPageFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def every_line(caplog) -> str:
    """Each record as caplog shows it and as both of our formatters write it."""
    formatters = [JsonFormatter(), KeyValueFormatter()]
    return "\n".join(
        [caplog.text]
        + [formatter.format(record) for record in caplog.records for formatter in formatters]
    )


def test_an_unknown_learners_page_token_is_not_found_and_never_logged(client, logged):
    token = new_link_token()
    response = client.get(reverse("schedules:learner_page", args=[token]))
    assert response.status_code == 404
    assert any(r.name == "django.request" for r in logged.records)  # "Not Found: …"
    assert token not in every_line(logged)
    assert "/l/<redacted>/" in logged.text


def test_a_revoked_learners_page_is_gone_and_its_token_never_logged(client, logged):
    page = LearnerPageFactory(withdrawn=True)
    response = client.get(reverse("schedules:learner_page", args=[page.token]))
    assert response.status_code == 410
    assert any(r.name == "django.request" and r.status_code == 410 for r in logged.records)
    assert page.token not in every_line(logged)


def test_a_closed_surveys_token_is_never_logged(client, logged):
    survey = SurveyFactory(opens=date(2020, 1, 6), closes=date(2020, 1, 31))
    response = client.get(reverse("schedules:survey_answer", args=[survey.token]))
    assert response.status_code == 410
    assert survey.token not in every_line(logged)
    request_line = next(r for r in logged.records if r.name == "blendplan.requests")
    assert request_line.path == "/s/<redacted>/"


def test_an_unknown_calendar_feed_token_is_never_logged(client, logged):
    token = new_link_token()
    response = client.get(reverse("schedules:calendar_feed", args=[token]))
    assert response.status_code == 404
    assert token not in every_line(logged)


def test_a_survey_answer_refused_for_its_csrf_token_does_not_log_the_address(logged):
    survey = SurveyFactory()
    response = Client(enforce_csrf_checks=True).post(
        reverse("schedules:survey_answer", args=[survey.token]), {}
    )
    assert response.status_code == 403
    assert any(r.name == "django.security.csrf" for r in logged.records)
    assert survey.token not in every_line(logged)


def test_runservers_request_line_is_redacted(logged):
    token = new_link_token()
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET /feeds/{token}.ics HTTP/1.1", "404", "58"
    )
    assert token not in every_line(logged)
    assert '"GET /feeds/<redacted>.ics HTTP/1.1" 404 58' in logged.text


def test_a_traceback_naming_a_token_address_is_redacted():
    token = new_link_token()
    try:
        raise ValueError(f"while serving /l/{token}/")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "", 0, "failed", None, None)
        record.exc_info = sys.exc_info()
    assert token not in JsonFormatter().format(record)
    assert token not in KeyValueFormatter().format(record)


def _is_secret(argument: str) -> bool:
    return "token" in argument and not argument.endswith("_pk")  # an API token's id is not


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry.url_patterns, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def test_every_url_with_a_token_argument_is_redacted():
    """A new token URL (an argument named like a token) fails here until redact_tokens
    covers it."""
    token = new_link_token()
    covered = []
    for name, pattern in _patterns(get_resolver().url_patterns):
        arguments = pattern.pattern.regex.groupindex
        if not any(_is_secret(argument) for argument in arguments):
            continue
        kwargs = {a: token if _is_secret(a) else "MQ" for a in arguments}
        path = reverse(name, kwargs=kwargs)
        assert token not in redact_tokens(path), path
        covered.append(name)
    assert {
        "schedules:learner_page",
        "schedules:survey_answer",
        "schedules:survey_thanks",
        "schedules:calendar_feed",
        "password_reset_confirm",
    } <= set(covered)


@pytest.mark.parametrize(
    "path",
    ["/accounts/password/reset/sent/", "/courses/12/calendar-feed/", "/sources/", "/s/", "/l/"],
)
def test_addresses_without_a_secret_are_logged_as_they_are(path):
    assert redact_tokens(path) == path


def test_djangos_not_found_line_carries_the_id_of_its_request(client, logged):
    response = client.get(reverse("schedules:learner_page", args=[new_link_token()]))
    [not_found] = [r for r in logged.records if r.name == "django.request"]
    console = next(h for h in logging.getLogger().handlers if h.name == "console")
    console.filter(not_found)  # as settings.LOGGING's handler does before writing it
    line = json.loads(JsonFormatter().format(not_found))
    assert line["request_id"] == response["X-Request-ID"]
