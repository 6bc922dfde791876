"""A refused parameter is answered with 400 and its message; other bad requests are not."""

import pytest
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from blendplan.http import InvalidParameter, one_of
from blendplan.middleware import InvalidParameterMiddleware


def request(**headers):
    made = RequestFactory().get("/courses/1/blend/", {"week": "abc"}, headers=headers)
    made.htmx = HtmxDetails(made)  # type: ignore[attr-defined]  # as HtmxMiddleware does
    return made


def middleware():
    return InvalidParameterMiddleware(lambda request: HttpResponse())


def test_a_refused_parameter_is_a_page_with_its_message_and_a_way_back():
    response = middleware().process_exception(request(), InvalidParameter("No week “abc”."))
    assert response.status_code == 400
    html = response.content.decode()
    assert "No week “abc”." in html
    assert "Nothing was changed." in html
    assert 'href="/courses/1/blend/"' in html


def test_with_htmx_a_refused_parameter_is_the_message_alone():
    response = middleware().process_exception(
        request(HX_Request="true"), InvalidParameter("No week “abc”.")
    )
    assert response.status_code == 400
    assert response.content.decode().startswith('<div class="form-errors" role="alert">')


def test_a_history_restore_gets_the_page_and_every_answer_varies_on_htmx():
    restore = request(HX_Request="true", HX_History_Restore_Request="true")
    response = middleware().process_exception(restore, InvalidParameter("No week “abc”."))
    assert "<html" in response.content.decode()
    for asked in (request(), request(HX_Request="true"), restore):
        answer = middleware().process_exception(asked, InvalidParameter("No week “abc”."))
        assert "HX-Request" in answer["Vary"]


def test_other_bad_requests_are_left_to_django_without_their_message():
    assert middleware().process_exception(request(), BadRequest("internal detail")) is None


@pytest.mark.parametrize(
    ("choices", "words"),
    [([], ""), (["up"], "up"), (["up", "down"], "up or down"), (["a", "b", "c"], "a, b or c")],
)
def test_choices_read_as_words(choices, words):
    assert one_of(choices) == words
