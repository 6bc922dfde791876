"""Refusals and errors in the site's own pages, saying what happened and where to go."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

from schedules.reviews.services import schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gets_the_sites_not_found_page(client):
    client.force_login(UserFactory(instructor=True))
    response = client.get("/courses/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is nothing here" in html
    assert reverse("schedules:dashboard") in html


def test_a_refusal_says_why(client):
    """A reviewer who teaches the course may not decide on it: the 403 page says so."""
    reviewer = UserFactory(reviewer=True, instructor=True)
    course = CourseFactory(owner=reviewer)
    ActivityBlockFactory(schedule=course.schedule)
    version = schedule_submit(course=course, by=reviewer)
    client.force_login(reviewer)
    response = client.post(
        reverse("schedules:review_decide", args=[course.schedule.pk]),
        {"version": version.number, "decision": "approve", "comment": ""},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "You can't do this here" in html
    assert "another reviewer decides" in html
    assert "Nothing was changed" in html


def test_a_server_error_shows_a_page_that_needs_nothing_from_the_request():
    """500.html is rendered without context: it must not use the request or the database."""
    html = get_template("500.html").render()
    assert "Something went wrong on our side" in html
    assert "{%" not in html
