"""/health/ answers load balancers (GET and HEAD) and reports the background worker's queue:
"degraded" but still 200 when the worker is late, 503 only when the database is gone."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_TASKS_LATE_SECONDS = 300


def queued(*, waited: timedelta, status: str = "READY", deferred: bool = False, **fields):
    """Store a task result whose wait began ``waited`` ago (queued then, or due then)."""
    began = timezone.now() - waited
    result = DBTaskResult.objects.create(
        task_path="blendplan.mail.deliver_mail",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        status=status,
        run_after=began if deferred else get_date_max(),
        **fields,
    )
    # enqueued_at is set on create (auto_now_add): move it back.
    DBTaskResult.objects.filter(pk=result.pk).update(
        enqueued_at=began - timedelta(hours=1) if deferred else began
    )
    return result


def test_the_health_check_answers_head_for_load_balancers(client):
    response = client.head(reverse("health"))
    assert response.status_code == 200
    assert response.content == b""


def test_the_health_check_refuses_a_post(client):
    assert client.post(reverse("health")).status_code == 405


def test_the_health_check_is_never_cached(client):
    assert "no-store" in client.get(reverse("health"))["Cache-Control"]


def test_without_a_database_queue_the_health_check_reports_the_database_alone(client):
    # The test settings run tasks at once (Django's immediate backend): no queue to report.
    assert client.get(reverse("health")).json() == {"status": "ok", "database": "ok"}


@pytest.mark.usefixtures("database_queue")
def test_an_empty_queue_is_healthy(client):
    assert client.get(reverse("health")).json() == {
        "status": "ok",
        "database": "ok",
        "tasks": {"ready": 0, "oldest_ready_age_seconds": 0.0, "failed_last_hour": 0},
    }


@pytest.mark.usefixtures("database_queue")
def test_the_queue_reports_ready_tasks_and_how_long_the_oldest_has_waited(client):
    queued(waited=timedelta(seconds=30))
    queued(waited=timedelta(seconds=90))
    queued(waited=timedelta(seconds=600), status="RUNNING")  # a worker has it
    response = client.get(reverse("health"))
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "ok"
    assert answer["tasks"]["ready"] == 2
    assert 90 <= answer["tasks"]["oldest_ready_age_seconds"] < 150


@pytest.mark.usefixtures("database_queue")
def test_a_deferred_task_waits_from_when_it_fell_due_and_one_not_yet_due_is_not_ready(client):
    queued(waited=timedelta(seconds=120), deferred=True)  # queued 62 minutes ago, due 2 ago
    DBTaskResult.objects.create(  # a retry due in an hour
        task_path="blendplan.mail.deliver_mail",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now() + timedelta(hours=1),
    )
    tasks = client.get(reverse("health")).json()["tasks"]
    assert tasks["ready"] == 1
    assert 120 <= tasks["oldest_ready_age_seconds"] < 180


@pytest.mark.usefixtures("database_queue")
def test_a_late_worker_makes_the_server_degraded_but_still_in_the_load_balancer(client):
    queued(waited=timedelta(minutes=10))
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["database"] == "ok"


@pytest.mark.usefixtures("database_queue")
def test_the_health_check_counts_the_tasks_that_failed_in_the_last_hour(client):
    now = timezone.now()
    queued(waited=timedelta(minutes=20), status="FAILED", finished_at=now - timedelta(minutes=5))
    queued(waited=timedelta(hours=3), status="FAILED", finished_at=now - timedelta(hours=2))
    queued(waited=timedelta(minutes=20), status="SUCCESSFUL", finished_at=now)
    answer = client.get(reverse("health")).json()
    assert answer["tasks"]["failed_last_hour"] == 1
    assert answer["status"] == "ok"  # failures are the tasks' business, not the server's


def test_without_a_database_the_health_check_answers_503(client):
    broken = mock.MagicMock()
    broken.cursor.side_effect = OperationalError("connection refused")
    with mock.patch("blendplan.views.connection", broken):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
