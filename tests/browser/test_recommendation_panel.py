"""Issue 18 in the browser: what the instructor and the rule admin see of the model's last
changes, at desktop and phone widths, axe-checked.

- A stored course with the model's default of 4 live hours in a 6-hour week, described as
  seed 000's row 1: its recommendation says the hours hold it to 67% (not a silent cap).
- An all-knowledge course with a local cohort and a lab: the "Outcomes that need no live
  time" factor withdraws the learners' and tech columns' pull (seed 000: outcomes drive).
- The Rules page's settings form offers the new share; the dashboard counts a repeated
  session once.
"""

from datetime import time
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from schedules.recommendations.services import recommendation_refresh
from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-panel")
WIDTHS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_an_instructor_sees_the_live_hours_cap_and_the_outcome_need_explained(
    page: Page, live_server, serious_accessibility_violations, width
):
    page.set_viewport_size(WIDTHS[width])
    owner = UserFactory(username="ines", instructor=True)
    capped = CourseFactory(owner=owner, title="Titration lab", live_hours_available=Decimal(4))
    LearningOutcomeFactory(course=capped)
    LearnerSegmentFactory(profile__course=capped, head_count=30)
    recommendation_refresh(course=capped)
    foundations = CourseFactory(owner=owner, title="Foundations of Chemistry", cohort_size=60)
    for _ in range(3):
        LearningOutcomeFactory(course=foundations, knowledge=True)
    LearnerSegmentFactory(profile__course=foundations, head_count=60)
    recommendation_refresh(course=foundations)

    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{capped.pk}/recommendation/")
    findings = page.locator("ul.findings")
    expect(findings).to_contain_text("4 live teaching hours a week hold live time to 67%")
    expect(findings).to_contain_text("below the 70% the rest of the description calls for")
    expect(findings).to_contain_text("raise the live teaching hours")
    assert serious_accessibility_violations(page) == []
    assert no_sideways_scroll(page)
    shoot(page, f"recommendation-capped-{width}")

    page.goto(f"{live_server.url}/courses/{foundations.pk}/recommendation/")
    page.get_by_text("How each factor moved the split").click()  # the details open
    expect(page.get_by_role("rowheader", name="Outcomes that need no live time")).to_be_visible()
    expect(page.locator("main")).to_contain_text("should drive the blend")
    assert serious_accessibility_violations(page) == []
    assert no_sideways_scroll(page)
    # A sentence with a citation link reads as one text beside its label on a phone (the
    # stacked card's cell is a flex row: bare text and links once became columns).
    why = (
        page.get_by_role("row")
        .filter(has_text="Outcomes that need no live time")
        .locator("td")
        .last
    )
    assert why.locator(":scope > *").count() == 1
    shoot(page, f"recommendation-foundations-{width}")
    why.screenshot(path=str(SHOTS / f"factor-outcome-need-{width}.png"))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_rule_admin_finds_the_outcome_need_share_on_the_settings_form(
    page: Page, live_server, serious_accessibility_violations, width
):
    page.set_viewport_size(WIDTHS[width])
    UserFactory(username="rosa", rule_admin=True)

    sign_in(page, live_server, "rosa")
    page.get_by_role("link", name="Rules").click()
    page.get_by_role("button", name="Start a draft").click()
    field = page.get_by_label("Live pull that needs outcomes asking for it (share, 0-1)")
    expect(field).to_have_value("1.0")
    assert serious_accessibility_violations(page) == []
    assert no_sideways_scroll(page)
    field.scroll_into_view_if_needed()
    shoot(page, f"rules-settings-{width}")
    field.locator("xpath=..").screenshot(path=str(SHOTS / f"rules-outcome-need-field-{width}.png"))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_dashboard_counts_a_repeated_session_once(
    page: Page, live_server, serious_accessibility_violations, width
):
    page.set_viewport_size(WIDTHS[width])
    owner = UserFactory(username="ines", instructor=True)
    course = CourseFactory(owner=owner, title="Seminar across zones", weeks=4)
    for title, start in (("Seminar", time(10)), ("Seminar (repeat for Sydney)", time(22))):
        ActivityBlockFactory(
            schedule=course.schedule, live=True, title=title, start_time=start, duration_minutes=120
        )
    ActivityBlockFactory(schedule=course.schedule, duration_minutes=240, due_day=4)

    sign_in(page, live_server, "ines")
    expect(page.locator("main")).to_contain_text("33% live")
    assert serious_accessibility_violations(page) == []
    assert no_sideways_scroll(page)
    shoot(page, f"dashboard-repeat-{width}")
