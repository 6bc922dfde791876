"""Review notifications: reviewers hear of a submission, instructors of the decision."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def course():
    owner = UserFactory(instructor=True, email="ines@example.edu")
    course = CourseFactory(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule)
    return course


def test_reviewers_are_mailed_a_link_when_a_schedule_is_submitted(course, settings):
    settings.SITE_URL = "https://blendplan.example.edu"
    UserFactory(reviewer=True, email="ravi@example.edu")
    UserFactory(instructor=True, email="not-a-reviewer@example.edu")
    schedule_submit(course=course, by=course.owner)
    [message] = mail.outbox
    assert message.to == ["ravi@example.edu"]
    assert "Statics" in message.subject
    assert f"https://blendplan.example.edu/reviews/{course.schedule.pk}/?version=1" in message.body


def test_the_instructor_is_mailed_the_decision_with_the_comment(course):
    reviewer = UserFactory(reviewer=True, email="ravi@example.edu")
    version = schedule_submit(course=course, by=course.owner)
    mail.outbox.clear()
    review_decide(version=version, by=reviewer, approve=False, comment="Add a due day.")
    [message] = mail.outbox
    assert message.to == ["ines@example.edu"]
    assert "changes requested" in message.subject
    assert "Add a due day." in message.body


def test_a_refused_decision_mails_nobody(course):
    reviewer = UserFactory(reviewer=True, email="ravi@example.edu")
    version = schedule_submit(course=course, by=course.owner)
    mail.outbox.clear()
    with pytest.raises(ValidationError, match="required"):
        review_decide(version=version, by=reviewer, approve=False, comment="")
    assert mail.outbox == []
