"""The Rules page's impact preview: a rule admin asks, the worker works it out while the page
shows how far it is (polled by htmx, or a Refresh link), and the result stays for when they
come back, marked when the draft has changed since."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from schedules.models import ImpactPreviewJob
from schedules.recommendations.impact import impact_preview_run
from tests.factories import UserFactory
from tests.schedules.recommendations.test_impact import draft_with_row_1_at, set_row_1
from tests.schedules.recommendations.test_recompute import (
    DUMMY_TASKS,
    described_course,
    queued_job_ids,
)

pytestmark = pytest.mark.django_db

POLL = 'hx-trigger="every 2s"'
HTMX = {"HX-Request": "true"}
PREVIEW = reverse("schedules:draft_preview")
PROGRESS = reverse("schedules:preview_progress")
RULES = reverse("schedules:rules")


@pytest.fixture
def admin(client):
    user = UserFactory(rule_admin=True)
    client.force_login(user)
    return user


@pytest.fixture
def draft(db):
    for n in range(3):
        described_course(f"Course {n}")
    return draft_with_row_1_at(80)


@pytest.fixture
def queued(settings):
    """Tasks go to a queue nobody works: the worker has not started."""
    settings.TASKS = DUMMY_TASKS


def ask(client, capture, **headers: str):
    with capture(execute=True):
        return client.post(PREVIEW, headers=headers)


def test_a_rule_admin_sees_the_courses_that_would_change_in_the_page(
    client, admin, draft, django_capture_on_commit_callbacks
):
    """Tasks run at once in tests: the preview is done when the answer comes."""
    response = ask(client, django_capture_on_commit_callbacks, **HTMX)

    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<div class="impact-preview" id="impact-preview"')
    # The fragment was rendered before the task ran; asked again, it has the result.
    html = client.get(PROGRESS, headers=HTMX).content.decode()
    assert "3 courses would change" in html
    for n in range(3):
        assert f"Course {n}" in html
    assert "+10 points" in html
    assert "Previewed over 3 courses" in html
    assert "Impact preview ready: 3 courses would change." in html  # said once, as a toast
    assert POLL not in html
    assert ">Preview the impact</button>" in html


def test_without_javascript_asking_goes_back_to_the_rules_page_at_the_preview(
    client, admin, draft, queued, django_capture_on_commit_callbacks
):
    response = ask(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == f"{RULES}#impact-preview"
    html = client.get(RULES).content.decode()
    assert "Working out the impact of the draft in the background." in html  # a message
    assert "Working out the impact: 0 of 3 courses gone through" in html
    assert f'href="{PROGRESS}"' in html  # Refresh, without JavaScript


def test_while_the_worker_is_at_it_the_fragment_polls_every_2_seconds(
    client, admin, draft, queued, django_capture_on_commit_callbacks
):
    html = ask(client, django_capture_on_commit_callbacks, **HTMX).content.decode()
    assert "Working out the impact: 0 of 3 courses gone through" in html
    assert POLL in html
    assert f'hx-get="{PROGRESS}"' in html
    assert "Waiting for the background worker to start." in html
    assert "You can leave this page" in html
    assert "Preview the impact</button>" not in html  # asking again would be the same job
    assert "Working out the impact of the draft in the background." in html  # a toast

    html = client.get(PROGRESS, headers=HTMX).content.decode()
    assert "data-announce" not in html  # nothing said at each poll

    ImpactPreviewJob.objects.update(state="running", done=2000, total=10000)
    html = client.get(PROGRESS, headers=HTMX).content.decode()
    assert "Working out the impact: 2,000 of 10,000 courses gone through" in html
    assert 'max="10000" value="2000"' in html
    assert "Waiting for the background worker" not in html


def test_asking_twice_while_it_runs_is_one_preview(
    client, admin, draft, queued, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks, **HTMX)
    ask(client, django_capture_on_commit_callbacks, **HTMX)

    assert ImpactPreviewJob.objects.count() == 1
    assert len(queued_job_ids(impact_preview_run.get_backend())) == 1


def test_the_result_is_there_when_the_admin_comes_back_and_says_when_the_draft_changed(
    client, admin, draft, queued, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks)
    impact_preview_run.call(ImpactPreviewJob.objects.get().pk)  # the worker, meanwhile

    html = client.get(RULES).content.decode()
    assert "3 courses would change" in html
    assert "The draft has changed since" not in html

    set_row_1(draft, 75)
    html = client.get(RULES).content.decode()
    assert "The draft has changed since this preview was asked for" in html
    assert "With the draft as it was then, 3 courses would have changed." in html
    assert "+10 points" not in html  # the list is not what the draft does now
    assert ">Preview the impact</button>" in html


def test_when_no_course_would_change_it_says_so(
    client, admin, queued, django_capture_on_commit_callbacks
):
    described_course()
    draft_with_row_1_at(70)  # as published
    ask(client, django_capture_on_commit_callbacks)
    impact_preview_run.call(ImpactPreviewJob.objects.get().pk)

    html = client.get(RULES).content.decode()
    assert "No course's recommendation would change." in html
    assert "would change</caption>" not in html


def test_a_preview_that_has_not_moved_for_minutes_says_the_worker_may_have_stopped(
    client, admin, draft, queued, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        html = client.get(PROGRESS, headers=HTMX).content.decode()
    assert "the background worker may have stopped" in html
    assert POLL in html  # it goes on asking: a worker started again shows at once
    assert ">Preview the impact</button>" in html  # or start over


def test_a_failed_preview_says_so_and_can_be_asked_for_again(
    client, admin, draft, queued, django_capture_on_commit_callbacks
):
    ask(client, django_capture_on_commit_callbacks)
    ImpactPreviewJob.objects.update(state="failed", error="Unknown time zone 'Mars/Olympus'")

    html = client.get(RULES).content.decode()
    assert "The preview could not be worked out" in html
    assert "Unknown time zone &#x27;Mars/Olympus&#x27;" in html
    assert ">Preview the impact</button>" in html


def test_asking_without_a_draft_is_not_found(client, admin):
    response = client.post(PREVIEW)
    assert response.status_code == 404
    assert not ImpactPreviewJob.objects.exists()


@pytest.mark.parametrize("role", ["instructor", "reviewer"])
def test_the_preview_is_refused_to_everyone_but_rule_admins(
    client, draft, queued, role, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(**{role: True}))
    for headers in (HTMX, {}):
        assert ask(client, django_capture_on_commit_callbacks, **headers).status_code == 403
        response = client.get(PROGRESS, headers=headers)
        assert response.status_code == 403
        assert "Only rule admins see the impact preview" in response.content.decode()
    assert not ImpactPreviewJob.objects.exists()
    assert "impact-preview" not in client.get(RULES).content.decode()
