"""Project-wide views that belong to no app."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from blendplan.task_health import task_queue_health

logger = logging.getLogger("blendplan.health")


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Return the app server's health, for load balancers and monitoring.

    503 when the database does not answer (take this server out). Otherwise 200, with the
    background worker's queue: ``"degraded"`` when a ready task has waited longer than
    ``HEALTH_TASKS_LATE_SECONDS``. A late worker is still 200 on purpose: every app server
    would report it at once, and taking them all out of the load balancer would not bring
    the worker back.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        queue = task_queue_health()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    answer: dict[str, object] = {"status": "ok", "database": "ok"}
    if queue is not None:
        answer["tasks"] = queue.as_dict()
        if queue.late:
            answer["status"] = "degraded"
    return JsonResponse(answer)


@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Send ``/favicon.ico`` to the icon in static/: browsers ask for it on pages that name
    no icon (a downloaded print view, the bare 500 page) and some ask for it regardless."""
    return HttpResponsePermanentRedirect(static("img/favicon-32.png"))
