"""A rule admin previews a draft's impact: the worker works it out while the page shows how
far it is, then the courses that would change, with and without JavaScript."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, ViewportSize, expect

from schedules.recommendations.services import recommendation_refresh
from schedules.rulesets.selectors import validate_spec
from schedules.rulesets.services import ruleset_draft_save, ruleset_draft_start
from tests.browser.helpers import sign_in
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
PHONE = ViewportSize(width=390, height=844)
DESKTOP = ViewportSize(width=1280, height=900)


def three_courses_and_a_draft() -> None:
    """Three courses fitting row 1 fully (70% live) and a draft raising row 1 to 80%."""
    for n in range(3):
        course = CourseFactory(title=f"Course {n}")
        LearningOutcomeFactory(course=course)
        LearnerSegmentFactory(profile__course=course)
        recommendation_refresh(course=course)
    rosa = UserFactory(username="rosa", rule_admin=True)
    draft = ruleset_draft_start(by=rosa)
    spec = {**draft.spec, "matrix": [dict(row) for row in draft.spec["matrix"]]}
    spec["matrix"][0]["live_share"] = 80
    ruleset_draft_save(draft=draft, spec=validate_spec(spec))


def test_a_rule_admin_previews_the_impact_and_sees_it_arrive_in_the_page(
    page: Page, live_server, settings, screenshot, serious_accessibility_violations
):
    settings.TASKS = DATABASE_TASKS  # queued for the worker, which this test runs
    three_courses_and_a_draft()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "rosa")
    page.get_by_role("link", name="Rules").click()

    page.get_by_role("button", name="Preview the impact").click()

    preview = page.locator("#impact-preview")
    expect(preview).to_contain_text("Working out the impact: 0 of 3 courses gone through")
    expect(preview).to_contain_text("Waiting for the background worker to start.")
    toasts = page.locator("#toasts")
    expect(toasts).to_contain_text("Working out the impact of the draft in the background.")
    expect(preview.get_by_role("progressbar")).to_be_visible()
    expect(preview.get_by_role("button", name="Preview the impact")).to_have_count(0)
    assert serious_accessibility_violations(page) == []
    preview.screenshot(path=screenshot(page, "rules-impact-running-1280").with_suffix(".part.png"))
    page.set_viewport_size(PHONE)
    preview.screenshot(path=screenshot(page, "rules-impact-running-390").with_suffix(".part.png"))

    call_command("db_worker", batch=True, startup_delay=False)

    # The page polls every 2 seconds, and stops once it shows the result.
    expect(preview.get_by_role("table")).to_contain_text("3 courses would change")
    expect(preview).to_contain_text("+10 points")
    expect(toasts).to_contain_text("Impact preview ready: 3 courses would change.")
    expect(preview).not_to_have_attribute("hx-trigger", "every 2s")
    expect(preview.get_by_role("button", name="Preview the impact")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    preview.screenshot(path=screenshot(page, "rules-impact-done-390").with_suffix(".part.png"))
    page.set_viewport_size(DESKTOP)
    preview.screenshot(path=screenshot(page, "rules-impact-done-1280").with_suffix(".part.png"))

    # Left and come back to: the result is still there.
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Rules").click()
    expect(page.locator("#impact-preview")).to_contain_text("3 courses would change")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_refresh_link_shows_the_result(
    page: Page, live_server, settings, screenshot
):
    settings.TASKS = DATABASE_TASKS
    three_courses_and_a_draft()
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "rosa")
    page.get_by_role("link", name="Rules").click()

    page.get_by_role("button", name="Preview the impact").click()
    preview = page.locator("#impact-preview")
    expect(preview).to_contain_text("Working out the impact: 0 of 3 courses gone through")

    call_command("db_worker", batch=True, startup_delay=False)
    preview.get_by_role("link", name="Refresh").click()

    expect(page.locator("#impact-preview")).to_contain_text("3 courses would change")
    screenshot(page, "rules-impact-nojs-1280")
