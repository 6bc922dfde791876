"""Issue 4's whole flow, as a new instructor would walk it, with screenshots on the way."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.browser.test_course_setup import add_outcome, create_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_new_instructor_goes_from_nothing_to_a_twelve_week_blend(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    UserFactory(username="ines", instructor=True)
    sign_in(page, live_server, "ines")
    screenshot(page, "flow-1-dashboard")
    create_course(page)  # Thermodynamics, STEM, 12 weeks of 6 hours
    add_outcome(page, "Apply the first law to closed systems", "apply", "interactive_skill_mastery")
    add_outcome(page, "Explain entropy", "understand", "knowledge_acquisition")
    add_outcome(page, "Analyse a heat-engine cycle", "analyze", "interactive_skill_mastery")
    # The recommendation panel follows the outcomes (no learners yet: it says what is missing).
    expect(page.get_by_role("region", name="Recommended split")).to_contain_text("learners")
    screenshot(page, "flow-2-outcomes")

    page.get_by_role("link", name="Next: describe the learners").click()
    page.get_by_label("Kind of cohort").select_option("distributed_professionals")
    page.get_by_label("Bandwidth").first.select_option("variable")
    page.get_by_label("Name").fill("London")
    page.get_by_label("Learners", exact=True).fill("30")
    page.get_by_role("combobox", name="Time zone").fill("Europe/London")
    page.get_by_role("button", name="Save learners").click()

    panel = page.get_by_role("region", name="Recommended split")
    expect(panel.get_by_role("heading", name="Why")).to_be_visible()
    recommended = panel.locator(".big-figure").inner_text().split("%")[0]
    screenshot(page, "flow-3-recommendation")

    page.get_by_role("link", name="Open the blend editor").click()
    page.get_by_role("button", name="Start from B: Application and check-in").click()
    gauge = page.locator(".gauge-text")
    expect(gauge).to_contain_text("33% live")
    expect(gauge).to_contain_text(f"recommended {recommended}%")
    hours = page.get_by_text("h a week on average")
    expect(hours).to_contain_text("6.0 h a week on average (2.0 h live)")

    page.get_by_role("link", name="Edit “Check-in with breakout coaching”").click()
    edit = page.locator(".block-item form.block-form")
    expect(edit.get_by_label("Title")).to_be_focused()
    edit.get_by_label("Duration (minutes)").fill("60")
    edit.get_by_role("button", name="Save block").click()
    expect(gauge).to_contain_text("38% live")
    expect(hours).to_contain_text("6.5 h a week on average (2.5 h live)")

    page.get_by_role("link", name="Add a block").click()
    add = page.locator("section", has=page.get_by_role("heading", name="Add a block"))
    expect(add.get_by_label("Title")).to_be_focused()
    add.get_by_label("Title").fill("Week 1 orientation")
    add.get_by_label("Modality").select_option("self_paced")
    add.get_by_label("Activity type").select_option("reading")
    add.get_by_label("Day", exact=True).select_option("0")
    add.get_by_label("Duration (minutes)").fill("30")
    add.get_by_label("Weeks").fill("1")
    add.get_by_label("Due day").select_option("1")
    add.get_by_role("button", name="Add block").click()
    expect(
        page.get_by_role("status").filter(has_text="Added “Week 1 orientation”")
    ).to_be_attached()
    expect(page.locator(".week-bar--over")).to_have_count(1)

    copy = page.locator("form.copy-form")
    copy.get_by_label("Copy week").select_option("1")
    copy.get_by_label("to weeks").select_option("2")
    copy.get_by_label("through").select_option("12")
    copy.get_by_role("button", name="Copy week").click()
    expect(page.locator(".week-bar--over")).to_have_count(12)
    expect(hours).to_contain_text("7.0 h a week on average (2.5 h live)")
    expect(gauge).to_contain_text("36% live")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "flow-4-editor")
