"""What the instructor and the reviewer see around a review: the submit step, where the
review stands, the reviewer's request where the instructor works, the queue's counts and
the sign-off."""

import re
from datetime import time

import pytest
from django.core import mail
from django.urls import reverse

from courses.roles import Role
from schedules.models import ScheduleVersion
from schedules.reviews.services import review_comment, review_decide, schedule_submit
from schedules.rules.choices import Weekday
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    FindingDismissalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    owner = UserFactory(
        instructor=True, first_name="Ines", last_name="Okafor", email="ines@example.edu"
    )
    course = CourseFactory(owner=owner, title="Statics")
    # No due day: a problem the reviewers will see.
    ActivityBlockFactory(schedule=course.schedule, title="Reading", due_day=None)
    return course


@pytest.fixture
def reviewer():
    return UserFactory(
        reviewer=True, first_name="Ravi", last_name="Lindqvist", email="ravi@example.edu"
    )


def test_the_submit_step_lists_what_is_still_open_before_anything_is_sent(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:submit", args=[course.pk])).content.decode()
    assert "Before you submit" in html
    assert "finding--problem" in html
    assert "Note to the reviewers (optional)" in html
    assert not ScheduleVersion.objects.exists()


def test_the_note_goes_with_the_version_to_the_review_page_and_the_email(
    client, course, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(course.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schedules:submit", args=[course.pk]), {"note": "Week 3 is new: look there."}
        )
    assert response.status_code == 302
    version = ScheduleVersion.objects.get()
    assert version.note == "Week 3 is new: look there."
    [message] = mail.outbox
    assert "Week 3 is new: look there." in message.body
    client.force_login(reviewer)
    html = client.get(reverse("schedules:review", args=[course.schedule.pk])).content.decode()
    assert "Note from Ines Okafor" in html
    assert "Week 3 is new: look there." in html


def test_a_note_with_a_control_character_is_refused_and_nothing_is_submitted(client, course):
    client.force_login(course.owner)
    response = client.post(reverse("schedules:submit", args=[course.pk]), {"note": "a\x00b"})
    assert response.status_code == 422
    assert not ScheduleVersion.objects.exists()


def test_submit_is_not_offered_again_while_the_version_waits_unchanged(client, course):
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    detail = reverse("schedules:course_detail", args=[course.pk])
    submit = reverse("schedules:submit", args=[course.pk])
    assert f'href="{submit}"' not in client.get(detail).content.decode()
    assert "Nothing new to submit" in client.get(submit).content.decode()
    client.post(submit, {"note": "Again?"})
    assert ScheduleVersion.objects.count() == 1
    ActivityBlockFactory(schedule=course.schedule, title="Quiz", due_day=Weekday.FRIDAY)
    html = client.get(detail).content.decode()
    assert f'href="{submit}"' in html
    assert "Submitted · edited since" in html
    assert "not yet resubmitted" in html


def test_an_approved_schedule_edited_since_says_so(client, course, reviewer):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=True, comment="")
    client.force_login(course.owner)
    detail = reverse("schedules:course_detail", args=[course.pk])
    html = client.get(detail).content.decode()
    assert "edited since" not in html
    block = course.schedule.blocks.get()
    block.duration_minutes += 15
    block.save()
    html = client.get(detail).content.decode()
    assert "Approved · edited since" in html
    assert "version 1, not yet resubmitted" in html


def test_the_dashboard_and_the_queue_say_approved_edited_since_as_the_course_page_does(
    client, course, reviewer
):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=True, comment="")
    dashboard = reverse("schedules:dashboard")
    queue = reverse("schedules:review_queue") + "?status=approved"
    client.force_login(course.owner)
    assert ">Approved</span>" in client.get(dashboard).content.decode()
    client.force_login(reviewer)
    assert ">Approved</span>" in client.get(queue).content.decode()

    block = course.schedule.blocks.get()
    block.duration_minutes += 15
    block.save()

    edited = '<span class="status status--approved status--edited">Approved · edited since</span>'
    client.force_login(course.owner)
    assert edited in client.get(dashboard).content.decode()
    detail = reverse("schedules:course_detail", args=[course.pk])
    assert edited in client.get(detail).content.decode()
    client.force_login(reviewer)
    assert edited in client.get(queue).content.decode()

    # Undoing the edit brings the blend back to the approved version: no longer "edited".
    block.duration_minutes -= 15
    block.save()
    client.force_login(course.owner)
    assert "edited since" not in client.get(dashboard).content.decode()


def test_a_changed_outcome_or_course_title_counts_as_an_edit_on_the_dashboard(
    client, course, reviewer
):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=True, comment="")
    course.title = "Renamed after approval"
    course.save()
    client.force_login(course.owner)
    assert "Approved · edited since" in client.get(reverse("schedules:dashboard")).content.decode()


def test_the_course_page_shows_who_requested_changes_when_and_why(client, course, reviewer):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=False, comment="Give the reading a day.")
    client.force_login(course.owner)
    html = client.get(reverse("schedules:course_detail", args=[course.pk])).content.decode()
    assert "Ravi Lindqvist</strong> requested changes to version 1 on" in html
    assert re.search(r"on <time datetime=\"[^\"]+\">\d{1,2} [A-Z][a-z]{2} \d{4}</time>", html)
    assert "Give the reading a day." in html


def test_the_editor_marks_blocks_with_review_comments_and_links_to_the_thread(
    client, course, reviewer
):
    block = course.schedule.blocks.get()
    version = schedule_submit(course=course, by=course.owner)
    thread = review_comment(version=version, by=reviewer, body="A day, please.", block_id=block.pk)
    review_comment(version=version, by=course.owner, body="Friday?", reply_to=thread)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    review = reverse("schedules:review", args=[course.schedule.pk])
    assert f'href="{review}?version=1#comment-{thread.pk}">2 review comments' in html


def test_the_review_page_leads_the_instructors_back_to_the_editor_not_the_reviewer(
    client, course, reviewer
):
    schedule_submit(course=course, by=course.owner)
    editor = reverse("schedules:editor", args=[course.pk])
    url = reverse("schedules:review", args=[course.schedule.pk])
    client.force_login(course.owner)
    assert f'href="{editor}"' in client.get(url).content.decode()
    client.force_login(reviewer)
    assert f'href="{editor}"' not in client.get(url).content.decode()


def test_a_reviewer_lands_on_the_queue_and_the_queue_is_first_in_their_nav(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("schedules:dashboard"))
    assert response["Location"] == reverse("schedules:review_queue")
    html = client.get(response["Location"]).content.decode()
    found = re.search(r'<nav class="site-nav".*?</nav>', html, re.S)
    assert found is not None
    nav = found.group(0)
    assert nav.index("Review queue") < nav.index("Rules")
    assert "My courses" not in nav


def test_an_instructor_who_reviews_too_keeps_their_courses(client):
    both = UserFactory(roles=(Role.INSTRUCTOR, Role.REVIEWER))
    client.force_login(both)
    assert client.get(reverse("schedules:dashboard")).status_code == 200


def test_the_queue_counts_problems_warnings_and_dismissals(client, course, reviewer):
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Talk", start_time=time(10), recorded=True
    )
    FindingDismissalFactory(schedule=course.schedule, key="monotony", reason="On purpose.")
    version = schedule_submit(course=course, by=course.owner)
    findings = version.snapshot["findings"]
    open_ = [f for f in findings if not f["dismissed"]]
    client.force_login(reviewer)
    html = client.get(reverse("schedules:review_queue")).content.decode()
    for label, count in (
        ("Problems", sum(f["severity"] == "problem" for f in open_)),
        ("Warnings", sum(f["severity"] == "warning" for f in open_)),
        ("Dismissed", sum(bool(f["dismissed"]) for f in findings)),
    ):
        assert re.search(rf'data-label="{label}"[^>]*>{count}<', html), label


def test_the_print_view_of_an_approved_version_is_signed_off(client, course, reviewer):
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=reviewer, approve=True, comment="Good to go.")
    client.force_login(reviewer)
    html = client.get(reverse("schedules:review_print", args=[course.schedule.pk])).content
    sign_off = html.decode().split('id="signoff-heading"')[1]
    assert "Ines Okafor" in sign_off
    assert "Submitted version 1" in sign_off
    assert "Ravi Lindqvist" in sign_off
    assert "Approved" in sign_off
    assert "Good to go." in sign_off
