"""A user changes their password from the header, asks for a reset link, and meets the
sign-in pause after too many wrong passwords."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.helpers import PASSWORD, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEW = "plum-kettle-Orbit-93"


def change_password(page: Page, new: str) -> None:
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(new)
    page.get_by_label("New password confirmation").fill(new)
    page.get_by_role("button", name="Change password").click()


def test_a_user_changes_their_password_from_the_header(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    UserFactory(username="ines", instructor=True)
    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()

    change_password(page, "12345678")
    expect(page.get_by_text("This password is too common.")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "password-change-refused")

    change_password(page, NEW)
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    assert serious_accessibility_violations(page) == []


@pytest.mark.browser_context_args(viewport={"width": 390, "height": 844})
def test_the_account_pages_fit_a_phone(page: Page, live_server, screenshot):
    UserFactory(username="ines", email="ines@example.edu", instructor=True)
    sign_in(page, live_server, "ines")
    screenshot(page, "dashboard-header-phone")
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "password-change-phone")

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("ines@example.edu")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert len(mail.outbox) == 1
    screenshot(page, "password-reset-sent-phone")


def test_five_wrong_passwords_pause_sign_in_with_a_page_that_says_why(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    UserFactory(username="ines")
    page.goto(f"{live_server.url}/accounts/login/")
    for attempt in range(1, 6):
        page.get_by_label("Username").fill("ines")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        if attempt < 5:
            expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username")
    expect(page.get_by_role("heading", name="Sign-in paused")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("paused for 15 minutes")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "sign-in-paused")
