"""The blend checks as an instructor and a rule admin meet them in the browser: findings that
read what an activity does, with numbers, blocks and a citation, at 1280 and 390 px; the
monotony severities on the Rules page."""

from datetime import date, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.browser.test_phone_width import sideways_overflow
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-checks")


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def course():
    """A 12-week course whose learners declared captions, with a segment on low bandwidth
    in Tokyo, laid out with a presentational lecture that is the skill's only practice."""
    owner = UserFactory(username="ines", instructor=True)
    course = CourseFactory(
        owner=owner, title="Field Ecology", weeks=12, start_date=date(2027, 1, 11), cohort_size=18
    )
    skill = LearningOutcomeFactory(
        course=course, text="Run a field survey", kind="interactive_skill_mastery"
    )
    campus = LearnerSegmentFactory(
        profile__course=course,
        profile__accessibility_needs=["captions"],
        name="Campus",
        head_count=12,
    )
    LearnerSegmentFactory(
        profile=campus.profile,
        name="Tokyo partners",
        head_count=6,
        timezone="Asia/Tokyo",
        bandwidth="low",
    )
    ActivityBlockFactory(
        schedule=course.schedule, title="Survey reading", day=0, due_day=0, outcomes=[skill]
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Lecture: survey methods",
        activity_type="live_lecture",
        delivery="presentational",
        start_time=time(9),
        duration_minutes=120,
        gagne_events=[4],
        outcomes=[skill],
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Lecture: sampling design",
        activity_type="live_lecture",
        delivery="presentational",
        day=2,
        start_time=time(9),
        duration_minutes=60,
        gagne_events=[4],
    )
    return course


@pytest.mark.parametrize("width", [1280, 390])
def test_an_instructor_sees_what_the_checks_read_in_their_blend(
    page: Page, live_server, course, width, serious_accessibility_violations
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/")
    expect(page.get_by_role("heading", name="Blend editor")).to_be_visible()

    findings = page.locator("main")
    # The declared need is a problem naming the block and who declared it.
    expect(findings).to_contain_text(
        "“Lecture: survey methods” (Monday, every week) has no captions, and the cohort "
        "(18 learners) declared captions as a need."
    )
    # The low-bandwidth segment is named inside a cohort marked reliable.
    expect(findings).to_contain_text("6 of 18 learners (Tokyo partners) have low bandwidth")
    # The lecture presents: the minutes, and the skill it is the only practice for.
    expect(findings).to_contain_text("spends 120 minutes of live time presenting")
    # Two passive lectures: each shows the fix that names it.
    expect(findings).to_contain_text(
        "Fix: Move the presentation in “Lecture: sampling design” to a recording"
    )
    expect(findings).to_contain_text(
        "The skill “Run a field survey” is practised nowhere: “Lecture: survey methods” only "
        "presents it live"
    )
    # Citations a reader recognises, not file numbers.
    expect(findings).not_to_contain_text("seed 00")

    assert serious_accessibility_violations(page) == []
    assert sideways_overflow(page) == 0
    shoot(page, f"editor-findings-{width}")
    page.get_by_role("heading", name="Findings").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"editor-findings-{width}-viewport.png"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_rule_admin_tunes_when_monotony_becomes_a_warning_and_a_problem(
    page: Page, live_server, width, serious_accessibility_violations
):
    UserFactory(username="rosa", rule_admin=True)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "rosa")
    page.goto(f"{live_server.url}/rules/")
    expect(page.locator("main")).to_contain_text(
        "one activity type above 60% of all activities a suggestion, from 75% a warning, "
        "from 95% a problem"
    )
    page.get_by_role("button", name="Start a draft").click()

    warning = page.get_by_label("Monotony is a warning from this share of one activity type")
    expect(warning).to_have_value("0.75")
    warning.fill("0.99")  # above the problem share: refused, with the reason
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("alert")).to_contain_text("The settings were refused")
    expect(page.locator("main")).to_contain_text("must grow more serious with the share")

    page.get_by_label("Monotony is a warning from this share of one activity type").fill("0.7")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_be_attached()
    expect(
        page.get_by_label("Monotony is a warning from this share of one activity type")
    ).to_have_value("0.7")

    assert serious_accessibility_violations(page) == []
    assert sideways_overflow(page) == 0
    shoot(page, f"rules-monotony-{width}")
    page.get_by_label(
        "Monotony is a warning from this share of one activity type"
    ).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"rules-monotony-{width}-viewport.png"))


@pytest.mark.parametrize("width", [1280, 390])
def test_a_newcomer_starts_from_the_recommended_week_fitted_to_the_recommended_share(
    page: Page, live_server, width, serious_accessibility_violations
):
    from schedules.models import Schedule

    owner = UserFactory(username="ines", instructor=True)
    course = CourseFactory(owner=owner, title="Statics", weeks=12, weekly_hours=6)
    Schedule.objects.filter(pk=course.schedule.pk).update(
        recommended_live_share=45, recommendation={"nearest_sample_week": {"letter": "B"}}
    )
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/")
    page.get_by_role("button", name="Start from B, fitted to 45% live").click()
    expect(
        page.get_by_role("status").filter(has_text="fitted to the recommended 45% live")
    ).to_be_attached()
    expect(page.locator("main")).to_contain_text("45% live")
    expect(page.locator("main")).not_to_contain_text("Split off the recommendation")

    assert serious_accessibility_violations(page) == []
    assert sideways_overflow(page) == 0
    shoot(page, f"editor-fitted-{width}")
    page.get_by_role("heading", name="Split").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"editor-fitted-{width}-viewport.png"))
