"""E-mail that never turns a committed action into an error: queued, retried, logged.

An action (submitting, deciding, replying) commits first; its e-mail is then queued as a
task (Django's tasks framework, the backend of ``settings.TASKS``: a database queue that a
worker empties, by default). The task retries a mail server that is down or refusing, with
growing waits, and logs each failure; after the last try it logs an error and gives up. The
user sees the action's result, never the mail server's mood.
"""

import logging
import smtplib
from collections.abc import Sequence
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("blendplan.mail")

# Tries in all, and the wait before each retry: 1, 5, 30 minutes, 2 and 6 hours.
MAX_ATTEMPTS = 6
RETRY_WAITS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)

# What a mail server that is down, slow or refusing raises (smtplib's errors are OSErrors).
DELIVERY_ERRORS = (OSError, smtplib.SMTPException)


@task
def deliver_mail(subject: str, body: str, recipients: list[str], attempt: int = 1) -> str:
    """Send one e-mail; on a delivery error, queue the next try (or give up after the last).

    Returns what happened, which the task's result keeps ("sent", "retry queued", "gave up").
    """
    try:
        send_mail(subject, body, None, recipients, fail_silently=False)
    except DELIVERY_ERRORS as error:
        backend = deliver_mail.get_backend()
        if attempt >= MAX_ATTEMPTS or not backend.supports_defer:
            logger.error(
                "Gave up mailing %r to %d recipient(s) after %d attempt(s): %s",
                subject,
                len(recipients),
                attempt,
                error,
            )
            return "gave up"
        wait = RETRY_WAITS[min(attempt, len(RETRY_WAITS)) - 1]
        logger.warning(
            "Mailing %r failed (attempt %d of %d): %s; retrying in %s",
            subject,
            attempt,
            MAX_ATTEMPTS,
            error,
            wait,
        )
        deliver_mail.using(run_after=timezone.now() + wait).enqueue(
            subject, body, recipients, attempt + 1
        )
        return "retry queued"
    return "sent"


def queue_mail(subject: str, body: str, recipients: Sequence[str]) -> None:
    """Queue an e-mail to go once the current transaction commits (none if it rolls back).

    Queuing itself failing (the queue's database unreachable) is logged, not raised: the
    action has committed by then and its result is what the user must see.
    """
    if not recipients:
        return
    transaction.on_commit(
        lambda: deliver_mail.enqueue(subject, body, sorted(recipients)), robust=True
    )
