"""A rule admin publishes and watches the worker move every course to the new rules."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, ViewportSize, expect

from schedules.models import Schedule
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


def test_a_rule_admin_publishes_sees_the_progress_and_then_that_it_is_done(
    page: Page, live_server, settings, screenshot, serious_accessibility_violations
):
    settings.TASKS = DATABASE_TASKS  # queued for the worker, which this test runs
    for n in range(3):
        course = CourseFactory(title=f"Course {n}")
        LearningOutcomeFactory(course=course)
        LearnerSegmentFactory(profile__course=course)
        recommendation_refresh(course=course)
    rosa = UserFactory(username="rosa", rule_admin=True)
    draft = ruleset_draft_start(by=rosa)
    spec = {**draft.spec, "matrix": [dict(row) for row in draft.spec["matrix"]]}
    spec["matrix"][0]["live_share"] = 80  # the courses fit row 1 fully: 70% → 80%
    ruleset_draft_save(draft=draft, spec=validate_spec(spec))

    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, "rosa")
    page.get_by_role("link", name="Rules").click()
    page.get_by_label("What changed and why").fill("Labs proved their worth in the pilot")
    page.get_by_role("button", name="Publish as v2").click()

    progress = page.locator("#recompute-progress")
    expect(page.get_by_role("heading", name="Published: Rules v2")).to_be_visible()
    expect(progress).to_contain_text("Recomputing recommendations: 0 of 3 courses")
    expect(progress).to_contain_text("Waiting for the background worker to start.")
    expect(progress.get_by_role("progressbar")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "rules-recompute-running-1280")
    page.set_viewport_size(PHONE)
    screenshot(page, "rules-recompute-running-390")
    assert set(Schedule.objects.values_list("rules_version", flat=True)) == {1}

    call_command("db_worker", batch=True, startup_delay=False)

    # The page polls every 2 seconds, and stops once it shows the job done.
    expect(progress).to_contain_text(
        "Done: recomputed the recommendations of 3 courses; 3 changed their recommended share"
    )
    expect(progress).not_to_have_attribute("hx-trigger", "every 2s")
    assert set(Schedule.objects.values_list("rules_version", flat=True)) == {2}
    assert serious_accessibility_violations(page) == []
    screenshot(page, "rules-recompute-done-390")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "rules-recompute-done-1280")
