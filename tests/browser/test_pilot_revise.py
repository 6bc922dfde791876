"""An instructor applies an edit the pilot's evidence suggests, submits the next version
linking the evidence it answers, and a reviewer sees it: at a desktop's width and a phone's,
with axe on every page."""

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schedules.models import ActivityBlock
from schedules.reviews.services import schedule_submit
from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    PilotActivityFactory,
    PilotFactory,
    PilotRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-pilotrevise")


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def shot(page: Page, screenshot, name: str) -> None:
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 1, day, hour, minute, tzinfo=UTC)  # London in January is UTC


def a_pilot_with_a_poorly_attended_check_in() -> tuple:
    """A cohort of 20 from Monday 11 January 2027 in London: 6 came to the Tuesday 17:00
    check-in (30%); 8 were on the forum on Wednesday at 19:00."""
    owner = UserFactory(username="amara", instructor=True)
    course = CourseFactory(
        owner=owner,
        title="Argumentation",
        start_date=date(2027, 1, 11),
        weeks=4,
        timezone="Europe/London",
        cohort_size=20,
    )
    live = ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Check-in", day=1, start_time=time(17)
    )
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=2)
    schedule_submit(course=course, by=owner)  # version 1, before the pilot
    pilot = PilotFactory(schedule=course.schedule, running=True)
    meeting = PilotActivityFactory(pilot=pilot, title="Zoom check-in", block=live, confirmed=True)
    forum = PilotActivityFactory(pilot=pilot, title="Forum: Debate")
    for i in range(6):
        PilotRecordFactory(
            activity=meeting,
            learner=f"p_{i:024d}",
            evidence="attendance",
            at=at(12, 17),
            minutes=45,
        )
    for i in range(8):
        for minute in (1, 2):
            PilotRecordFactory(activity=forum, learner=f"p_{i:024d}", at=at(13, 19, minute))
    return course, live


@pytest.mark.parametrize("width", [1280, 390])
def test_apply_a_suggested_edit_resubmit_and_the_reviewer_sees_the_evidence(
    page: Page, live_server, screenshot, serious_accessibility_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    course, live = a_pilot_with_a_poorly_attended_check_in()
    UserFactory(username="lena", reviewer=True)

    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/evidence/")
    findings = page.locator("#findings-heading + ul")
    expect(findings).to_contain_text("30% of the cohort attended in week 1")
    expect(findings).to_contain_text("day Tuesday → Wednesday, start 17:00 → 19:00")
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"revise-evidence-{width}")

    page.get_by_role("link", name="Apply as a draft edit to “Check-in”").click()
    expect(
        page.get_by_role("heading", name="Revise “Check-in” from the pilot's evidence")
    ).to_be_visible()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"revise-confirm-{width}")
    page.get_by_role("button", name="Apply as a draft edit").click()

    shot(page, screenshot, f"revise-applied-{width}")
    expect(page.locator("#revise-notice")).to_contain_text("It is a draft edit in the blend editor")
    expect(page.get_by_role("heading", name="Edits made from the evidence")).to_be_visible()
    live.refresh_from_db()
    assert (live.day, live.start_time) == (2, time(19))
    shot(page, screenshot, f"revise-applied-{width}")

    page.goto(f"{live_server.url}/courses/{course.pk}/submit/")
    expect(page.get_by_label("Link the pilot evidence these edits answer")).to_be_checked()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"revise-submit-{width}")
    page.get_by_role("button", name="Submit version 2 for review").click()
    expect(page.get_by_text("Submitted as version 2")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, live_server, "lena")
    page.goto(f"{live_server.url}/reviews/{course.schedule.pk}/?version=2")
    evidence = page.get_by_role("heading", name="Answers pilot evidence: weeks 1–2")
    expect(evidence).to_be_visible()
    expect(page.get_by_text("day Tuesday → Wednesday, start 17:00 → 19:00")).to_be_visible()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"revise-review-{width}")
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_role("heading", name="Answers pilot evidence: weeks 1–2")).to_be_visible()
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"revise-compare-{width}")
    # The reviewer cannot apply edits: the pilot's pages are the course's instructors'.
    response = page.goto(
        f"{live_server.url}/courses/{course.pk}/pilot/evidence/blocks/{live.pk}/revise/"
    )
    assert response is not None
    assert response.status == 404
    assert ActivityBlock.objects.get(pk=live.pk).version == 2
