"""The learner survey's pages: the instructors' page, results, CSV and delete (the course's
instructors only), and the learners' form at /s/<token>/ with every kind of bad input."""

import csv
import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from schedules.models import Survey, SurveyResponse
from schedules.survey.services import RATE_LIMIT
from tests.factories import CourseFactory, SurveyFactory, SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db

# A Wednesday in the survey's four weeks (SurveyFactory: 4 to 31 January 2027).
DURING = "2027-01-13 12:00Z"

VALID = {
    "timezone": "America/New_York",
    "availability": ["0-9", "0-10", "2-19"],
    "devices": ["laptop", "phone"],
    "connection": "variable",
    "needs": ["captions"],
    "other_need": "",
    "preference": "self_paced",
    "preference_reason": "I work shifts.",
    "comment": "",
}


@pytest.fixture
def survey():
    return SurveyFactory(course=CourseFactory(timezone="Europe/London"))


@pytest.fixture
def during():
    with time_machine.travel(DURING, tick=False):
        yield


def answer_url(survey: Survey) -> str:
    return reverse("schedules:survey_answer", args=[survey.token])


def page_url(survey: Survey, name: str) -> str:
    return reverse(f"schedules:{name}", args=[survey.course.pk, survey.pk])


# The learners' form


def test_a_learner_answers_without_an_account_and_their_hours_are_kept_in_utc(
    client, survey, during
):
    page = client.get(answer_url(survey))
    assert page.status_code == 200
    assert b"no name or e-mail address" in page.content
    assert b'name="csrfmiddlewaretoken"' in page.content
    response = client.post(answer_url(survey), VALID)
    assert response.status_code == 302
    assert response["Location"] == reverse("schedules:survey_thanks", args=[survey.token])
    saved = SurveyResponse.objects.get()
    assert saved.timezone == "America/New_York"
    # Monday 09:00 and 10:00, Wednesday 19:00 in New York (EST, UTC-5) in January.
    assert saved.availability_utc == [14, 15, 3 * 24]  # Wednesday 19:00 EST is Thursday 00:00 UTC
    assert saved.devices == ["laptop", "phone"]
    assert len(saved.sender) == 64
    assert "127.0.0.1" not in saved.sender


def test_the_form_asks_for_a_name_only_when_the_instructor_turned_that_on(client, during):
    anonymous = SurveyFactory()
    named = SurveyFactory(collect_identity=True)
    assert b'name="email"' not in client.get(answer_url(anonymous)).content
    assert b'name="email"' in client.get(answer_url(named)).content
    client.post(answer_url(anonymous), {**VALID, "name": "Ada", "email": "ada@example.org"})
    assert SurveyResponse.objects.get().name == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Mars/Olympus_Mons", "time zone"),
        ("availability", "7-3", "is not an hour of the week"),
        ("availability", "0-24", "is not an hour of the week"),
        ("devices", "smartwatch", "not one of the available choices"),
        ("connection", "fibre", "not one of the available choices"),
        ("comment", "x" * 1001, "At most 1000 characters"),
        ("comment", "<script>alert(1)</script>", "without HTML tags"),
        ("preference_reason", "a\x00b", "control character"),
    ],
)
def test_impossible_answers_are_refused_with_a_sentence_and_nothing_typed_is_lost(
    client, survey, during, field, value, message
):
    if field == "availability":
        value = ["0-9", value]
    response = client.post(answer_url(survey), {**VALID, field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert "Your answer was not sent" in response.content.decode()
    assert b'value="0-9" id="cell-0-9" checked' in response.content  # the grid is kept
    assert not SurveyResponse.objects.exists()


def test_a_megabyte_answer_is_refused_before_it_is_read(client, survey, during):
    response = client.post(answer_url(survey), {**VALID, "comment": "x" * 1_000_000})
    assert response.status_code == 413
    assert b"too long to send" in response.content
    assert not SurveyResponse.objects.exists()


def test_the_same_address_answering_again_and_again_is_stopped_at_the_limit(client, survey, during):
    for _ in range(RATE_LIMIT):
        assert client.post(answer_url(survey), VALID).status_code == 302
    refused = client.post(answer_url(survey), VALID)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert b"Too many answers from this network" in refused.content
    assert SurveyResponse.objects.count() == RATE_LIMIT
    # Another address still gets through: the count is per address.
    other = client.post(answer_url(survey), VALID, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_the_rate_limit_is_counted_in_the_database_so_every_server_shares_it(
    client, survey, during
):
    from schedules.survey.services import sender_hash

    SurveyResponseFactory.create_batch(RATE_LIMIT, survey=survey, sender=sender_hash("127.0.0.1"))
    assert client.post(answer_url(survey), VALID).status_code == 429


@pytest.mark.parametrize(
    ("change", "status", "sentence"),
    [
        ({"closed_at": "2027-01-10T00:00Z"}, 410, b"This survey is closed"),
        ({"revoked_at": "2027-01-10T00:00Z"}, 410, b"no longer works"),
        ({"closes": date(2027, 1, 12)}, 410, b"This survey is closed"),
        ({"opens": date(2027, 1, 20), "closes": date(2027, 1, 30)}, 403, b"opens on"),
    ],
)
def test_a_survey_that_is_not_open_refuses_answers_with_a_clear_page(
    client, survey, during, change, status, sentence
):
    Survey.objects.filter(pk=survey.pk).update(**change)
    for response in (client.get(answer_url(survey)), client.post(answer_url(survey), VALID)):
        assert response.status_code == status
        assert sentence in response.content
    assert not SurveyResponse.objects.exists()


def test_an_unknown_address_is_not_found(client, during):
    response = client.get(reverse("schedules:survey_answer", args=["x" * 43]))
    assert response.status_code == 404
    assert b"no survey at this address" in response.content


def test_the_form_needs_a_csrf_token(survey, during):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(answer_url(survey), VALID).status_code == 403
    assert not SurveyResponse.objects.exists()


# The instructors' pages


def test_an_instructor_opens_a_survey_and_gets_its_address_and_qr_code(client, during):
    course = CourseFactory()
    client.force_login(course.owner)
    url = reverse("schedules:survey_page", args=[course.pk])
    response = client.post(url, {"opens": "2027-01-13", "closes": "2027-01-20"})
    assert response.status_code == 302
    survey = Survey.objects.get(course=course)
    assert len(survey.token) >= 43
    page = client.get(url)
    assert answer_url(survey) in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    qr = client.get(page_url(survey, "survey_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


def test_dates_that_close_before_opening_are_refused(client, during):
    course = CourseFactory()
    client.force_login(course.owner)
    url = reverse("schedules:survey_page", args=[course.pk])
    response = client.post(url, {"opens": "2027-01-20", "closes": "2027-01-13"})
    assert response.status_code == 422
    assert b"close on or after the day it opens" in response.content
    assert not Survey.objects.exists()


def test_closing_and_revoking_work_at_once_and_a_new_survey_gets_a_new_address(
    client, survey, during
):
    client.force_login(survey.course.owner)
    client.post(page_url(survey, "survey_action"), {"action": "revoke"})
    assert client.post(answer_url(survey), VALID).status_code == 410
    client.post(
        reverse("schedules:survey_page", args=[survey.course.pk]),
        {"opens": "2027-01-13", "closes": "2027-01-20"},
    )
    new = Survey.objects.exclude(pk=survey.pk).get()
    assert new.token != survey.token
    assert client.post(answer_url(new), VALID).status_code == 302
    client.post(page_url(new, "survey_action"), {"action": "close"})
    assert client.post(answer_url(new), VALID).status_code == 410


def test_results_hold_back_groups_of_fewer_than_five(client, survey, during):
    SurveyResponseFactory.create_batch(6, survey=survey)
    SurveyResponseFactory.create_batch(
        2,
        survey=survey,
        timezone="Asia/Tokyo",
        devices=["phone"],
        needs=["screen_reader"],
        availability_utc=[100],  # Friday 04:00 UTC
    )
    client.force_login(survey.course.owner)
    html = client.get(page_url(survey, "survey_results")).content.decode()
    assert "8 answers" in html
    assert '<th scope="row">Europe/London</th><td>6</td>' in html
    assert '<th scope="row">Asia/Tokyo</th><td>fewer than 5</td>' in html
    assert '<th scope="row">Screen reader</th><td>fewer than 5</td><td>—</td>' in html
    # Monday 18:00 UTC is 18:00 in London in January: the six Londoners.
    assert '<td class="heat heat--3">6</td>' in html
    assert '<td class="heat heat--1"><abbr title="fewer than 5">&lt;5</abbr></td>' in html


def test_the_csv_neutralises_formulas_a_learner_typed(client, survey):
    SurveyResponseFactory(survey=survey, comment='=HYPERLINK("http://x")', other_need="+1")
    client.force_login(survey.course.owner)
    response = client.get(page_url(survey, "survey_export"))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["comment"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["other_need"] == "'+1"
    assert rows[0]["available_hours_local"] == "Mon18 Mon19 Wed18 Wed19"


def test_deleting_every_answer_asks_first(client, survey):
    SurveyResponseFactory.create_batch(3, survey=survey)
    client.force_login(survey.course.owner)
    url = page_url(survey, "survey_responses_delete")
    asked = client.get(url)
    assert b"Delete all 3 answers?" in asked.content
    assert SurveyResponse.objects.count() == 3
    assert client.post(url, {}).status_code == 200  # no answer yet: asks again
    assert SurveyResponse.objects.count() == 3
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("who", ["other_instructor", "reviewer", "anonymous"])
@pytest.mark.parametrize(
    "name", ["survey_results", "survey_export", "survey_responses_delete", "survey_qr"]
)
def test_only_the_courses_instructors_read_or_delete_answers(client, survey, who, name):
    SurveyResponseFactory(survey=survey, comment="Private.")
    if who != "anonymous":
        client.force_login(UserFactory(**{who.split("_")[-1]: True}))
    for response in (client.get(page_url(survey, name)), client.post(page_url(survey, name))):
        assert response.status_code in {302, 404, 405}
        assert b"Private." not in response.content
    assert SurveyResponse.objects.exists()


def test_a_survey_of_another_course_is_not_found_even_for_an_instructor(client, survey):
    mine = CourseFactory()
    client.force_login(mine.owner)
    url = reverse("schedules:survey_results", args=[mine.pk, survey.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("answers", [3, 30])
def test_the_results_page_costs_the_same_queries_however_many_answers(
    client, survey, django_assert_num_queries, answers
):
    SurveyResponseFactory.create_batch(answers, survey=survey)
    client.force_login(survey.course.owner)
    url = page_url(survey, "survey_results")
    client.get(url)  # warm the session and the user's groups
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_answering_costs_a_fixed_number_of_queries(
    client, survey, during, django_assert_num_queries
):
    with django_assert_num_queries(6):
        assert client.post(answer_url(survey), VALID).status_code == 302
