"""Steps several browser tests take."""

import re

from playwright.sync_api import Page, expect

# The password tests.factories.UserFactory gives every user.
PASSWORD = "correct horse battery staple"


def sign_in(page: Page, live_server, username: str) -> None:
    """Sign in through the login page and wait for the home page: the dashboard, or the
    review queue for a reviewer who teaches nothing."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    home = re.compile("^(My courses|Review queue)$")
    expect(page.get_by_role("heading", name=home, level=1)).to_be_visible()


def submit_for_review(page: Page, *, note: str = "") -> None:
    """From a course's page, go through the submit step (with ``note``) and submit."""
    page.get_by_role("link", name=re.compile("^(Re)?[Ss]ubmit for review$")).click()
    if note:
        page.get_by_label("Note to the reviewers (optional)").fill(note)
    page.get_by_role("button", name=re.compile(r"^Submit version \d+ for review$")).click()
