"""Review notifications, in the app and by e-mail: to reviewers on submission, to the
course's instructors on a decision, and to the others in a comment thread when someone
replies.

One code path for both: each function works out who is told, makes their in-app
``Notification`` rows and queues the e-mail to those of them with an address. Both happen
in the action's transaction: the rows are written with it and the e-mail is queued when it
commits (``blendplan.mail``), so a refused or rolled-back action tells nobody, and a mail
server that is down delays the e-mail (retried, logged) but never turns the committed action
into an error.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User

from blendplan.mail import queue_mail
from courses.people import person_name
from courses.roles import Role
from schedules.models import Notification, ReviewComment, ScheduleVersion
from schedules.reviews.selectors import review_path


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({user.email for user in users if user.email})


def _review_link(version: ScheduleVersion, *, thread_pk: int | None = None) -> str:
    return f"{settings.SITE_URL}{review_path(version, thread_pk=thread_pk)}"


def _excerpt(text: str, length: int = 120) -> str:
    """Return the start of ``text`` on one line, cut at a word with "…" when longer."""
    line = " ".join(text.split())
    if len(line) <= length:
        return line
    return line[:length].rsplit(" ", 1)[0] + "…"


def _tell(
    people: Iterable[User],
    *,
    kind: str,
    version: ScheduleVersion,
    text: str,
    thread: ReviewComment | None = None,
) -> list[User]:
    """Make each person's in-app notification; return them, each once."""
    recipients = list({person.pk: person for person in people}.values())
    Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            schedule_id=version.schedule_id,
            version=version,
            thread=thread,
            text=text[:300],
        )
        for person in recipients
    )
    return recipients


def notify_submitted(version: ScheduleVersion) -> None:
    """Tell the LMS team a schedule is waiting for them, with the instructor's note."""
    reviewers = [
        reviewer
        for reviewer in User.objects.filter(groups__name=Role.REVIEWER.value, is_active=True)
        if reviewer.pk != version.submitted_by_id
    ]
    course = version.schedule.course
    who = person_name(version.submitted_by)
    told = _tell(
        reviewers,
        kind=Notification.Kind.SUBMITTED,
        version=version,
        text=f"{who} submitted version {version.number} of “{course.title}” for review.",
    )
    body = f"{who} submitted version {version.number} of “{course.title}”.\n"
    if version.note:
        body += f"\nTheir note to the reviewers:\n\n{version.note}\n"
    body += f"\nReview it: {_review_link(version)}\n"
    queue_mail(
        f"[BlendPlan] {course.title}: version {version.number} submitted for review",
        body,
        _addresses(told),
    )


def notify_decided(version: ScheduleVersion, *, approved: bool, by: User, comment: str) -> None:
    """Tell the course's instructors what the LMS team decided, and why."""
    course = version.schedule.course
    teachers = [course.owner, *course.co_instructors.all()]
    verdict = "approved" if approved else "changes requested"
    who = person_name(by)
    told = _tell(
        teachers,
        kind=Notification.Kind.APPROVED if approved else Notification.Kind.CHANGES_REQUESTED,
        version=version,
        text=(
            f"{who} approved version {version.number} of “{course.title}”."
            if approved
            else f"{who} requested changes to version {version.number} of “{course.title}”."
        ),
    )
    body = f"{who} reviewed version {version.number} of “{course.title}”: {verdict}.\n"
    if comment:
        body += f"\n{comment}\n"
    body += f"\nSee the review: {_review_link(version)}\n"
    queue_mail(
        f"[BlendPlan] {course.title}: version {version.number} {verdict}",
        body,
        _addresses(told),
    )


def notify_replied(reply: ReviewComment, *, thread: ReviewComment) -> None:
    """Tell the others in a comment thread that someone answered."""
    version = reply.version
    course = version.schedule.course
    people = [thread.author, *(c.author for c in thread.replies.select_related("author"))]
    others = [person for person in people if person is not None and person != reply.author]
    who = person_name(reply.author)
    told = _tell(
        others,
        kind=Notification.Kind.REPLIED,
        version=version,
        thread=thread,
        text=f"{who} replied on version {version.number} of “{course.title}”: "
        + _excerpt(reply.body),
    )
    queue_mail(
        f"[BlendPlan] {course.title}: {who} replied to a comment",
        f"{who} replied on version {version.number} of “{course.title}”:\n\n"
        f"{reply.body}\n\nIn reply to {person_name(thread.author)}: {thread.body}\n\n"
        f"See the discussion: {_review_link(version, thread_pk=thread.pk)}\n",
        _addresses(told),
    )
