"""An instructor applies a suggested live slot and the time-zone finding goes away."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.factories import UserFactory, london_new_york_course

pytestmark = pytest.mark.django_db(transaction=True)


def test_applying_a_suggested_slot_clears_the_time_zone_finding(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    owner = UserFactory(username="ines", instructor=True)
    course = london_new_york_course(owner=owner)

    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/")
    findings = page.get_by_role("region", name="Findings")
    expect(findings).to_contain_text("outside waking hours for 12 of 22 learners")

    page.get_by_role("link", name="Time-zone planner").click()
    expect(page.get_by_role("heading", name="Time-zone planner")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "timezone-planner")
    page.get_by_role("button", name="Use for “Seminar”").first.click()
    expect(
        page.get_by_role("status").filter(has_text="“Seminar” now starts").first
    ).to_be_attached()
    expect(page.get_by_role("region", name="Live blocks and who they leave out")).to_contain_text(
        "Inside waking hours for every learner"
    )

    page.get_by_role("link", name="Back to the blend editor").click()
    expect(page.get_by_role("region", name="Findings")).not_to_contain_text("outside waking hours")
