"""A task that fails is logged at ERROR with what failed, where and when, and never with
its arguments (they may hold addresses and message text)."""

import logging

import pytest
from django.tasks import TaskResultStatus, task


@task
def explode(recipient: str) -> None:
    raise ConnectionRefusedError("no mail server")


@task
def succeed(recipient: str) -> str:
    return "sent"


def failures(caplog):
    return [record for record in caplog.records if record.name == "blendplan.tasks"]


@pytest.fixture
def logged(caplog):
    caplog.set_level(logging.INFO, logger="blendplan.tasks")
    return caplog


def test_a_failed_task_is_logged_with_its_context(logged):
    result = explode.enqueue("ines@example.edu")  # the tests' immediate backend runs it now
    assert result.status == TaskResultStatus.FAILED
    [line] = failures(logged)
    assert line.getMessage() == (
        "Task tests.blendplan.test_task_log.explode failed: ConnectionRefusedError: no mail server"
    )
    assert line.levelno == logging.ERROR
    assert line.event == "task_failed"
    assert line.task == "tests.blendplan.test_task_log.explode"
    assert line.task_id == str(result.id)
    assert line.backend == "default"
    assert line.queue == "default"
    assert line.attempts == 1
    assert line.exception == "builtins.ConnectionRefusedError"
    assert line.finished_at is not None


def test_a_failed_tasks_arguments_are_not_logged(logged):
    explode.enqueue("ines@example.edu")
    [line] = failures(logged)
    assert "ines@example.edu" not in str(
        {key: value for key, value in vars(line).items() if key not in {"msg", "args"}}
    )


def test_a_task_that_succeeds_is_not_logged_as_a_failure(logged):
    assert succeed.enqueue("ines@example.edu").status == TaskResultStatus.SUCCESSFUL
    assert failures(logged) == []
