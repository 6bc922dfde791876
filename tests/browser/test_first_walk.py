"""A first-time instructor's walk, at a laptop's width and a phone's: from an empty
dashboard through a course, its outcomes, its learners (two segments), a sample week, an
edit (with its toast) and a delete (with its question). At every step: a screenshot, no
serious or critical accessibility violation, and nothing that scrolls the page sideways."""

import pytest
from playwright.sync_api import Page, expect

from courses.models import Course
from schedules.models import ActivityBlock
from tests.browser.helpers import sign_in
from tests.browser.test_phone_width import sideways_overflow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_first_time_instructor_walks_from_an_empty_dashboard_to_a_blend(
    page: Page, live_server, width, screenshot, serious_accessibility_violations
):
    page.set_viewport_size({"width": width, "height": 900})

    def step(name: str) -> None:
        full = screenshot(page, f"walk-{width}-{name}")
        page.screenshot(path=str(full).replace(".png", "-top.png"))  # what is on screen
        assert serious_accessibility_violations(page) == [], name
        assert sideways_overflow(page) == 0, f"{name} scrolls sideways at {width} px"

    UserFactory(username="nadia", instructor=True)
    sign_in(page, live_server, "nadia")
    expect(page.get_by_role("heading", name="Plan your first blend in four steps")).to_be_visible()
    step("1-dashboard")

    page.get_by_role("link", name="Create your first course").click()
    page.get_by_label("Title").fill("Global Thermodynamics")
    page.get_by_label("Weeks").fill("8")
    page.get_by_label("Start date").fill("2027-03-01")
    page.get_by_label("Your time zone").fill("America/New_York")
    step("2-basics")
    page.get_by_role("button", name="Create course").click()

    expect(page.get_by_role("heading", name="Learning outcomes")).to_be_visible()
    form = page.locator("form.add-form")
    form.get_by_label("Learners will be able to…").fill("Apply the first law to closed systems")
    form.get_by_label("Bloom level").select_option("apply")
    form.get_by_role("button", name="Add outcome").click()
    expect(page.locator("#toasts")).to_contain_text("Outcome added.")  # seen, not only heard
    expect(page.locator(".toast")).to_be_visible()
    step("3-outcomes")

    page.get_by_role("link", name="Next: describe the learners").click()
    page.get_by_label("Kind of cohort").select_option("distributed_professionals")
    page.get_by_label("Laptop").check()
    page.get_by_label("Share of learners mainly on phones (%)").fill("20")
    page.locator("#id_segments-0-name").fill("London office")
    page.locator("#id_segments-0-head_count").fill("10")
    page.locator("#id_segments-0-timezone").fill("Europe/London")
    page.get_by_role("button", name="Add another segment").click()
    expect(page.locator("#id_segments-1-name")).to_be_focused()
    expect(page.locator("#id_segments-0-name")).to_have_value("London office")  # kept
    page.locator("#id_segments-1-name").fill("New York office")
    page.locator("#id_segments-1-head_count").fill("12")
    page.locator("#id_segments-1-timezone").fill("America/New_York")
    step("4-learners")
    page.get_by_role("button", name="Save learners").click()
    learners = page.get_by_role("region", name="Learners")
    expect(learners).to_contain_text("Laptop · 20% mainly on phones")
    expect(learners).to_contain_text("New York office")
    step("5-course")

    page.get_by_role("link", name="Open the blend editor").click()
    page.get_by_role("button", name="Start from B: Application and check-in").click()
    expect(page.locator("#toasts")).to_contain_text("Started from sample week B")
    # Its live sessions land where London and New York are both awake: no problem.
    expect(page.get_by_role("heading", name="Findings")).to_contain_text("0 problems")
    step("6-sample-week")

    page.get_by_role("link", name="Edit “Graded problem set”").click()
    edit = page.locator(".block-item form.block-form")
    # The form takes focus once htmx has swapped it in (and wired it up): only then does
    # Enter send it through htmx rather than as a plain form.
    expect(edit.get_by_label("Title")).to_be_focused()
    edit.get_by_label("Duration (minutes)").fill("75")
    edit.get_by_label("Duration (minutes)").press("Enter")
    expect(page.locator(".toast").filter(has_text="Saved “Graded problem set”")).to_be_visible()
    # Focus stays with the saved block, not the top of the page.
    expect(page.get_by_role("link", name="Edit “Graded problem set”")).to_be_focused()
    step("7-edit-toast")

    page.get_by_role("button", name="Delete “Recorded lectures”").click()
    question = page.get_by_role("alertdialog")
    expect(question).to_contain_text("Delete “Recorded lectures”? It runs on Mondays in every week")
    expect(question.get_by_role("link", name="Keep it")).to_be_focused()  # the safe answer
    step("8-delete-question")
    question.get_by_role("button", name="Delete “Recorded lectures”").click()
    expect(page.locator("#toasts")).to_contain_text("Deleted “Recorded lectures”.")
    step("9-deleted")

    course = Course.objects.get(title="Global Thermodynamics")
    assert not ActivityBlock.objects.filter(schedule__course=course, title="Recorded lectures")
    assert course.learner_profile.segments.count() == 2
