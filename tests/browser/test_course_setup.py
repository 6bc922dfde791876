"""An instructor sets up a course in the browser: basics, outcomes, learners."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.helpers import sign_in
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def create_course(page: Page) -> None:
    page.get_by_role("link", name="New course").first.click()
    page.get_by_label("Title").fill("Thermodynamics")
    page.get_by_label("Code").fill("ENG 220")
    page.get_by_label("Discipline").select_option("stem")
    page.get_by_label("Weeks").fill("12")
    page.get_by_label("Start date").fill("2027-01-11")
    page.get_by_label("Your time zone").fill("Europe/London")
    page.get_by_role("button", name="Create course").click()
    expect(page.get_by_role("heading", name="Learning outcomes")).to_be_visible()


def add_outcome(page: Page, text: str, bloom: str, kind: str) -> None:
    form = page.locator("form.add-form")
    form.get_by_label("Learners will be able to…").fill(text)
    form.get_by_label("Bloom level").select_option(bloom)
    form.get_by_label("Kind of objective").select_option(kind)
    form.get_by_role("button", name="Add outcome").click()
    expect(page.locator("#outcome-list")).to_contain_text(text)


def test_an_instructor_sets_up_a_course_with_outcomes_and_learners(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    UserFactory(username="ines", instructor=True)
    sign_in(page, live_server, "ines")
    create_course(page)
    assert serious_accessibility_violations(page) == []

    add_outcome(page, "Apply the first law to closed systems", "apply", "interactive_skill_mastery")
    add_outcome(page, "Explain entropy", "understand", "knowledge_acquisition")
    add_outcome(page, "Design a heat-engine cycle", "create", "interactive_skill_mastery")
    expect(page.get_by_role("status").filter(has_text="Outcome added.").first).to_be_attached()
    # Reorder with a button, no drag needed.
    page.get_by_role("button", name="Up “Explain entropy”").click()
    expect(page.locator(".outcome-row").first).to_contain_text("Explain entropy")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "setup-outcomes")

    page.get_by_role("link", name="Next: describe the learners").click()
    page.get_by_label("Kind of cohort").select_option("hybrid")
    page.get_by_label("Bandwidth").first.select_option("variable")
    page.get_by_label("Laptop").check()
    page.get_by_label("Name").fill("London campus")
    page.get_by_label("Learners", exact=True).fill("30")
    page.get_by_role("combobox", name="Time zone").fill("Europe/London")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "setup-learners")
    page.get_by_role("button", name="Save learners").click()

    expect(page.get_by_role("heading", name="Thermodynamics")).to_be_visible()
    expect(page.get_by_role("region", name="Learners")).to_contain_text("Hybrid cohort")
    # With outcomes and learners described, the recommendation appears with its reasons.
    panel = page.get_by_role("region", name="Recommended split")
    expect(panel).to_contain_text("live")
    expect(panel.get_by_role("heading", name="Why")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "course-recommendation")
    expect(page.get_by_role("cell", name="Europe/London")).to_be_visible()


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_outcomes_can_be_added_and_removed_without_javascript(page: Page, live_server):
    UserFactory(username="ines", instructor=True)
    sign_in(page, live_server, "ines")
    create_course(page)
    add_outcome(page, "Explain entropy", "understand", "knowledge_acquisition")
    expect(page.get_by_role("status").filter(has_text="Outcome added.").first).to_be_attached()
    page.get_by_role("button", name="Remove “Explain entropy”").click()
    question = page.get_by_role("alertdialog")
    expect(question).to_contain_text("Remove the outcome “Explain entropy”?")
    question.get_by_role("button", name="Remove “Explain entropy”").click()
    expect(page.get_by_text("No outcomes yet.")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_someone_without_the_instructor_role_is_told_whom_to_ask_for_it(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    # A rule admin: a reviewer would land on the review queue instead.
    UserFactory(username="ravi", rule_admin=True)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ravi")
    expect(page.get_by_role("link", name="Create your first course")).to_have_count(0)
    expect(page.get_by_role("link", name="New course")).to_have_count(0)
    expect(page.get_by_text("Creating a course needs the instructor role")).to_be_visible()
    screenshot(page, f"dashboard-without-instructor-role-{width}")
    page.goto(f"{live_server.url}/courses/new/")
    expect(page.get_by_role("heading", name="Only instructors create courses")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"course-new-without-instructor-role-{width}")


def test_adding_a_co_instructor_who_is_not_an_instructor_is_refused(
    page: Page, live_server, screenshot
):
    owner = UserFactory(username="ines", instructor=True)
    UserFactory(username="ravi", reviewer=True)
    course = CourseFactory(owner=owner, title="Statics")
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}{reverse('courses:co_instructors', args=[course.pk])}")
    page.get_by_label("Add by username").fill("ravi")
    page.get_by_role("button", name="Add co-instructor").click()
    expect(page.get_by_text("No instructor has the username “ravi”.")).to_be_visible()
    screenshot(page, "co-instructor-not-an-instructor-390")
