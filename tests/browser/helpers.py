"""Steps several browser tests take."""

from playwright.sync_api import Page, expect

# The password tests.factories.UserFactory gives every user.
PASSWORD = "correct horse battery staple"


def sign_in(page: Page, live_server, username: str) -> None:
    """Sign in through the login page and wait for the dashboard."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My courses")).to_be_visible()
