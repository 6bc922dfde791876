"""A newcomer rule admin's walk, at a laptop's width and a phone's: sign in, open the Rules
page, start a draft, change a threshold and a matrix weight (one invalid value first: a clear
error, nothing typed lost), preview the impact, publish with a note, watch the worker move
every course, then find the new version in the history and open it. At every step: a
screenshot, no serious or critical accessibility violation, nothing scrolls sideways."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from schedules.models import RuleSet, Schedule
from schedules.recommendations.services import recommendation_refresh
from tests.browser.helpers import sign_in
from tests.browser.test_phone_width import sideways_overflow
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.parametrize("width", [1280, 390])
def test_a_newcomer_rule_admin_edits_previews_publishes_and_finds_the_new_version(
    page: Page, live_server, settings, width, screenshot, serious_accessibility_violations
):
    settings.TASKS = DATABASE_TASKS  # queued for the worker, which the test runs below
    page.set_viewport_size({"width": width, "height": 900})

    def step(name: str) -> None:
        full = screenshot(page, f"rule-admin-{width}-{name}")
        page.screenshot(path=str(full).replace(".png", "-seen.png"))  # what is on screen
        assert serious_accessibility_violations(page) == [], name
        assert sideways_overflow(page) == 0, f"{name} scrolls sideways at {width} px"
        # Sources read as citations, never as file numbers ("seed 000").
        expect(page.locator("body")).not_to_contain_text(re.compile(r"\b[Ss]eeds? \d{3}"))

    # Two courses whose outcomes are half skills, half knowledge: they fit no row fully, so
    # the weight of the outcomes column moves them.
    for title in ("Organic Chemistry", "Materials Lab"):
        course = CourseFactory(title=title)
        LearningOutcomeFactory(course=course)
        LearningOutcomeFactory(course=course, knowledge=True)
        LearnerSegmentFactory(profile__course=course)
        recommendation_refresh(course=course)
    UserFactory(username="rosa", rule_admin=True, first_name="Rosa", last_name="Diaz")

    sign_in(page, live_server, "rosa")
    page.get_by_role("link", name="Rules").click()
    expect(page.get_by_role("heading", name="Published: Rules v1")).to_be_visible()
    step("1-rules")

    page.get_by_role("button", name="Start a draft").click()
    draft = page.locator("#rules-draft")
    expect(draft.get_by_role("button", name="Save settings")).to_be_visible()
    step("2-draft")

    # One invalid value (a group size of 0) beside a valid change: refused, both kept.
    draft.get_by_label("Live group size needing a co-facilitator").fill("0")
    draft.get_by_label("Weight: outcomes").fill("0.5")
    draft.get_by_role("button", name="Save settings").click()
    expect(draft.get_by_role("alert")).to_contain_text("The settings were refused")
    # Beside the field, in its own words (no "thresholds.co_facilitator_group_size").
    expect(draft.locator("#id_co_facilitator_group_size_error")).to_contain_text(
        "Must be at least 1 (got 0)."
    )
    expect(draft).not_to_contain_text("thresholds.")
    group = draft.get_by_label("Live group size needing a co-facilitator")
    expect(group).to_have_value("0")
    expect(draft.get_by_label("Weight: outcomes")).to_have_value("0.5")
    expect(group).to_have_attribute("aria-invalid", "true")
    expect(group).to_be_focused()  # the page goes to the field to correct
    step("3-invalid")

    group.fill("12")
    draft.get_by_role("button", name="Save settings").click()
    expect(page.locator("#toasts")).to_contain_text("saved")
    expect(draft.get_by_label("Live group size needing a co-facilitator")).to_have_value("12")
    expect(draft.get_by_label("Weight: outcomes")).to_have_value("0.5")
    step("4-saved")

    draft.get_by_role("button", name="Preview the impact").click()
    expect(page.locator("#impact-preview")).to_contain_text("Working out the impact")
    step("5a-preview-running")
    call_command("db_worker", batch=True, startup_delay=False)  # the page polls for it
    expect(draft).to_contain_text("Organic Chemistry")
    expect(draft).to_contain_text("would change")
    step("5-preview")

    # Publishing without a note is refused where the admin is: beside the field, focused.
    page.get_by_role("button", name="Publish as v2").click()
    note = page.get_by_label("What changed and why")
    expect(note).to_be_focused()
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_note_error")).to_contain_text("This field is required.")
    assert page.evaluate("window.scrollY") > 0  # not at the top of the long page
    step("5b-note-needed")
    note.fill("Outcomes count for more; smaller groups")
    page.get_by_role("button", name="Publish as v2").click()
    progress = page.locator("#recompute-progress")
    expect(page.get_by_role("heading", name="Published: Rules v2")).to_be_visible()
    expect(progress).to_contain_text("0 of 2 courses")
    step("6-publishing")

    call_command("db_worker", batch=True, startup_delay=False)
    expect(progress).to_contain_text("Done: recomputed the recommendations of 2 courses")
    assert set(Schedule.objects.values_list("rules_version", flat=True)) == {2}
    # The one date format of every page ("7 Dec 2026"), not a second one ("7 December").
    expect(progress).to_contain_text(re.compile(r"Finished \d{1,2} [A-Z][a-z]{2} \d{4}, "))
    # On a phone too, the progress is the first thing under the heading, not below the rules.
    assert progress.evaluate("element => element.getBoundingClientRect().top") < 900
    step("7-done")

    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Outcomes count for more; smaller groups")
    expect(history).to_contain_text("Rosa Diaz")
    history.get_by_role("link", name="v2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rules v2")
    changes = page.get_by_role("region", name="What changed from v1")
    expect(changes).to_contain_text("Weight: outcomes: 1 → 0.5")
    expect(changes).to_contain_text("Live group size needing a co-facilitator: 20 → 12")
    step("8-version")
    assert RuleSet.objects.get(version=1).status == "retired"
