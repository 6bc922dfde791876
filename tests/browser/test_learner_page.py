"""Learners open the approved schedule's page in their own time zones (New York and Tokyo),
on a phone and a laptop, with and without JavaScript; right-to-left titles keep the layout;
the page prints without its controls; instructors make and copy the link."""

import re
from datetime import date, time

import pytest
from playwright.sync_api import Browser, Page, expect

from schedules.learnerpage.services import learner_page_create
from schedules.models import ActivityBlock
from schedules.reviews.services import review_decide, schedule_submit
from tests.browser.helpers import sign_in
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 390]
# A Tuesday 17:00 Berlin seminar in the week of 8 March 2027, in each learner's zone.
FIRST_SESSION = {
    "America/New_York": "Tue 9 Mar, 11:00–12:30",
    "Asia/Tokyo": "Wed 10 Mar, 01:00–02:30",
}


def approved_course(owner=None, *, title="Statics"):
    """Return an approved four-week Berlin course with a prepared Tuesday 17:00 seminar."""
    course = CourseFactory(
        owner=owner or UserFactory(instructor=True),
        title=title,
        weeks=4,
        start_date=date(2027, 3, 8),
        timezone="Europe/Berlin",
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Seminar: forces in equilibrium",
        day=1,
        start_time=time(17),
        duration_minutes=90,
        recorded=True,
        captions=True,
        transcript=True,
    )
    ActivityBlockFactory(
        schedule=course.schedule, title="Pre-reading: free-body diagrams", day=0, due_day=1
    )
    ActivityBlockFactory(
        schedule=course.schedule, title="Problem set", day=2, due_day=4, captions=True
    )
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")
    return course


def sideways_overflow(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_learners_in_two_time_zones_see_the_session_at_their_own_time(
    browser: Browser, live_server, screenshot, serious_accessibility_violations, width
):
    course = approved_course()
    link = learner_page_create(schedule=course.schedule, by=course.owner)
    address = f"{live_server.url}/l/{link.token}/"
    for zone, first in FIRST_SESSION.items():
        context = browser.new_context(
            timezone_id=zone, viewport={"width": width, "height": 900}, locale="en-GB"
        )
        page = context.new_page()
        page.goto(address)
        # The page's script reads the device's zone once and the address keeps it.
        expect(page).to_have_url(re.compile(r"\?tz=" + re.escape(zone.replace("/", "%2F"))))
        expect(page.get_by_label("Show times in")).to_have_value(zone)
        expect(page.get_by_text(first)).to_be_visible()
        expect(
            page.get_by_text("Course time: Tue 9 Mar, 17:00–18:30 Europe/Berlin")
        ).to_be_visible()
        expect(page.get_by_text("Prepare before this session").first).to_be_visible()
        expect(page.get_by_role("link", name="Add to my calendar")).to_have_attribute(
            "href", re.compile(r"^webcal://.+/feeds/.+\.ics$")
        )
        page.reload()  # no loop: the zone is in the address now
        expect(page.get_by_text(first)).to_be_visible()
        assert sideways_overflow(page) == 0
        assert serious_accessibility_violations(page) == []
        screenshot(page, f"learner-page-{zone.replace('/', '-')}-{width}")
        context.close()
    # A zone that is not one: the page says so by the field and keeps what was typed.
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{address}?tz=Asia/Tokio")
    expect(page.get_by_text("Did you mean Asia/Tokyo")).to_be_visible()
    expect(page.get_by_label("Show times in")).to_have_value("Asia/Tokio")
    assert page.url.endswith("?tz=Asia/Tokio")  # the script leaves a chosen zone alone
    assert serious_accessibility_violations(page) == []
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_a_learner_picks_their_zone_in_the_form(
    browser: Browser, live_server, screenshot, width
):
    """(axe needs JavaScript: the same markup is checked in the other tests.)"""
    course = approved_course()
    link = learner_page_create(schedule=course.schedule, by=course.owner)
    context = browser.new_context(
        java_script_enabled=False,
        timezone_id="Asia/Tokyo",
        viewport={"width": width, "height": 900},
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/l/{link.token}/")
    expect(page.get_by_text("the course's time zone. Pick yours below")).to_be_visible()
    expect(page.get_by_text("Tue 9 Mar, 17:00–18:30")).to_be_visible()

    page.get_by_label("Show times in").fill("Asia/Tokio")
    page.get_by_role("button", name="Show the schedule").click()
    expect(page.get_by_text("Did you mean Asia/Tokyo")).to_be_visible()
    expect(page.get_by_label("Show times in")).to_have_value("Asia/Tokio")
    screenshot(page, f"learner-page-bad-zone-{width}")

    page.get_by_label("Show times in").fill("Asia/Tokyo")
    page.get_by_role("button", name="Show the schedule").click()
    expect(page.get_by_text(FIRST_SESSION["Asia/Tokyo"])).to_be_visible()
    assert sideways_overflow(page) == 0
    screenshot(page, f"learner-page-no-js-{width}")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_right_to_left_titles_and_direction_keep_the_layout(
    browser: Browser, live_server, screenshot, serious_accessibility_violations, width
):
    course = approved_course(title="סטטיקה למהנדסים")
    ActivityBlock.objects.filter(schedule=course.schedule, modality="live").update(
        title="ندوة: القوى في حالة توازن"
    )
    version = schedule_submit(course=course, by=course.owner)
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")
    link = learner_page_create(schedule=course.schedule, by=course.owner)
    context = browser.new_context(
        timezone_id="Asia/Tokyo", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/l/{link.token}/")
    expect(page.get_by_label("Show times in")).to_have_value("Asia/Tokyo")
    page.get_by_label("Reading direction").select_option("rtl")
    page.get_by_role("button", name="Show the schedule").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="ندوة: القوى في حالة توازن").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("סטטיקה למהנדסים")
    expect(page.get_by_text(FIRST_SESSION["Asia/Tokyo"])).to_be_visible()
    assert sideways_overflow(page) == 0
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"learner-page-rtl-{width}")
    context.close()


def test_the_page_prints_without_its_controls(browser: Browser, live_server, screenshot):
    course = approved_course()
    link = learner_page_create(schedule=course.schedule, by=course.owner)
    context = browser.new_context(
        timezone_id="America/New_York", viewport={"width": 800, "height": 1100}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/l/{link.token}/")
    expect(page.get_by_text(FIRST_SESSION["America/New_York"])).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Show the schedule")).to_be_hidden()
    expect(page.get_by_role("link", name="Add to my calendar")).to_be_hidden()
    expect(page.get_by_text(FIRST_SESSION["America/New_York"])).to_be_visible()
    screenshot(page, "learner-page-print")
    assert len(page.pdf(format="A4")) > 1000
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_instructor_makes_copies_and_revokes_the_learners_link(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    owner = UserFactory(username="amara", instructor=True)
    course = approved_course(owner)
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/")
    page.get_by_role("link", name="Learners' page", exact=True).click()
    expect(page.get_by_role("heading", name="No link yet")).to_be_visible()
    page.get_by_role("button", name="Make the learners' link").click()
    expect(page.get_by_role("status").first).to_contain_text("The learners' page has a link")
    address = page.get_by_label("Link to the learners' page").input_value()
    assert address.startswith(f"{live_server.url}/l/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator("#copy-status")).to_have_text("Copied the link.")
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert sideways_overflow(page) == 0
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"learner-link-{width}")
    assert page.request.get(address).status == 200

    page.get_by_role("button", name="Revoke the link").click()
    expect(page.get_by_role("heading", name="No link yet")).to_be_visible()
    assert page.request.get(address).status == 410
