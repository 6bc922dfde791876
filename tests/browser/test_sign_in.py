"""A newcomer signs in as the demo instructor and sees the three demo courses."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False


def test_the_demo_instructor_signs_in_and_sees_the_three_demo_courses(
    page: Page, live_server, demo_data, screenshot, serious_accessibility_violations
):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    expect(page.get_by_role("heading", name="Sign in to BlendPlan")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "login")

    page.get_by_label("Username").fill("instructor")
    page.get_by_label("Password").fill("blendplan-demo")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="My courses")).to_be_visible()
    table = page.get_by_role("table")
    expect(
        table.get_by_role("link", name="Field Ecology: seminar and lab", exact=True)
    ).to_be_visible()
    expect(table.get_by_role("row").filter(has_text="seminar and lab")).to_contain_text("50% live")
    expect(table.get_by_role("row").filter(has_text="check-in")).to_contain_text("33% live")
    expect(table.get_by_role("row").filter(has_text="clinic")).to_contain_text("17% live")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "dashboard")

    table.get_by_role("link", name="Field Ecology: seminar and lab", exact=True).click()
    expect(page.get_by_role("heading", name="Weekly activity blocks")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "course-detail")


def test_a_wrong_password_is_refused_with_a_message(page: Page, live_server, demo_data):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("instructor")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")


@pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})
def test_the_dashboard_is_readable_at_phone_width(page: Page, live_server, demo_data, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("instructor")
    page.get_by_label("Password").fill("blendplan-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My courses")).to_be_visible()
    # The page itself does not scroll sideways; only the table's own wrapper may.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "dashboard-phone")
