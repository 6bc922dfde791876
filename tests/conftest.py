"""Shared pytest set-up."""

from typing import Any

import pytest


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Hash test passwords quickly (production keeps Django's PBKDF2 default).

    Skipped when Django is not configured: the rules-engine tests run without it.
    """
    from django.conf import settings

    if settings.configured:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Tasks run at once in tests (Django's ImmediateBackend), so an action's e-mail is in
# mail.outbox when its transaction commits; a test that needs the real queue (the worker
# test) or to see what was queued (DummyBackend) sets TASKS itself.
IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


def _forget_task_backends() -> None:
    """Make django.tasks read TASKS again (it keeps the backends it made, and unlike the
    caches it does not listen for a changed setting)."""
    from asgiref.local import Local
    from django.tasks import task_backends

    handler: Any = task_backends
    handler._settings = None
    vars(handler).pop("settings", None)
    handler._connections = Local(handler.thread_critical)


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_at_once():
    from django.conf import settings
    from django.core.signals import setting_changed

    def reset(*, setting: str, **kwargs: object) -> None:
        if setting == "TASKS":
            _forget_task_backends()

    setting_changed.connect(reset, weak=False)
    if settings.configured:
        settings.TASKS = IMMEDIATE_TASKS
        _forget_task_backends()
