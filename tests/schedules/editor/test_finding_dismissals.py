"""Dismissing a finding: a reason is required, the finding is set aside, and can come back."""

import pytest
from django.urls import reverse

from schedules.models import FindingDismissal
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def course():
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule, title="Loose reading", due_day=None)
    return course


def dismiss(client, course, key, reason):
    return client.post(
        reverse("schedules:finding_dismiss", args=[course.pk]),
        {"key": key, "reason": reason},
        **HTMX,
    )


def key_of(course) -> str:
    return f"self-paced-without-due-day:{course.schedule.blocks.get().pk}"


def test_a_finding_dismissed_with_a_reason_leaves_the_list_and_keeps_the_reason(client, course):
    client.force_login(course.owner)
    response = dismiss(client, course, key_of(course), "Optional extension reading.")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dismissed (1)" in html
    assert "Optional extension reading." in html
    dismissal = FindingDismissal.objects.get()
    assert dismissal.dismissed_by == course.owner
    assert "Loose reading" in dismissal.message


def test_a_dismissal_without_a_reason_is_refused(client, course):
    client.force_login(course.owner)
    response = dismiss(client, course, key_of(course), "   ")
    assert response.status_code == 422
    assert "Say why this finding does not apply" in response.content.decode()
    assert not FindingDismissal.objects.exists()


def test_a_dismissed_finding_can_be_restored(client, course):
    client.force_login(course.owner)
    dismiss(client, course, key_of(course), "Not graded.")
    dismissal = FindingDismissal.objects.get()
    client.post(reverse("schedules:finding_restore", args=[course.pk, dismissal.pk]))
    assert not FindingDismissal.objects.exists()


def test_another_instructor_cannot_dismiss_findings(client, course):
    client.force_login(UserFactory(instructor=True))
    assert dismiss(client, course, key_of(course), "Mine now").status_code == 404
    assert not FindingDismissal.objects.exists()


def test_the_dismiss_link_opens_the_reason_form_in_place(client, course):
    client.force_login(course.owner)
    response = client.get(
        reverse("schedules:finding_dismiss", args=[course.pk]), {"key": key_of(course)}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="reason"' in html
    assert f'value="{key_of(course)}"' in html


def test_many_findings_of_one_check_share_one_fix(client):
    course = CourseFactory()
    for n in range(8):
        ActivityBlockFactory(schedule=course.schedule, title=f"Reading {n}", due_day=None)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert html.count("Give it a due day") == 1
    assert "and 3 more like this" in html


@pytest.fixture
def course_with_three_loose_readings(course):
    for title in ("Second reading", "Third reading"):
        ActivityBlockFactory(schedule=course.schedule, title=title, due_day=None)
    return course


def test_every_finding_of_a_check_can_be_dismissed_at_once_with_one_reason(
    client, course_with_three_loose_readings
):
    course = course_with_three_loose_readings
    client.force_login(course.owner)
    url = reverse("schedules:finding_dismiss", args=[course.pk])
    editor = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert "Dismiss all 3 like this" in editor

    page = client.get(url, {"check": "self-paced-without-due-day"}, **HTMX).content.decode()
    assert "Why none of these 3 applies" in page
    response = client.post(
        url, {"check": "self-paced-without-due-day", "reason": "All optional."}, **HTMX
    )

    html = response.content.decode()
    assert "3 findings dismissed; reviewers will see your reason." in html
    assert "Dismissed (3)" in html
    dismissed = FindingDismissal.objects.filter(schedule=course.schedule)
    assert sorted(dismissed.values_list("reason", flat=True)) == ["All optional."] * 3
    assert {d.check_id for d in dismissed} == {"self-paced-without-due-day"}
    assert "Dismiss all 3 like this" not in html


def test_dismissing_all_without_a_reason_dismisses_none(client, course_with_three_loose_readings):
    course = course_with_three_loose_readings
    client.force_login(course.owner)

    response = client.post(
        reverse("schedules:finding_dismiss", args=[course.pk]),
        {"check": "self-paced-without-due-day", "reason": " "},
        **HTMX,
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Say why this finding does not apply" in html
    assert 'id="dismiss-all-reason"' in html
    assert not FindingDismissal.objects.exists()


def test_a_check_with_one_finding_offers_no_dismiss_all(client, course):
    client.force_login(course.owner)

    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()

    assert "Dismiss all" not in html


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "fragment"])
def test_every_finding_of_a_long_list_opens_its_own_reason_form(client, htmx):
    """The sixth and later findings of a check sit behind "and N more like this"; Dismiss
    on each of them opens that finding's reason form (it once opened none)."""
    course = CourseFactory()
    blocks = [
        ActivityBlockFactory(schedule=course.schedule, title=f"Reading {n}", due_day=None)
        for n in range(8)
    ]
    client.force_login(course.owner)
    editor = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert "and 3 more like this" in editor
    for block in blocks:
        key = f"self-paced-without-due-day:{block.pk}"
        assert f"key={key.replace(':', '%3A')}&amp;week=1" in editor  # each has its link
        response = client.get(
            reverse("schedules:finding_dismiss", args=[course.pk]),
            {"key": key, "week": 1},
            **(HTMX if htmx else {}),
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert html.count('<textarea id="dismiss-reason-') == 1
        assert f'<input type="hidden" name="key" value="{key}">' in html


def test_a_dismiss_link_naming_a_finding_and_a_check_is_refused_with_400(client, course):
    client.force_login(course.owner)
    response = client.get(
        reverse("schedules:finding_dismiss", args=[course.pk]),
        {"key": key_of(course), "check": "self-paced-without-due-day"},
    )
    assert response.status_code == 400
    assert "Name one finding (key) or one check (check), not both" in response.content.decode()


def test_a_dismiss_link_to_a_finding_that_no_longer_applies_says_so(client, course):
    client.force_login(course.owner)
    url = reverse("schedules:finding_dismiss", args=[course.pk])
    response = client.get(url, {"key": "no-such-finding", "week": "2"}, **HTMX)
    html = response.content.decode()
    assert "That finding no longer applies." in html
    assert 'name="reason"' not in html
    page = client.get(url, {"key": "no-such-finding", "week": "2"})
    assert page.status_code == 302
    assert page.url.endswith("?week=2")


def test_the_dismiss_page_without_a_finding_is_the_editor(client, course):
    client.force_login(course.owner)
    response = client.get(reverse("schedules:finding_dismiss", args=[course.pk]), {"week": "1"})
    assert response.status_code == 200
    assert "Blend editor" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "Optional."}, "Say which finding to dismiss; nothing was dismissed."),
        (
            {"key": "k", "check": "self-paced-without-due-day", "reason": "Optional."},
            "Name one finding (key) or one check (check), not both; nothing was dismissed.",
        ),
    ],
    ids=["neither", "both"],
)
def test_a_dismissal_naming_no_finding_or_two_kinds_is_refused_and_nothing_is_dismissed(
    client, course, data, message
):
    client.force_login(course.owner)
    response = client.post(reverse("schedules:finding_dismiss", args=[course.pk]), data, **HTMX)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FindingDismissal.objects.exists()


def test_a_dismissal_with_a_bad_week_is_refused_and_nothing_is_dismissed(client, course):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:finding_dismiss", args=[course.pk]),
        {"key": key_of(course), "reason": "Optional.", "week": "abc"},
        **HTMX,
    )
    assert response.status_code == 400
    assert "There is no week “abc” in this course" in response.content.decode()
    assert not FindingDismissal.objects.exists()


def test_each_outcome_no_activity_serves_is_dismissed_on_its_own(client):
    course = CourseFactory()
    first, second = (LearningOutcomeFactory(course=course, text=t) for t in ("Argue", "Cite"))
    client.force_login(course.owner)
    keys = [f"outcome-not-served:outcome-{outcome.pk}" for outcome in (first, second)]
    opened = client.get(
        reverse("schedules:finding_dismiss", args=[course.pk]), {"key": keys[0], "week": 1}
    ).content.decode()
    assert opened.count("<textarea") == 1
    assert opened.count('id="dismiss-reason-outcome-not-served-outcome-') == 1
    client.post(
        reverse("schedules:finding_dismiss", args=[course.pk]),
        {"key": keys[0], "reason": "Served by the field trip.", "week": 1},
    )
    assert list(FindingDismissal.objects.values_list("key", flat=True)) == [keys[0]]
    editor = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert "No activity serves the outcome “Cite”" in editor
