"""Reads of the learners' page: the link a token opens, what it shows, and its calendar."""

from dataclasses import dataclass
from datetime import datetime

from schedules.exports.feeds import FeedUnavailable, feed_body
from schedules.models import CalendarFeed, LearnerPage, Schedule, ScheduleVersion
from schedules.reviews.selectors import latest_approval


def page_for_token(token: str) -> LearnerPage | None:
    """Return the learners' page whose link holds ``token`` (revoked or not), or None."""
    return LearnerPage.objects.select_related("schedule__course").filter(token=token).first()


def working_page(schedule: Schedule) -> LearnerPage | None:
    """Return ``schedule``'s learners' link that works, or None."""
    return LearnerPage.objects.filter(schedule=schedule, revoked__isnull=True).first()


@dataclass(frozen=True, slots=True)
class Approved:
    """The version a learners' page shows, and when it was approved."""

    version: ScheduleVersion
    approved: datetime


def approved_for(schedule: Schedule) -> Approved | None:
    """Return the version of ``schedule`` approved last, or None while none is: a draft, or
    a version waiting for review, is never shown to learners."""
    approval = latest_approval(schedule)
    if approval is None or approval.version is None:
        return None
    return Approved(approval.version, approval.created)


def serving_feed(schedule: Schedule) -> CalendarFeed | None:
    """Return ``schedule``'s calendar feed when it is on and serves something (an approved
    version with dated live sessions), else None: a link to an empty feed helps nobody."""
    feed = CalendarFeed.objects.filter(schedule=schedule).select_related("schedule").first()
    if feed is None:
        return None
    try:
        feed_body(feed)
    except FeedUnavailable:
        return None
    return feed
