"""An instructor lays out a blend in the browser and sees the charts follow."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def course():
    owner = UserFactory(username="ines", instructor=True)
    course = CourseFactory(owner=owner, title="Data Analytics", weeks=12)
    LearningOutcomeFactory(course=course, text="Build a pivot-table analysis")
    return course


def open_editor(page: Page, live_server, course) -> None:
    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/")
    expect(page.get_by_role("heading", name="Blend editor")).to_be_visible()


def test_an_instructor_starts_from_sample_week_b_edits_adds_and_copies(
    page: Page, live_server, course, screenshot, serious_accessibility_violations
):
    open_editor(page, live_server, course)
    expect(page.locator(".gauge-text")).to_contain_text("No blocks yet")
    page.get_by_role("button", name="Start from B: Application and check-in").click()
    expect(page.locator(".gauge-text")).to_contain_text("33% live")
    expect(
        page.get_by_role("status").filter(has_text="Started from sample week B")
    ).to_be_attached()

    # Edit a block: the live application session becomes two hours.
    page.get_by_role("link", name="Edit “Application session”").click()
    edit = page.locator(".block-item form.block-form")
    expect(edit.get_by_label("Title")).to_be_focused()  # the form takes focus as it opens
    edit.get_by_label("Duration (minutes)").fill("120")
    edit.get_by_role("button", name="Save block").click()
    expect(
        page.get_by_role("status").filter(has_text="Saved “Application session”")
    ).to_be_attached()
    expect(page.locator(".gauge-text")).to_contain_text("38% live")

    # Add a block in week 1 only.
    page.get_by_role("link", name="Add a block").click()
    add = page.locator("section", has=page.get_by_role("heading", name="Add a block"))
    expect(add.get_by_label("Title")).to_be_focused()
    add.get_by_label("Title").fill("Kick-off live Q&A")
    add.get_by_label("Modality").select_option("live")
    add.get_by_label("Activity type").select_option("live_seminar")
    add.get_by_label("Day", exact=True).select_option("4")
    add.get_by_label("Start time").fill("16:00")
    add.get_by_label("Duration (minutes)").fill("60")
    add.get_by_label("Weeks").fill("1")
    add.get_by_label("Build a pivot-table analysis").check()
    add.get_by_role("button", name="Add block").click()
    expect(page.get_by_role("status").filter(has_text="Added “Kick-off live Q&A”")).to_be_attached()
    expect(page.locator(".week-bar--over")).to_have_count(1)
    screenshot(page, "editor-week-one-over")

    # Copy week 1 to weeks 2-12: every week now carries the Q&A.
    copy = page.locator("form.copy-form")
    copy.get_by_label("Copy week").select_option("1")
    copy.get_by_label("to weeks").select_option("2")
    copy.get_by_label("through").select_option("12")
    copy.get_by_role("button", name="Copy week").click()
    expect(page.locator(".week-bar--over")).to_have_count(12)
    expect(page.locator(".gauge-text")).to_contain_text("47% live")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "editor")


def test_a_live_block_without_a_start_time_is_refused_inline(page: Page, live_server, course):
    open_editor(page, live_server, course)
    page.get_by_role("link", name="Add a block").click()
    add = page.locator("section", has=page.get_by_role("heading", name="Add a block"))
    expect(add.get_by_label("Title")).to_be_focused()
    add.get_by_label("Title").fill("Office hour")
    add.get_by_label("Modality").select_option("live")
    add.get_by_label("Activity type").select_option("live_clinic")
    add.get_by_label("Duration (minutes)").fill("30")
    add.get_by_role("button", name="Add block").click()
    expect(page.locator("#id_start_time_error")).to_have_text("A live block needs a start time.")
    expect(add.get_by_label("Title")).to_have_value("Office hour")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_the_core_actions_work_without_javascript(page: Page, live_server, course):
    open_editor(page, live_server, course)
    page.get_by_role("button", name="Start from C: Clinic").click()
    expect(page.locator(".gauge-text")).to_contain_text("17% live")
    page.get_by_role("button", name="Delete “Peer review”").click()
    question = page.get_by_role("alertdialog")
    expect(question).to_contain_text("Delete “Peer review”? It runs on Fridays")
    question.get_by_role("button", name="Delete “Peer review”").click()
    expect(page.get_by_role("status").filter(has_text="Deleted “Peer review”")).to_be_attached()
    expect(page.locator(".gauge-text")).to_contain_text("20% live")


def test_keyboard_only_use_keeps_focus_after_each_update(page: Page, live_server, course):
    open_editor(page, live_server, course)
    page.get_by_role("button", name="Start from A: Seminar and lab").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".gauge-text")).to_contain_text("50% live")
    expect(page.get_by_role("button", name="Start from A: Seminar and lab")).to_be_focused()

    page.get_by_role("button", name="Delete “Reflection journal”").focus()
    page.keyboard.press("Enter")
    question = page.get_by_role("alertdialog")
    expect(question.get_by_role("link", name="Keep it")).to_be_focused()  # the safe answer
    # Focus and Enter in one step: the dialog's own focus handling (on "Keep it") must not
    # land between them and take the Enter.
    question.get_by_role("button", name="Delete “Reflection journal”").press("Enter")
    expect(
        page.get_by_role("status").filter(has_text="Deleted “Reflection journal”")
    ).to_be_attached()
    # The button is gone with its block; focus stays in the workspace, on a heading.
    expect(page.locator("#blend-workspace h2:focus")).to_have_count(1)

    page.get_by_role("link", name="Add a block").focus()
    page.keyboard.press("Enter")
    add = page.locator("section", has=page.get_by_role("heading", name="Add a block"))
    expect(add.get_by_label("Title")).to_be_focused()  # the form takes focus when it opens
    page.keyboard.type("Office hour")
    page.keyboard.press("Enter")  # submits with modality and activity type missing
    expect(add.locator("#id_modality_error")).to_be_visible()
    expect(add.get_by_label("Modality")).to_be_focused()


def test_copying_a_week_over_other_blocks_asks_first_and_starts_on_cancel(
    page: Page, live_server, course, screenshot, serious_accessibility_violations
):
    ActivityBlockFactory(schedule=course.schedule, weeks=[1], title="Kick-off")
    ActivityBlockFactory(schedule=course.schedule, weeks=[5], title="Quiz 5")
    open_editor(page, live_server, course)
    copy = page.locator("form.copy-form")
    copy.get_by_label("Copy week").select_option("1")
    copy.get_by_label("to weeks").select_option("2")
    copy.get_by_label("through").select_option("12")
    copy.get_by_role("button", name="Copy week").click()

    question = page.get_by_role("alertdialog")
    expect(question).to_contain_text("takes 1 block that does not run in week 1")
    expect(question).to_contain_text("Quiz 5")
    expect(question).to_contain_text("runs in no other week, so it will be deleted")
    # Keyboard users land on the safe answer, not on the one that deletes.
    expect(question.get_by_role("link", name="Cancel")).to_be_focused()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "editor-copy-question")

    question.get_by_role("button", name="Copy and take it out").click()
    expect(
        page.get_by_role("status").filter(has_text="1 block(s) not in week 1 no longer run")
    ).to_be_attached()
    expect(page.locator("form.copy-form")).to_be_visible()
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/?week=5")
    expect(page.locator(".block-list")).not_to_contain_text("Quiz 5")
    expect(page.locator(".block-list")).to_contain_text("Kick-off")


def test_all_findings_of_one_check_are_dismissed_at_once(
    page: Page, live_server, course, screenshot, serious_accessibility_violations
):
    for title in ("Reading 1", "Reading 2", "Reading 3"):
        ActivityBlockFactory(schedule=course.schedule, title=title, due_day=None)
    open_editor(page, live_server, course)

    page.get_by_role("link", name="Dismiss all 3 like this").click()
    reason = page.get_by_label("Why none of these 3 applies")
    expect(reason).to_be_focused()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "editor-dismiss-all")
    reason.fill("Optional background reading, not assessed.")
    page.get_by_role("button", name="Dismiss all 3 with this reason").click()

    expect(page.get_by_role("status").filter(has_text="3 findings dismissed")).to_be_attached()
    expect(page.locator("details.dismissed summary")).to_have_text("Dismissed (3)")
