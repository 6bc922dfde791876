"""An instructor turns on the course's calendar feed, a calendar client subscribes to the
address, and the instructor gives the feed a new address: the old one stops answering."""

from datetime import date, time

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from schedules.reviews.services import review_decide, schedule_submit
from tests.browser.helpers import sign_in
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_turn_on_subscribe_and_renew_the_calendar_feed(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    owner = UserFactory(username="amara", instructor=True)
    course = CourseFactory(owner=owner, title="Statics", weeks=4, start_date=date(2027, 3, 1))
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, start_time=time(14)
    )
    version = schedule_submit(course=course, by=owner)
    review_decide(version=version, by=UserFactory(reviewer=True), approve=True, comment="")

    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/")
    page.get_by_role("link", name="Calendar feed", exact=True).click()
    expect(page.get_by_role("heading", name="The feed is off")).to_be_visible()
    screenshot(page, f"calendar-feed-off-{width}")

    page.get_by_role("button", name="Turn the calendar feed on").click()
    expect(page.get_by_role("status").first).to_contain_text("The calendar feed is on")
    address = page.get_by_label("Feed address").input_value()
    assert address.startswith(f"{live_server.url}/feeds/")
    assert address.endswith(".ics")
    webcal = page.get_by_role("link", name="Subscribe on this device")
    assert webcal.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    qr = page.get_by_role("img", name="QR code of the feed's address")
    expect(qr).to_be_visible()
    # The image decodes (waiting for it to load if it has not yet).
    loaded_width = qr.evaluate(
        "image => image.complete ? image.naturalWidth : new Promise(done =>"
        " image.addEventListener('load', () => done(image.naturalWidth)))"
    )
    assert loaded_width > 0
    expect(page.get_by_text("Serving version 1, the approved one")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_accessibility_violations(page) == []
    screenshot(page, f"calendar-feed-on-{width}")

    # A calendar client subscribes: no sign-in, just the address.
    polled = page.request.get(address)
    assert polled.status == 200
    [event] = Calendar.from_ical(polled.body()).walk("VEVENT")
    assert str(event["summary"]) == "Seminar"

    page.get_by_role("button", name="Give it a new address").click()
    expect(page.get_by_role("status").first).to_contain_text("no longer answers")
    assert page.get_by_label("Feed address").input_value() != address
    assert page.request.get(address).status == 404
