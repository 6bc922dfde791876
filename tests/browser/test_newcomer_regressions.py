"""Problems a newcomer met (issue 13) that only a browser shows, each checked so that it
cannot come back unseen: the focus ring that looked like an error, the findings panel that
cut its last item, and a refused comment that left the reader at the top of the page."""

from datetime import time

import pytest
from playwright.sync_api import Page, expect

from schedules.recommendations.services import recommendation_refresh
from schedules.reviews.services import schedule_submit
from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    LearningOutcomeFactory,
    UserFactory,
    london_new_york_course,
)

pytestmark = pytest.mark.django_db(transaction=True)

FOCUS_BLUE = "rgb(29, 95, 209)"  # --focus in static/css/app.css


@pytest.fixture
def course():
    owner = UserFactory(username="ines", instructor=True)
    course = london_new_york_course(owner=owner, title="Global Thermodynamics")
    LearningOutcomeFactory(course=course, text="Apply the first law to closed systems")
    LearningOutcomeFactory(course=course, text="Explain entropy", knowledge=True)
    # Many findings: live sessions late for New York, no preparation, no due days.
    for day in range(5):
        ActivityBlockFactory(
            schedule=course.schedule, live=True, title=f"Live {day}", day=day, start_time=time(20)
        )
    recommendation_refresh(course=course)
    return course


def test_the_focus_ring_on_the_sign_in_page_is_blue_not_the_error_red(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    username = page.get_by_label("Username")
    username.focus()  # a text field shows its focus ring however it was focused
    expect(username).to_be_focused()
    color, style = username.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return [s.outlineColor, s.outlineStyle]; }"
    )
    assert (color, style) == (FOCUS_BLUE, "solid")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_findings_panel_shows_every_finding_in_full(page: Page, live_server, course, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/")
    panel = page.locator("section.findings")
    expect(panel.locator(".finding").first).to_be_visible()
    # Not a fixed-height scroll box: nothing inside is cut off or scrolled out of sight.
    assert panel.evaluate("element => element.scrollHeight <= element.clientHeight + 1")
    last = panel.locator(".finding").last
    last.scroll_into_view_if_needed()
    assert last.evaluate(
        "element => { const box = element.getBoundingClientRect();"
        " const panel = element.closest('section').getBoundingClientRect();"
        " return box.bottom <= panel.bottom; }"
    )


def test_an_empty_comment_is_refused_where_the_reviewer_typed_it(page: Page, live_server, course):
    schedule_submit(course=course, by=course.owner)
    UserFactory(username="lee", reviewer=True)
    sign_in(page, live_server, "lee")
    page.goto(f"{live_server.url}/reviews/{course.schedule.pk}/")
    page.get_by_role("button", name="Add comment").click()

    comment = page.get_by_label("Comment", exact=True)
    expect(comment).to_be_focused()
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#comment-body-error")).to_contain_text("Write a comment first.")
    assert page.evaluate("window.scrollY") > 0  # the page opens at the field, not the top
    comment.fill("Give the Friday session a recording.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Give the Friday session a recording.")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dashboard_says_approved_edited_since_after_an_edit(
    page: Page, live_server, course, width, screenshot, serious_accessibility_violations
):
    from schedules.reviews.services import review_decide

    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")
    block = course.schedule.blocks.first()
    block.duration_minutes += 15
    block.save()

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ines")
    expect(page.get_by_text("Approved · edited since")).to_be_visible()
    screenshot(page, f"dashboard-edited-since-{width}")
    assert serious_accessibility_violations(page) == []
