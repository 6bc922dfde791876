"""The project's own app config: connects what the project (not an app) listens for."""

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class BlendplanConfig(AppConfig):
    name = "blendplan"
    verbose_name = "BlendPlan"

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from blendplan.middleware import stamp_sign_in
        from blendplan.task_health import log_failed_task

        # A new sign-in's session gets its activity stamps (the idle timeout).
        user_logged_in.connect(stamp_sign_in, dispatch_uid="blendplan-stamp-sign-in")
        # In every process that runs tasks: the worker, and web processes with the
        # immediate backend.
        task_finished.connect(log_failed_task, dispatch_uid="blendplan-log-failed-task")
