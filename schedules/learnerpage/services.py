"""Writes of the learners' page: make its link, replace it with a new one, revoke it."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from schedules.exports.feeds import feed_turn_on
from schedules.models import LearnerPage, Schedule
from schedules.models.tokens import new_link_token


def _revoke_all(schedule: Schedule) -> None:
    LearnerPage.objects.filter(schedule=schedule, revoked__isnull=True).update(
        revoked=timezone.now()
    )


@transaction.atomic
def learner_page_create(*, schedule: Schedule, by: User) -> LearnerPage:
    """Return ``schedule``'s working learners' link, making one if it has none (twice is
    harmless), and turn its calendar feed on.

    The page offers "Add to my calendar" through the feed; turning it on here, at the
    instructor's request, means learners get the button without a second step, and nothing
    is ever written when a learner opens the page. An instructor who turns the feed off
    afterwards gets a page without the button.
    """
    Schedule.objects.select_for_update().filter(pk=schedule.pk).first()
    page = LearnerPage.objects.filter(schedule=schedule, revoked__isnull=True).first()
    if page is None:
        page = LearnerPage.objects.create(schedule=schedule, token=new_link_token(), created_by=by)
    feed_turn_on(schedule=schedule, by=by)
    return page


@transaction.atomic
def learner_page_replace(*, schedule: Schedule, by: User) -> LearnerPage:
    """Give ``schedule``'s learners' page a new link; the old one stops working at once."""
    Schedule.objects.select_for_update().filter(pk=schedule.pk).first()
    _revoke_all(schedule)
    page = LearnerPage.objects.create(schedule=schedule, token=new_link_token(), created_by=by)
    feed_turn_on(schedule=schedule, by=by)
    return page


@transaction.atomic
def learner_page_revoke(*, schedule: Schedule) -> None:
    """Stop ``schedule``'s learners' link working (the calendar feed is left as it is)."""
    Schedule.objects.select_for_update().filter(pk=schedule.pk).first()
    _revoke_all(schedule)
