"""An instructor applies the edit the pilot's evidence suggests, undoes it from the notice that
follows, and applies it again: in place with htmx (a desktop's width and a phone's) and by
plain form posts without JavaScript, with axe on every state with JavaScript and screenshots into
/tmp/shots-pilotundo/."""

from datetime import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schedules.models import ActivityBlock, PilotRevision
from tests.browser.helpers import sign_in
from tests.browser.test_pilot_revise import a_pilot_with_a_poorly_attended_check_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-pilotundo")


def check(page: Page, screenshot, axe, width: int, name: str) -> None:
    """Axe (which needs JavaScript, so ``axe=None`` without it), no sideways scroll, and a
    screenshot."""
    if axe is not None:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe(page) == []
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def slot(block: ActivityBlock) -> tuple[int, time | None]:
    block.refresh_from_db()
    return block.day, block.start_time


@pytest.mark.parametrize("width", [1280, 390])
def test_apply_undo_and_apply_again_in_place(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    axe = serious_accessibility_violations
    page.set_viewport_size({"width": width, "height": 900})
    course, live = a_pilot_with_a_poorly_attended_check_in()
    sign_in(page, live_server, "amara")
    url = f"{live_server.url}/courses/{course.pk}/pilot/evidence/blocks/{live.pk}/revise/"
    page.goto(url)

    page.get_by_role("button", name="Apply as a draft edit").click()
    notice = page.locator("#revise-notice")
    expect(notice).to_contain_text("“Check-in”: move to Wednesday 19:00")
    expect(page.locator("#toasts")).to_contain_text("It is a draft edit in the blend editor")
    assert page.url == url  # swapped in place
    assert slot(live) == (2, time(19))
    undo = notice.get_by_role("button", name="Undo the edit to “Check-in”")
    expect(undo).to_be_focused()  # where the Apply button was
    check(page, screenshot, axe, width, f"undo-applied-{width}")

    undo.click()
    region = page.locator("#revise")
    expect(region.get_by_text("Undone: “Check-in” is back as it was")).to_be_visible()
    expect(page.locator("#toasts")).to_contain_text("The suggestion can be applied again.")
    expect(region.get_by_text("Undone by")).to_be_visible()
    assert slot(live) == (1, time(17))
    apply = page.get_by_role("button", name="Apply as a draft edit")
    expect(apply).to_be_visible()
    check(page, screenshot, axe, width, f"undo-undone-{width}")

    apply.click()
    expect(page.locator("#revise-notice")).to_contain_text("move to Wednesday 19:00")
    assert slot(live) == (2, time(19))
    revisions = PilotRevision.objects.order_by("pk")
    assert [revision.is_applied for revision in revisions] == [False, True]
    check(page, screenshot, axe, width, f"undo-reapplied-{width}")

    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/evidence/")
    findings = page.locator("#findings-heading + ul")
    expect(findings).to_contain_text("Applied: Move to Wednesday 19:00")
    expect(page.get_by_role("link", name="Undo or review the edit to “Check-in”")).to_be_visible()
    check(page, screenshot, axe, width, f"undo-evidence-{width}")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_apply_undo_and_apply_again_without_javascript(page: Page, live_server, screenshot):
    axe = None  # axe runs in the page: the same states are checked with JavaScript above
    page.set_viewport_size({"width": 1280, "height": 900})
    course, live = a_pilot_with_a_poorly_attended_check_in()
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/evidence/blocks/{live.pk}/revise/")

    page.get_by_role("button", name="Apply as a draft edit").click()
    expect(page.locator("#revise-notice")).to_contain_text("It is a draft edit")
    assert "?applied=" in page.url
    assert slot(live) == (2, time(19))
    check(page, screenshot, axe, 1280, "undo-nojs-applied-1280")

    page.locator("#revise-notice").get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Undone: “Check-in” is back as it was")).to_be_visible()
    assert slot(live) == (1, time(17))
    check(page, screenshot, axe, 1280, "undo-nojs-undone-1280")

    page.get_by_role("button", name="Apply as a draft edit").click()
    expect(page.locator("#revise-notice")).to_be_visible()
    assert slot(live) == (2, time(19))
    assert PilotRevision.objects.filter(undone__isnull=True).count() == 1
