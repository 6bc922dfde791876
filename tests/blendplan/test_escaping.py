"""Text people type is shown as text on every page: HTML and script in every text field.

One course whose every text field (and its people's names) holds markup goes through the
whole workflow; then every page that shows it, for the instructor, the reviewer and the
rule admin, must show the markup escaped and never as markup.
"""

import pytest
from django.urls import reverse

from schedules.editor.selectors import blend_facts
from schedules.editor.services import finding_dismiss
from schedules.models import RuleSet
from schedules.reviews.services import review_comment, review_decide, schedule_submit
from schedules.rules.checks import run_checks
from tests.factories import (
    ActivityBlockFactory,
    ApiTokenFactory,
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
PAYLOAD = f"{SCRIPT}{IMAGE}"


def assert_escaped(html: str, where: str) -> None:
    assert SCRIPT not in html, f"a script tag from user text runs on {where}"
    assert IMAGE not in html, f"an image tag from user text is live on {where}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, f"the text is missing on {where}"


@pytest.fixture
def world():
    owner = UserFactory(instructor=True, first_name=PAYLOAD, last_name="Owner")
    reviewer = UserFactory(reviewer=True, first_name=PAYLOAD, last_name="Reviewer")
    admin = UserFactory(rule_admin=True)
    course = CourseFactory(owner=owner, title=PAYLOAD, code="<b>X</b>" + SCRIPT)
    LearningOutcomeFactory(course=course, text=PAYLOAD)
    LearnerSegmentFactory(profile__course=course, name=PAYLOAD)
    ActivityBlockFactory(schedule=course.schedule, title=PAYLOAD, due_day=None)
    [finding, *_] = run_checks(blend_facts(course))
    finding_dismiss(schedule=course.schedule, finding=finding, reason=PAYLOAD, by=owner)
    version = schedule_submit(course=course, by=owner)
    block_id = version.snapshot["blocks"][0]["id"]
    root = review_comment(version=version, by=reviewer, body=PAYLOAD, block_id=block_id)
    review_comment(version=version, by=owner, body=PAYLOAD, reply_to=root)
    review_decide(version=version, by=reviewer, approve=False, comment=PAYLOAD)
    course.schedule.blocks.update(duration_minutes=90)
    schedule_submit(course=course, by=owner)
    RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED).update(note=PAYLOAD)
    token = ApiTokenFactory(user=owner, name=PAYLOAD)
    return {
        "owner": owner,
        "reviewer": reviewer,
        "admin": admin,
        "course": course,
        "token": token,
    }


def test_user_text_is_escaped_on_every_page(client, world):
    course, schedule = world["course"], world["course"].schedule
    review = reverse("schedules:review", args=[schedule.pk])
    pages = {
        "owner": [
            reverse("schedules:dashboard"),
            reverse("schedules:course_detail", args=[course.pk]),
            reverse("courses:course_edit", args=[course.pk]),
            reverse("courses:outcome_list", args=[course.pk]),
            reverse("courses:learners_edit", args=[course.pk]),
            reverse("schedules:editor", args=[course.pk]),
            reverse("schedules:timezones", args=[course.pk]),
            review + "?version=1",
            reverse("schedules:api_tokens"),
            reverse("schedules:api_token_revoke", args=[world["token"].pk]),
        ],
        "reviewer": [
            reverse("schedules:review_queue"),
            review + "?version=1",
            reverse("schedules:review_compare", args=[schedule.pk]),
            reverse("schedules:review_print", args=[schedule.pk]) + "?version=1",
        ],
        "admin": [reverse("schedules:rules")],
    }
    for who, urls in pages.items():
        client.force_login(world[who])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert_escaped(response.content.decode(), f"{url} as {who}")
