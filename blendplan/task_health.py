"""The background worker's health, read from its queue, and failed tasks in the log.

A worker that has stopped shows as work waiting: tasks ready to run whose wait grows.
``task_queue_health`` reads that from django-tasks-db's table (one query) for ``/health/``
and ``/metrics``; ``log_failed_task`` writes one line, with context, for each task that
fails, whichever process ran it (a worker, or the web process with the immediate backend).
"""

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q
from django.tasks import TaskResult, TaskResultStatus, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger("blendplan.tasks")


@dataclass(frozen=True)
class TaskQueueHealth:
    """The database queue at one moment."""

    ready: int  # tasks whose time has come and that no worker has started
    oldest_ready_age_seconds: float  # how long the longest-waiting of them has waited
    failed_last_hour: int

    @property
    def late(self) -> bool:
        """Whether the oldest ready task has waited longer than the worker ever should."""
        return self.oldest_ready_age_seconds > settings.HEALTH_TASKS_LATE_SECONDS

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def task_queue_health() -> TaskQueueHealth | None:
    """Return the state of the database task queues, or None when no backend of
    ``settings.TASKS`` keeps its queue in the database (nothing to report)."""
    aliases = [
        alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)
    ]
    if not aliases:
        return None
    now = timezone.now()
    ready = Q(status=TaskResultStatus.READY)
    never_deferred = Q(run_after=get_date_max())  # django-tasks-db's "no run_after"
    due = Q(run_after__lte=now)
    counts = DBTaskResult.objects.filter(backend_name__in=aliases).aggregate(
        ready=Count("pk", filter=ready & (never_deferred | due)),
        # A task waits from when it was queued, or a deferred one from when it fell due.
        oldest_queued=Min("enqueued_at", filter=ready & never_deferred),
        oldest_due=Min("run_after", filter=ready & due & ~never_deferred),
        failed=Count(
            "pk",
            filter=Q(status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(hours=1)),
        ),
    )
    waiting_since = [time for time in (counts["oldest_queued"], counts["oldest_due"]) if time]
    age = (now - min(waiting_since)).total_seconds() if waiting_since else 0.0
    return TaskQueueHealth(
        ready=counts["ready"],
        oldest_ready_age_seconds=round(max(age, 0.0), 1),
        failed_last_hour=counts["failed"],
    )


def log_failed_task(sender: object, task_result: TaskResult[Any, Any], **kwargs: object) -> None:
    """Log a task that failed (``task_finished`` with status FAILED) at ERROR, with what
    went wrong and when; not its arguments, which may hold addresses or message text."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    error = task_result.errors[-1] if task_result.errors else None
    last_line = error.traceback.strip().splitlines()[-1] if error and error.traceback else ""
    logger.error(
        "Task %s failed: %s",
        task_result.task.module_path,
        last_line or "no error recorded",
        extra={
            "event": "task_failed",
            "task": task_result.task.module_path,
            "task_id": str(task_result.id),
            "backend": task_result.backend,
            "queue": task_result.task.queue_name,
            "attempts": len(task_result.errors),
            "worker_ids": ",".join(task_result.worker_ids),
            "exception": error.exception_class_path if error else "",
            "enqueued_at": task_result.enqueued_at,
            "started_at": task_result.started_at,
            "finished_at": task_result.finished_at,
        },
    )
