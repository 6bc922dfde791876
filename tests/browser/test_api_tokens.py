"""An LMS team member makes an API token on the settings page, sees it once, lists the
submitted schedules with it, and revokes it; the API then refuses it."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from schedules.reviews.services import schedule_submit
from tests.browser.helpers import sign_in
from tests.factories import ActivityBlockFactory, ApiTokenFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_make_a_token_use_it_with_the_api_and_revoke_it(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    UserFactory(username="ravi", reviewer=True)
    course = CourseFactory(title="Statics")
    ActivityBlockFactory(schedule=course.schedule, live=True, start_time=time(10))
    schedule_submit(course=course, by=course.owner)

    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", level=1)).to_be_visible()

    # A blank name is refused next to the field.
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_text("Give the token a name")).to_be_visible()

    page.get_by_label("Token name").fill("Moodle sync")
    expect(page.get_by_label("Expires after")).to_have_value("90")
    page.get_by_label("Expires after").select_option(label="1 year")
    page.get_by_role("button", name="Make token").click()
    expect(page.get_by_role("heading", name="Your new token")).to_be_visible()
    plaintext = page.get_by_label("Token", exact=True).input_value()
    assert plaintext.startswith("bp_")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "api-tokens")

    headers = {"Authorization": f"Bearer {plaintext}"}
    listed = page.request.get(
        f"{live_server.url}/api/v1/schedules?status=submitted", headers=headers
    )
    assert listed.status == 200
    [item] = listed.json()
    assert item["course"]["title"] == "Statics"
    csv_export = page.request.get(item["links"]["exports"]["csv"], headers=headers)
    assert csv_export.status == 200
    assert csv_export.headers["content-type"] == "text/csv; charset=utf-8"

    # Shown once: the page no longer has it, only its prefix and when it was last used.
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="Your new token")).to_have_count(0)
    assert plaintext not in page.content()
    row = page.get_by_role("row", name="Moodle sync")
    expect(row).to_contain_text(plaintext[:9])
    expect(row).not_to_contain_text("Never")
    expires = timezone.localdate() + timedelta(days=365)
    expect(row).to_contain_text(f"{expires.day} {expires:%b %Y}")

    row.get_by_role("link", name="Revoke… Moodle sync").click()
    expect(page.get_by_role("heading", name="Revoke “Moodle sync”?")).to_be_visible()
    page.get_by_role("button", name="Revoke token").click()
    expect(
        page.get_by_role("status").filter(has_text="Token “Moodle sync” revoked").first
    ).to_be_attached()
    expect(page.get_by_role("row", name="Moodle sync")).to_contain_text("Revoked")

    refused = page.request.get(f"{live_server.url}/api/v1/schedules", headers=headers)
    assert refused.status == 401


@pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})
def test_the_tokens_list_shows_expiry_at_phone_width(page: Page, live_server, screenshot):
    user = UserFactory(username="ravi", reviewer=True)
    ApiTokenFactory(user=user, name="Moodle sync", expires=datetime(2099, 3, 5, tzinfo=UTC))
    ApiTokenFactory(user=user, name="Old script", expired=True)
    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("row", name="Moodle sync")).to_contain_text("5 Mar 2099")
    expect(page.get_by_role("row", name="Old script")).to_contain_text("Expired")
    screenshot(page, "api-tokens-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
