"""The Rules page shows rule admins how far the worker is with moving every course to newly
published rules: polled by htmx while it runs, a summary once it is done."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from schedules.models import RecomputeJob, Schedule
from schedules.recommendations.recompute import recompute_recommendations
from tests.factories import UserFactory
from tests.schedules.recommendations.test_recompute import (
    DUMMY_TASKS,
    described_course,
    publish_row_1_at,
)

pytestmark = pytest.mark.django_db

POLL = 'hx-trigger="every 2s"'


@pytest.fixture
def admin(client):
    user = UserFactory(rule_admin=True)
    client.force_login(user)
    return user


@pytest.fixture
def queued(settings, django_capture_on_commit_callbacks) -> RecomputeJob:
    """Rules v2 published over three courses; the worker has not started."""
    settings.TASKS = DUMMY_TASKS
    for n in range(3):
        described_course(f"Course {n}")
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    return RecomputeJob.objects.get(ruleset=v2)


def progress(client, **headers: str) -> tuple[int, str]:
    response = client.get(reverse("schedules:recompute_progress"), headers=headers)
    if response.status_code == 200:
        assert "HX-Request" in response["Vary"]
    return response.status_code, response.content.decode()


def test_publishing_says_the_courses_are_recomputed_in_the_background(
    client, admin, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    described_course()
    client.post(reverse("schedules:draft_start"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schedules:draft_publish"), {"note": "Pilot results"}, follow=True
        )
    html = response.content.decode()
    assert "Published rules v2. It applies from now on" in html
    assert "Recomputing recommendations: 0 of 1 course" in html
    assert Schedule.objects.get().rules_version == 1  # the request did not recompute it


def test_while_the_worker_runs_the_fragment_polls_every_2_seconds(client, admin, queued):
    status, html = progress(client, **{"HX-Request": "true"})
    assert status == 200
    assert "<html" not in html
    assert "Recomputing recommendations: 0 of 3 courses" in html
    assert POLL in html
    assert "Waiting for the background worker to start." in html
    assert f'href="{reverse("schedules:recompute_progress")}"' in html  # Refresh, without JS


def test_the_fragment_shows_the_count_so_far_with_thousands_separated(client, admin, queued):
    RecomputeJob.objects.filter(pk=queued.pk).update(state="running", done=3200, total=10000)
    _, html = progress(client, **{"HX-Request": "true"})
    assert "Recomputing recommendations: 3,200 of 10,000 courses" in html
    assert 'max="10000" value="3200"' in html
    assert "Waiting for the background worker" not in html


def test_once_done_it_says_so_with_the_counts_and_stops_polling(client, admin, queued):
    recompute_recommendations.call(queued.pk)
    status, html = progress(client, **{"HX-Request": "true"})
    assert status == 200
    done = "Done: recomputed the recommendations of 3 courses; 3 changed their recommended share"
    assert done in html
    assert "hx-trigger" not in html
    assert "could not be recomputed" not in html


def test_the_courses_that_failed_are_listed(client, admin, queued):
    RecomputeJob.objects.filter(pk=queued.pk).update(
        failed=1, failures=[{"id": 7, "title": "Statics", "error": "Unknown time zone"}]
    )
    recompute_recommendations.call(queued.pk)
    _, html = progress(client, **{"HX-Request": "true"})
    assert "1 could not be recomputed" in html
    assert "Statics" in html
    assert "(course 7): Unknown time zone" in html


def test_the_page_shows_the_progress_too_and_can_be_left_and_come_back_to(client, admin, queued):
    for url in (reverse("schedules:recompute_progress"), reverse("schedules:rules")):
        html = client.get(url).content.decode()
        assert "<html" in html
        assert "Recomputing recommendations: 0 of 3 courses" in html
        assert POLL in html
        assert "You can leave this page" in html


def test_a_job_that_has_not_moved_for_minutes_says_the_worker_may_have_stopped(
    client, admin, queued
):
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        _, html = progress(client, **{"HX-Request": "true"})
    assert "the background worker may have stopped" in html
    assert "manage.py recompute_recommendations" in html
    assert POLL in html  # it goes on asking: a worker started again shows at once


@pytest.mark.parametrize("role", ["instructor", "reviewer"])
def test_the_progress_is_refused_to_everyone_but_rule_admins(client, queued, role):
    client.force_login(UserFactory(**{role: True}))
    for headers in ({"HX-Request": "true"}, {}):
        status, html = progress(client, **headers)
        assert status == 403
        assert "Only rule admins see how far" in html
        assert "Recomputing" not in html
    assert "Recomputing" not in client.get(reverse("schedules:rules")).content.decode()


def test_before_any_publishing_there_is_nothing_to_show(client, admin):
    status, html = progress(client, **{"HX-Request": "true"})
    assert status == 200
    assert html.strip() == '<div id="recompute-progress"></div>'


def test_a_course_page_says_its_recommendation_is_being_updated_until_the_worker_has_been(
    client, queued
):
    course = Schedule.objects.select_related("course__owner").earliest("pk").course
    client.force_login(course.owner)
    html = client.get(reverse("schedules:course_detail", args=[course.pk])).content.decode()
    assert "Being updated to rules v2: this is the recommendation of rules v1 until then." in html

    recompute_recommendations.call(queued.pk)

    html = client.get(reverse("schedules:course_detail", args=[course.pk])).content.decode()
    assert "Being updated" not in html
    assert "Updated by rules v2" in html
