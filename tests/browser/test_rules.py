"""A rule admin edits the rules in the browser, previews the impact and publishes."""

import pytest
from playwright.sync_api import Page, expect

from schedules.models import RuleSet
from schedules.recommendations.services import recommendation_refresh
from tests.browser.helpers import sign_in
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_rule_admin_edits_previews_and_publishes_a_new_version(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    owner = UserFactory(username="ines", instructor=True)
    course = CourseFactory(owner=owner, title="Organic Chemistry")
    LearningOutcomeFactory(course=course)
    LearnerSegmentFactory(profile__course=course)
    recommendation_refresh(course=course)  # 70%: fits seed 000's row 1 fully
    UserFactory(username="rosa", rule_admin=True)

    sign_in(page, live_server, "rosa")
    page.get_by_role("link", name="Rules").click()
    expect(page.get_by_role("heading", name="Published: Rules v1")).to_be_visible()
    page.get_by_role("button", name="Start a draft").click()

    # A wrong row is refused with its problem, and the draft is unchanged.
    page.get_by_role("link", name="Edit row “Skill mastery with full-time local learners”").click()
    row = page.locator(".row-item form.row-form")
    expect(row.get_by_label("Id")).to_be_focused()  # the form takes focus as it opens
    row.get_by_label("Live share (%)").fill("120")
    row.get_by_role("button", name="Save row").click()
    expect(page.get_by_role("alert")).to_contain_text("The change was refused")
    expect(page.get_by_role("alert")).to_contain_text("live_share")

    row = page.locator(".row-item form.row-form")
    expect(row.get_by_role("button", name="Save row")).to_be_focused()  # focus stays put
    row.get_by_label("Live share (%)").fill("80")
    row.get_by_role("button", name="Save row").click()
    expect(page.get_by_role("status").filter(has_text="saved")).to_be_attached()
    expect(page.locator("#rules-draft")).to_contain_text("80% live")

    page.get_by_role("button", name="Preview the impact").click()  # worked out at once in tests
    expect(page.locator("#rules-draft")).to_contain_text("Organic Chemistry")
    expect(page.locator("#rules-draft")).to_contain_text("+10 points")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "rules-draft")

    page.get_by_label("What changed and why").fill("Labs proved their worth in the pilot")
    page.get_by_role("button", name="Publish as v2").click()
    expect(page.get_by_role("heading", name="Published: Rules v2")).to_be_visible()
    assert RuleSet.objects.get(version=1).status == "retired"
    course.schedule.refresh_from_db()
    assert course.schedule.recommended_live_share == 80

    # The instructor's course page shows the change, and where it came from.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Organic Chemistry").click()
    expect(page.get_by_role("region", name="Recommended split")).to_contain_text("80%")
    expect(page.get_by_text("Updated by rules v2")).to_be_visible()
