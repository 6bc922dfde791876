"""/metrics is for Prometheus only: 404 without METRICS_TOKEN, 401 without the right bearer
token, the request counts and the task queue in Prometheus' text format with it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOKEN = "scrape-token-0123456789abcdef"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_without_a_configured_token_there_are_no_metrics(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get(reverse("metrics")).status_code == 404
    assert client.get(reverse("metrics"), headers={"Authorization": "Bearer "}).status_code == 404


@pytest.mark.usefixtures("token")
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
)
def test_metrics_refuse_anyone_without_the_token(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get(reverse("metrics"), headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"blendplan_" not in response.content


@pytest.mark.usefixtures("token")
def test_a_signed_in_administrator_without_the_token_is_refused_too(admin_client):
    assert admin_client.get(reverse("metrics")).status_code == 401


@pytest.mark.usefixtures("token")
def test_prometheus_with_the_token_reads_the_request_counts(client):
    client.get(reverse("login"))
    response = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    text = response.content.decode()
    assert (
        'blendplan_http_requests_total{method="GET",route="accounts/login/",status="200"}' in text
    )
    assert 'blendplan_http_request_duration_seconds_bucket{le="0.01",method="GET"' in text
    assert 'blendplan_db_queries_total{route="accounts/login/"}' in text
    assert "blendplan_tasks_ready" not in text  # tasks run at once in tests: no queue


@pytest.mark.usefixtures("token")
def test_with_a_database_queue_the_metrics_include_it(client, settings):
    settings.TASKS = DATABASE_TASKS
    response = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    text = response.content.decode()
    assert "blendplan_tasks_ready 0.0" in text
    assert "blendplan_tasks_oldest_ready_age_seconds 0.0" in text
    assert "blendplan_tasks_failed_last_hour 0.0" in text


@pytest.mark.usefixtures("token")
def test_metrics_are_never_cached(client):
    response = client.get(reverse("metrics"), headers={"Authorization": f"Bearer {TOKEN}"})
    assert "no-store" in response["Cache-Control"]
