"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's own browser download does not work on our machines, so we point it at the
system Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Without one the tests skip with
instructions, except in CI (CI set), where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# Assertions wait up to 10 s (Playwright's default is 5): a busy two-core machine running
# the suite can be slow to answer, and a wait that passes early costs nothing.
expect.set_options(timeout=10_000)

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# from that thread are safe because the live server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_available() -> bool:
    return Path(CHROMIUM_PATH).exists() or shutil.which(CHROMIUM_PATH) is not None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    missing = not chromium_available()
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not os.environ.get("CI"):
            item.add_marker(
                pytest.mark.skip(
                    reason=f"No Chromium at {CHROMIUM_PATH}: install Debian's package "
                    "(apt-get install chromium) or set CHROMIUM_PATH to run browser tests."
                )
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not chromium_available():
        pytest.fail(f"CI runs the browser tests, but there is no Chromium at {CHROMIUM_PATH}.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            # Without these Chromium keeps trying to reach outside hosts, which we refuse.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot():
    """Return a function that saves a full-page screenshot under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def serious_accessibility_violations():
    """Return a function listing axe's serious or critical WCAG 2.2 A/AA violations on a page."""
    axe = Axe()

    def check(page) -> list[str]:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    return check
