"""A mail server that is down never turns a committed review action into an error: the
action's result is what the user sees, the e-mail is retried through the task queue, and
each failure is logged."""

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from blendplan.mail import MAX_ATTEMPTS, deliver_mail
from schedules.models import ReviewStatus, ScheduleVersion
from schedules.reviews.services import schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DOWN = {"default": {"BACKEND": "tests.mail_backends.DownEmailBackend"}}
DUMMY_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def course():
    owner = UserFactory(instructor=True, email="ines@example.edu")
    course = CourseFactory(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule)
    UserFactory(reviewer=True, email="ravi@example.edu")
    return course


def test_submitting_while_the_mail_server_is_down_submits_and_says_so(
    client, course, settings, caplog
):
    settings.MAILERS = DOWN
    client.force_login(course.owner)
    with caplog.at_level(logging.WARNING, logger="blendplan.mail"):
        response = client.post(reverse("schedules:submit", args=[course.pk]), follow=True)
    assert response.status_code == 200
    assert "submitted" in response.content.decode().lower()
    course.schedule.refresh_from_db()
    assert course.schedule.status == ReviewStatus.SUBMITTED
    assert ScheduleVersion.objects.filter(schedule=course.schedule).count() == 1
    assert "Connection refused" in caplog.text


def test_deciding_while_the_mail_server_is_down_decides(client, course, settings, caplog):
    version = schedule_submit(course=course, by=course.owner)
    settings.MAILERS = DOWN
    reviewer = UserFactory(reviewer=True)
    client.force_login(reviewer)
    with caplog.at_level(logging.WARNING, logger="blendplan.mail"):
        response = client.post(
            reverse("schedules:review_decide", args=[course.schedule.pk]),
            {"version": version.number, "decision": "approve", "comment": ""},
        )
    assert response.status_code == 302
    course.schedule.refresh_from_db()
    assert course.schedule.status == ReviewStatus.APPROVED
    assert "Connection refused" in caplog.text


def test_a_failed_delivery_is_retried_later_with_the_next_attempt(settings, caplog):
    settings.TASKS = DUMMY_TASKS
    settings.MAILERS = DOWN
    before = timezone.now()
    with caplog.at_level(logging.WARNING, logger="blendplan.mail"):
        outcome = deliver_mail.call("Subject", "Body", ["ines@example.edu"])
    assert outcome == "retry queued"
    queue: Any = deliver_mail.get_backend()  # the DummyBackend keeps what was queued
    [retry] = queue.results
    assert retry.args == ["Subject", "Body", ["ines@example.edu"], 2]
    assert retry.task.run_after is not None
    assert retry.task.run_after >= before + timedelta(minutes=1)
    assert "attempt 1 of 6" in caplog.text


def test_the_last_attempt_gives_up_with_an_error_in_the_log(settings, caplog):
    settings.TASKS = DUMMY_TASKS
    settings.MAILERS = DOWN
    with caplog.at_level(logging.WARNING, logger="blendplan.mail"):
        outcome = deliver_mail.call("Subject", "Body", ["ines@example.edu"], MAX_ATTEMPTS)
    assert outcome == "gave up"
    queue: Any = deliver_mail.get_backend()
    assert queue.results == []
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "Gave up mailing 'Subject'" in record.getMessage()


def test_a_real_worker_delivers_the_queued_mail(course, settings):
    """The database queue as `make run` uses it: the action queues, the worker sends."""
    settings.TASKS = DATABASE_TASKS
    schedule_submit(course=course, by=course.owner)
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY"

    call_command("db_worker", batch=True, startup_delay=False)

    [message] = mail.outbox
    assert message.to == ["ravi@example.edu"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value == "sent"


def test_a_rolled_back_action_queues_no_mail(course, settings):
    settings.TASKS = DATABASE_TASKS
    course.schedule.blocks.all().delete()  # submitting an empty schedule is refused
    with pytest.raises(Exception, match="Add some activity blocks"):
        schedule_submit(course=course, by=course.owner)
    assert DBTaskResult.objects.count() == 0
