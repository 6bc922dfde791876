"""Calendar feeds: turn a schedule's feed on, give it a new address, turn it off; and what a
calendar polling the address gets.

A feed serves the approved version's live sessions (the iCalendar export), so learners'
calendars follow each approval: the events keep their UIDs and their SEQUENCE grows with
the version, so a calendar updates them in place.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from schedules.exports.downloads import version_download
from schedules.exports.refusals import NothingToExport
from schedules.models import CalendarFeed, Schedule
from schedules.models.tokens import new_link_token
from schedules.reviews.selectors import latest_approval

# How often a feed's "last fetched" is written: once an hour is enough to tell instructors
# that calendars read it, and a poll does not write every time.
POLL_STAMP_EVERY = timedelta(hours=1)


@transaction.atomic
def feed_turn_on(*, schedule: Schedule, by: User) -> CalendarFeed:
    """Return ``schedule``'s feed, making one if it has none (turning on twice is harmless)."""
    feed, _ = CalendarFeed.objects.get_or_create(
        schedule=schedule, defaults={"token": new_link_token(), "created_by": by}
    )
    return feed


@transaction.atomic
def feed_renew(*, schedule: Schedule, by: User) -> CalendarFeed:
    """Give ``schedule``'s feed a new address; the old one stops answering at once."""
    CalendarFeed.objects.filter(schedule=schedule).delete()
    return CalendarFeed.objects.create(schedule=schedule, token=new_link_token(), created_by=by)


def feed_turn_off(*, schedule: Schedule) -> None:
    """Turn ``schedule``'s feed off: its address stops answering at once."""
    CalendarFeed.objects.filter(schedule=schedule).delete()


@dataclass(frozen=True, slots=True)
class FeedBody:
    """What a feed's address serves now: the calendar, its validator and when it changed."""

    body: bytes
    etag: str
    last_modified: datetime
    filename: str
    version_number: int


class FeedUnavailable(Exception):
    """The feed exists but has nothing to serve yet (a sentence says why)."""


def feed_for_token(token: str) -> CalendarFeed | None:
    """Return the feed whose address holds ``token``, or None (never existed, or turned off)."""
    return CalendarFeed.objects.select_related("schedule__course").filter(token=token).first()


def feed_body(feed: CalendarFeed) -> FeedBody:
    """Return the approved version's live sessions as the feed serves them.

    Raises FeedUnavailable when no version is approved yet, or when the approved one has no
    dated live session.
    """
    approval = latest_approval(feed.schedule)
    version = approval.version if approval else None
    if approval is None or version is None:
        raise FeedUnavailable(
            "No version of this schedule has been approved yet: the calendar fills in once "
            "the LMS team approves it."
        )
    version.schedule = feed.schedule
    try:
        download = version_download(version, "ics")
    except NothingToExport as nothing:
        raise FeedUnavailable(str(nothing)) from nothing
    body = download.body if isinstance(download.body, bytes) else download.body.encode()
    return FeedBody(
        body=body,
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        last_modified=approval.created,
        filename=download.filename,
        version_number=version.number,
    )


def feed_polled(feed: CalendarFeed) -> None:
    """Note that a calendar fetched ``feed`` (at most once an hour, one UPDATE)."""
    now = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).filter(
        Q(last_polled__isnull=True) | Q(last_polled__lt=now - POLL_STAMP_EVERY)
    ).update(last_polled=now)
