"""Prometheus metrics: what the request log counts, and the task queue, at ``/metrics``.

Requests are counted by ``RequestLogMiddleware`` (per route pattern, never per path, so a
course id does not make a new series). The task queue is read from the database when
Prometheus scrapes, so it says the same whichever app server is asked.

Under gunicorn each worker process counts its own requests. Set ``PROMETHEUS_MULTIPROC_DIR``
to an empty directory the workers may write (the systemd unit in ``deploy/`` does) and a
scrape adds up every worker's counts; without it, a scrape sees one worker's.

The page is private: it answers only a bearer token equal to ``METRICS_TOKEN``, and is
404 when no token is configured (docs/deployment.md, "Observability").
"""

import hmac
import os
from collections.abc import Iterator

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from blendplan.task_health import task_queue_health

# The request counts of this process (of all processes, read through MULTIPROC_DIR).
REGISTRY = CollectorRegistry()

REQUESTS = Counter(
    "blendplan_http_requests",
    "Requests answered, by method, route pattern and status code.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
REQUEST_SECONDS = Histogram(
    "blendplan_http_request_duration_seconds",
    "Time from the first middleware to the response, by method and route pattern.",
    ["method", "route"],
    # The editor's save is budgeted in tens of milliseconds (docs/benchmarks.md); a page
    # over a second is logged as slow (SLOW_REQUEST_MS).
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
QUERIES = Counter(
    "blendplan_db_queries",
    "Database queries run while answering requests, by route pattern.",
    ["route"],
    registry=REGISTRY,
)


class TaskQueueCollector(Collector):
    """The database task queue as gauges, read when Prometheus scrapes.

    Metric families built at collection time, not ``Gauge`` objects: in multiprocess mode
    those would write files that every later scrape would add up again.
    """

    def collect(self) -> Iterator[Metric]:
        queue = task_queue_health()
        if queue is None:
            return
        for name, documentation, value in (
            ("blendplan_tasks_ready", "Tasks ready to run, not yet started.", queue.ready),
            (
                "blendplan_tasks_oldest_ready_age_seconds",
                "How long the oldest ready task has waited for a worker.",
                queue.oldest_ready_age_seconds,
            ),
            (
                "blendplan_tasks_failed_last_hour",
                "Tasks that failed in the last hour.",
                queue.failed_last_hour,
            ),
        ):
            yield GaugeMetricFamily(name, documentation, value=value)


def _scraped_registries() -> list[CollectorRegistry]:
    """Return what a scrape shows: the request counts and the task queue, read now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)  # type: ignore[no-untyped-call]
    else:
        requests = REGISTRY
    tasks = CollectorRegistry(auto_describe=False)
    tasks.register(TaskQueueCollector())
    return [requests, tasks]


def _authorised(request: HttpRequest) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.METRICS_TOKEN.encode()
    )


@require_safe
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Return the metrics in Prometheus' text format, to a bearer of ``METRICS_TOKEN``.

    404 when no token is configured (the page does not exist for the public); 401 with the
    wrong token or none.
    """
    if not settings.METRICS_TOKEN:
        raise Http404
    if not _authorised(request):
        response = HttpResponse("A bearer token is needed.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body = b"".join(generate_latest(registry) for registry in _scraped_registries())
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
