"""Separation of duties (ASVS 2.3.5): nobody decides on a schedule they own or co-teach,
whatever their roles; another reviewer does."""

import pytest
from django.urls import reverse

from schedules.models import ScheduleEvent, ScheduleVersion
from schedules.reviews.services import ReviewRefusedError, review_decide, schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db

OWN_WORK = "You teach this course, so another reviewer decides on it."


def submitted_course(owner):
    course = CourseFactory(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule)
    schedule_submit(course=course, by=owner)
    return course


def teachers():
    """The people who teach a course while holding a role that could decide on it."""
    return {
        "a reviewer who owns it": lambda course: course.owner,
        "a reviewer who co-teaches it": lambda course: co_teacher(course, reviewer=True),
        "a superuser who co-teaches it": lambda course: co_teacher(course, is_superuser=True),
    }


def co_teacher(course, **traits):
    user = UserFactory(instructor=True, **traits)
    course.co_instructors.add(user)
    return user


@pytest.fixture(params=sorted(teachers()))
def course_and_teacher(request):
    course = submitted_course(UserFactory(instructor=True, reviewer=True))
    return course, teachers()[request.param](course)


def test_the_review_page_tells_a_teacher_who_is_a_reviewer_why_they_cannot_decide(
    client, course_and_teacher
):
    course, teacher = course_and_teacher
    client.force_login(teacher)
    response = client.get(reverse("schedules:review", args=[course.schedule.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert OWN_WORK in html
    assert "Approve version 1" not in html
    assert reverse("schedules:review_decide", args=[course.schedule.pk]) not in html


@pytest.mark.parametrize("decision", ["approve", "request_changes"])
def test_a_teacher_who_is_a_reviewer_cannot_decide_and_nothing_changes(
    client, course_and_teacher, decision
):
    course, teacher = course_and_teacher
    client.force_login(teacher)
    response = client.post(
        reverse("schedules:review_decide", args=[course.schedule.pk]),
        {"version": 1, "decision": decision, "comment": "Looks fine to me."},
    )
    assert response.status_code == 403
    course.schedule.refresh_from_db()
    assert course.schedule.status == "submitted"
    assert not ScheduleEvent.objects.exclude(kind=ScheduleEvent.Kind.SUBMITTED).exists()
    assert not course.schedule.versions.get().comments.exists()


def test_the_service_refuses_a_decision_by_whoever_teaches_the_course(course_and_teacher):
    course, teacher = course_and_teacher
    version = ScheduleVersion.objects.get(schedule=course.schedule)
    with pytest.raises(ReviewRefusedError, match=OWN_WORK):
        review_decide(version=version, by=teacher, approve=True, comment="")
    course.schedule.refresh_from_db()
    assert course.schedule.status == "submitted"


def test_another_reviewer_and_a_superuser_who_does_not_teach_it_may_decide(client):
    course = submitted_course(UserFactory(instructor=True, reviewer=True))
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(reverse("schedules:review", args=[course.schedule.pk])).content.decode()
    assert "Approve version 1" in page
    assert OWN_WORK not in page
    client.force_login(UserFactory(reviewer=True))
    client.post(
        reverse("schedules:review_decide", args=[course.schedule.pk]),
        {"version": 1, "decision": "approve"},
    )
    course.schedule.refresh_from_db()
    assert course.schedule.status == "approved"
