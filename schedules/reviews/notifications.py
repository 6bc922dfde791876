"""Review notifications by e-mail: to reviewers on submission, to instructors on a decision,
and to the others in a comment thread when someone replies.

Queued when the transaction commits (``blendplan.mail``), so a refused or rolled-back action
mails nobody, and a mail server that is down delays the e-mail (retried, logged) but never
turns the committed action into an error.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from blendplan.mail import queue_mail
from courses.roles import Role
from schedules.models import ReviewComment, ScheduleVersion


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({user.email for user in users if user.email})


def _review_link(version: ScheduleVersion) -> str:
    path = reverse("schedules:review", args=[version.schedule_id])
    return f"{settings.SITE_URL}{path}?version={version.number}"


def notify_submitted(version: ScheduleVersion) -> None:
    """Tell the LMS team a schedule is waiting for them."""
    reviewers = User.objects.filter(groups__name=Role.REVIEWER.value, is_active=True)
    course = version.schedule.course
    queue_mail(
        f"[BlendPlan] {course.title}: version {version.number} submitted for review",
        f"{version.submitted_by} submitted version {version.number} of “{course.title}”.\n\n"
        f"Review it: {_review_link(version)}\n",
        _addresses(reviewers),
    )


def notify_decided(version: ScheduleVersion, *, approved: bool, by: User, comment: str) -> None:
    """Tell the course's instructors what the LMS team decided."""
    course = version.schedule.course
    teachers = [course.owner, *course.co_instructors.all()]
    verdict = "approved" if approved else "changes requested"
    body = f"{by} reviewed version {version.number} of “{course.title}”: {verdict}.\n"
    if comment:
        body += f"\n{comment}\n"
    body += f"\nSee the review: {_review_link(version)}\n"
    queue_mail(
        f"[BlendPlan] {course.title}: version {version.number} {verdict}",
        body,
        _addresses(teachers),
    )


def notify_replied(reply: ReviewComment, *, thread: ReviewComment) -> None:
    """Tell the others in a comment thread that someone answered."""
    version = reply.version
    course = version.schedule.course
    people = [thread.author, *(c.author for c in thread.replies.select_related("author"))]
    others = [person for person in people if person is not None and person != reply.author]
    queue_mail(
        f"[BlendPlan] {course.title}: {reply.author} replied to a comment",
        f"{reply.author} replied on version {version.number} of “{course.title}”:\n\n"
        f"{reply.body}\n\nIn reply to {thread.author}: {thread.body}\n\n"
        f"See the discussion: {_review_link(version)}#comment-{thread.pk}\n",
        _addresses(others),
    )
