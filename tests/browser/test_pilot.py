"""An instructor plans a pilot of a course's first two weeks, ticks a readiness item, starts
the pilot, ends its weeks, writes the retrospective with a decision, and deletes the pilot's
data: at a desktop's width and a phone's, with axe on every page."""

from datetime import date, time

import pytest
from playwright.sync_api import Page, expect

from schedules.models import Pilot
from tests.browser.helpers import sign_in
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_plan_start_review_and_delete_a_pilot(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    owner = UserFactory(username="amara", instructor=True)
    course = CourseFactory(owner=owner, title="Statics", weeks=12, start_date=date(2027, 1, 11))
    ActivityBlockFactory(schedule=course.schedule, title="Chapter 1", due_day=None)
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, start_time=time(14)
    )

    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/")
    page.get_by_role("link", name="Plan a pilot").click()
    expect(page.get_by_role("heading", name="Plan a pilot")).to_be_visible()
    expect(page.get_by_label("To week")).to_have_value("2")
    page.get_by_role("button", name="Plan the pilot").click()

    # The checklist: BlendPlan's own verdicts say why; hand-ticked items take a note.
    expect(page.get_by_role("heading", name="Readiness checklist")).to_be_visible()
    due_days = page.locator("#item-due-days")
    expect(due_days).to_contain_text("Open")
    expect(due_days).to_contain_text("“Chapter 1” in weeks 1–2 has no due day.")
    survey = page.locator("#item-access-survey")
    survey.get_by_label("Note (optional): who did it, how").fill("22 of 24 answered")
    survey.get_by_role("button", name="Tick “Learners surveyed on access”").click()
    expect(page.locator("#item-access-survey")).to_contain_text("“22 of 24 answered”")
    expect(page.locator("#item-access-survey .checklist__state")).to_have_text("Done")
    expect(page.get_by_text("items are still open")).to_be_visible()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"pilot-planning-{width}")

    page.get_by_role("button", name="Start the pilot").click()
    expect(page.get_by_role("heading", name="Pilot Running", exact=True)).to_be_visible()
    page.get_by_label("Retrospective on").fill("2027-01-29")
    page.get_by_role("button", name="Book the retrospective").click()
    expect(page.get_by_text("Retrospective booked for Friday 29 January 2027")).to_be_visible()
    page.get_by_role("button", name="End the pilot weeks and review").click()

    # The retrospective: notes and a decision about a block.
    page.get_by_label("Notes").fill("Forum quiet on Fridays; the seminar ran over.")
    page.get_by_role("button", name="Save the notes").click()
    expect(page.get_by_label("Notes")).to_have_value(
        "Forum quiet on Fridays; the seminar ran over."
    )
    page.get_by_label("Decision", exact=True).fill("Give Chapter 1 a due day")
    page.get_by_label("About the block").select_option(label="Chapter 1 (Monday)")
    page.get_by_role("button", name="Add the decision").click()
    decision = page.locator(".decision")
    expect(decision).to_contain_text("Give Chapter 1 a due day")
    expect(decision).to_contain_text("About “Chapter 1”")
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"pilot-reviewing-{width}")

    # The course page shows where the pilot stands.
    page.goto(f"{live_server.url}/courses/{course.pk}/")
    expect(page.locator(".pilot-card")).to_contain_text("Reviewing")
    expect(page.locator(".pilot-card")).to_contain_text("Hold the retrospective")
    expect(page.locator(".pilot-card")).to_contain_text("Friday 29 January 2027")
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"pilot-course-page-{width}")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Pilot: reviewing (Statics)")).to_be_visible()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"pilot-dashboard-{width}")

    # Deleting the pilot's data asks first, naming what goes.
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/")
    page.get_by_role("link", name="Delete this course's pilot data").click()
    expect(page.get_by_text("1 ticked checklist item with its notes")).to_be_visible()
    expect(page.get_by_text("its notes and 1 decision")).to_be_visible()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"pilot-delete-{width}")
    page.get_by_role("button", name="Delete the pilot data").click()
    expect(page.get_by_role("heading", name=course.title)).to_be_visible()
    expect(page.locator(".pilot-card")).to_contain_text("Plan a pilot")
    assert not Pilot.objects.exists()


def test_the_privacy_page_reads_well_on_a_phone(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/pilot/privacy/")
    expect(page.get_by_role("heading", name="Pilot data and privacy")).to_be_visible()
    no_sideways_scroll(page, 390)
    assert serious_accessibility_violations(page) == []
    screenshot(page, "pilot-privacy-390")
