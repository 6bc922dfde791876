"""Both sides of a review: the instructor submits, the reviewer comments and decides."""

import pytest
from playwright.sync_api import Page, expect

from schedules.sample_weeks import SAMPLE_WEEKS
from schedules.services import blocks_add_from_sample_week
from tests.browser.helpers import sign_in
from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_submit_request_changes_resubmit_and_approve(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    owner = UserFactory(username="ines", instructor=True)
    UserFactory(username="ravi", reviewer=True)
    course = CourseFactory(owner=owner, title="Statics", with_schedule=True)
    blocks_add_from_sample_week(schedule=course.schedule, week=SAMPLE_WEEKS["B"])

    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Statics").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted as version 1")
    sign_out(page)

    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Statics").click()
    expect(page.get_by_role("heading", name="Weekly timeline")).to_be_visible()
    page.get_by_label("About").select_option(label="Forum debate (Thursday)")
    page.get_by_label("Comment", exact=True).fill("Give the debate a clearer prompt.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_role("status")).to_contain_text("Comment added.")
    page.get_by_label("Comment (required to request changes)").fill("See the block comment.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_role("status")).to_contain_text("Changes requested.")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "review")
    sign_out(page)

    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Statics").click()
    page.get_by_role("link", name="Review: changes requested").click()
    expect(page.get_by_role("cell", name="Give the debate a clearer prompt.")).to_be_visible()
    page.get_by_role("link", name="Statics").first.click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted as version 2")
    sign_out(page)

    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Statics").click()
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_role("status")).to_contain_text("Approved.")
    expect(page.get_by_role("region", name="History")).to_contain_text("Approved version 2")
    page.get_by_role("link", name="Print view").click()
    expect(page.get_by_role("heading", name="Sign-off")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "print-view")
