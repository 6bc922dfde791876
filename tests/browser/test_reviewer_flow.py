"""The reviewer's whole flow, as a newcomer walks it, at desktop and phone width: the queue,
the review, a comment on a block, a request for changes; the instructor sees the request
where they work (course page, editor, bell) and resubmits with a note; the reviewer is told,
approves, downloads and prints the version with its sign-off. Every step is screenshotted,
checked with axe and checked for sideways scrolling."""

import re

import pytest
from playwright.sync_api import Page, expect

from schedules.models import ActivityBlock
from schedules.reviews.services import schedule_submit
from schedules.rules.choices import Weekday
from tests.browser.helpers import sign_in
from tests.factories import ActivityBlockFactory, UserFactory, london_new_york_course

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_reviewers_whole_flow_reads_well_at_every_step(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})

    def step(name: str) -> None:
        """Keep a picture of the page as it stands, and check it."""
        screenshot(page, f"reviewer-flow-{name}-{width}")
        assert serious_accessibility_violations(page) == [], name
        sideways = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert sideways <= 0, f"{name} scrolls sideways by {sideways}px"

    owner = UserFactory(
        username="ines",
        instructor=True,
        first_name="Ines",
        last_name="Okafor",
        email="ines@example.edu",
    )
    UserFactory(
        username="ravi",
        reviewer=True,
        first_name="Ravi",
        last_name="Lindqvist",
        email="ravi@example.edu",
    )
    course = london_new_york_course(owner=owner, title="Statics", code="ENG 201")
    ActivityBlockFactory(
        schedule=course.schedule, title="Forum debate", day=Weekday.THURSDAY, due_day=None
    )
    schedule_submit(course=course, by=owner, note="First go: the debate is new this year.")

    # 1. The reviewer lands on the queue, which counts what is open and dismissed.
    sign_in(page, live_server, "ravi")
    expect(page.get_by_role("heading", name="Review queue", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Statics")
    expect(row).to_contain_text("Ines Okafor")
    expect(page.get_by_role("columnheader", name="Warnings")).to_be_attached()
    expect(page.locator(".bell__count")).to_have_text(re.compile(r"^1"))
    step("1-queue")

    # 2. The review: the instructor's note, findings cited by source.
    row.get_by_role("link", name="Statics").click()
    expect(page.get_by_role("heading", name="Note from Ines Okafor")).to_be_visible()
    expect(page.get_by_text("First go: the debate is new this year.")).to_be_visible()
    expect(page.locator(".finding__source .citation").first).to_be_visible()
    step("2-review")

    # 3. A comment on one block.
    page.get_by_label("About").select_option(label="Forum debate (Thursday)")
    page.get_by_label("Comment", exact=True).fill("Give the debate a due day, Friday say.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_role("status").filter(has_text="Comment added.").first).to_be_attached()
    step("3-comment")

    # 4. Changes requested, with the reason.
    page.get_by_label("Comment (required to request changes)").fill(
        "Nearly there: see the comment on the forum debate."
    )
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_role("status").filter(has_text="Changes requested.").first).to_be_attached()
    step("4-changes-requested")
    sign_out(page)

    # 5. The instructor sees the request where they work: the bell, the course page, the
    #    editor's block, and the thread it links to.
    sign_in(page, live_server, "ines")
    expect(page.locator(".bell__count")).to_have_text(re.compile(r"^1"))
    page.get_by_role("link", name="Statics").click()
    status = page.get_by_role("region", name=re.compile("Changes requested"))
    expect(status).to_contain_text("Ravi Lindqvist requested changes to version 1")
    expect(status).to_contain_text("Nearly there: see the comment on the forum debate.")
    step("5-course-page")
    page.get_by_role("link", name="Open the blend editor").first.click()
    badge = page.get_by_role("link", name=re.compile("1 review comment"))
    expect(badge).to_be_visible()
    step("6-editor")
    badge.click()
    expect(page.get_by_role("article", name="On “Forum debate”")).to_contain_text(
        "Give the debate a due day"
    )
    expect(page.get_by_role("link", name="Open the blend editor")).to_be_visible()

    # 6. The instructor fixes the block and resubmits through the submit step, with a note.
    ActivityBlock.objects.filter(title="Forum debate").update(due_day=Weekday.FRIDAY)
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    expect(page.get_by_role("region", name=re.compile("edited since"))).to_be_visible()
    page.get_by_role("link", name="Resubmit for review").click()
    expect(page.get_by_role("heading", name="Before you submit")).to_be_visible()
    step("7-submit-step")
    page.get_by_label("Note to the reviewers (optional)").fill("The debate is due on Fridays now.")
    page.get_by_role("button", name="Submit version 2 for review").click()
    expect(
        page.get_by_role("status").filter(has_text="Submitted as version 2").first
    ).to_be_attached()
    expect(page.get_by_role("link", name=re.compile("ubmit for review"))).to_have_count(0)
    step("8-resubmitted")
    sign_out(page)

    # 7. The reviewer is told, opens the notification, compares and approves.
    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    step("9-notifications")
    page.get_by_role("button", name=re.compile("submitted version 2")).click()
    expect(page.get_by_text("The debate is due on Fridays now.")).to_be_visible()
    page.get_by_role("link", name="Compare versions").click()
    change = page.get_by_role("table", name="Forum debate")
    expect(change.get_by_role("row", name=re.compile("Due day"))).to_contain_text("Friday")
    step("10-compare")
    page.go_back()
    page.get_by_label("Comment (required to request changes)").fill("Approved for spring.")
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_role("status").filter(has_text="Approved.").first).to_be_attached()
    step("11-approved")

    # 8. Exports and the print view, signed off.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    assert info.value.suggested_filename == "statics-v2.csv"
    page.get_by_role("link", name="Print view").click()
    sign_off = page.get_by_role("region", name="Sign-off")
    expect(sign_off.get_by_role("row", name=re.compile("^Instructor"))).to_contain_text(
        "Ines Okafor"
    )
    expect(sign_off.get_by_role("row", name=re.compile("^LMS team"))).to_contain_text(
        "Ravi Lindqvist"
    )
    expect(sign_off).to_contain_text("Approved for spring.")
    step("12-print")
