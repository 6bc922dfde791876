"""The project's own app config: connects what the project (not an app) listens for."""

from django.apps import AppConfig


class BlendplanConfig(AppConfig):
    name = "blendplan"
    verbose_name = "BlendPlan"

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from blendplan.task_health import log_failed_task

        # In every process that runs tasks: the worker, and web processes with the
        # immediate backend.
        task_finished.connect(log_failed_task, dispatch_uid="blendplan-log-failed-task")
