"""Issue #16's "Done when": a two-week pilot of a demo-like course end to end. The instructor
goes through the readiness checklist and starts the pilot, imports a Moodle log, a Moodle
completion report and a Zoom participants report, confirms which block each activity is,
reads the heatmap and plan against actual, applies the revision the evidence suggests and
submits the next version linking that evidence; the reviewer sees it. At a desktop's width
and a phone's, with axe on every page and screenshots into /tmp/shots-pilotrevise/."""

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schedules.models import ActivityBlock, PilotActivity, ScheduleVersion
from schedules.pilot.evidence import engagement_store
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

FIXTURES = Path(__file__).resolve().parents[1] / "schedules" / "pilot_imports" / "fixtures"
SHOTS = Path("/tmp/shots-pilotrevise")


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def check(page: Page, screenshot, axe, width: int, name: str) -> None:
    no_sideways_scroll(page, width)
    assert axe(page) == []
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def import_file(page: Page, name: str) -> None:
    page.get_by_label("Export file").set_input_files(str(FIXTURES / name))
    page.get_by_role("button", name="Import the file").click()
    expect(page.locator(".import").first).to_contain_text(name)
    expect(page.locator(".import").first).to_contain_text("Imported")


def more_learners(course) -> None:
    """The fixtures hold a handful of learners, so every figure of theirs is "fewer than 5";
    a cohort's worth more is added as an import stores it (pseudonymised records on the
    imported activities), then the engagement figures are worked out again as the import
    task does: 6 more came to the week 2 seminar (Tuesday 8 December, 14:00 in Berlin) and
    8 were on the forum on Wednesday 2 December at 19:00 in Berlin, away from the seminar."""
    pilot = course.schedule.pilot
    seminar = (
        PilotActivity.objects.filter(
            pilot=pilot, block__title="Seminar", records__evidence="attendance"
        )
        .distinct()
        .get()
    )
    forum = PilotActivityFactory(pilot=pilot, title="Forum: weekly debate", confirmed=True)
    for i in range(6):
        PilotRecordFactory(
            activity=seminar,
            learner=f"p_{i:024d}",
            evidence="attendance",
            at=datetime(2026, 12, 8, 13, tzinfo=UTC),
            minutes=50,
        )
    for i in range(8):
        for minute in (1, 5, 9):
            PilotRecordFactory(
                activity=forum,
                learner=f"p_{i:024d}",
                at=datetime(2026, 12, 2, 18, minute, tzinfo=UTC),
            )
    engagement_store(pilot)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_two_week_pilot_end_to_end(
    page: Page, live_server, screenshot, serious_accessibility_violations, settings, tmp_path, width
):
    axe = serious_accessibility_violations
    settings.PILOT_UPLOAD_DIR = str(tmp_path)
    page.set_viewport_size({"width": width, "height": 900})
    owner = UserFactory(username="amara", instructor=True)
    UserFactory(username="lena", reviewer=True)
    # The fixtures' course: from Monday 30 November 2026, in Berlin, a cohort of 30.
    course = CourseFactory(
        owner=owner,
        title="Argumentation",
        weeks=4,
        start_date=date(2026, 11, 30),
        timezone="Europe/Berlin",
        cohort_size=30,
    )
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=4)
    ActivityBlockFactory(schedule=course.schedule, title="Quiz", day=3, due_day=6)
    seminar = ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=1, start_time=time(14)
    )
    schedule_submit(course=course, by=owner)  # version 1, the blend before the pilot
    PilotFactory(schedule=course.schedule)  # weeks 1–2, being planned

    # The readiness checklist, then the pilot starts.
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/")
    page.get_by_role("button", name="Tick").first.click()
    expect(page.get_by_role("button", name="Open again").first).to_be_visible()
    check(page, screenshot, axe, width, f"loop-checklist-{width}")
    page.get_by_role("button", name="Start the pilot").click()
    expect(page.get_by_text("The pilot has started.")).to_be_visible()

    # Imports: a Moodle log, a completion report and a Zoom report.
    import_file(page, "moodle_log.csv")
    import_file(page, "moodle_activity_completion.csv")
    import_file(page, "zoom_participants_new.csv")
    expect(page.locator(".import")).to_have_count(3)
    check(page, screenshot, axe, width, f"loop-imports-{width}")

    # Mapping.
    page.get_by_role("link", name="new activities to blocks").click()
    page.get_by_label("Week 1 quiz", exact=True).select_option(label="Quiz (Thursday, due Sunday)")
    check(page, screenshot, axe, width, f"loop-mapping-{width}")
    page.get_by_role("button", name="Save the mapping").click()
    expect(page.get_by_role("heading", name="Plan against actual")).to_be_visible()

    # The heatmap and plan against actual, with the cohort's worth of learners.
    more_learners(course)
    page.reload()
    expect(page.locator("table.heatmap td.heat--live").first).to_contain_text("live")
    expect(page.get_by_text("The busiest hour: Wednesday 19:00–20:00")).to_be_visible()
    findings = page.locator("#findings-heading + ul")
    expect(findings).to_contain_text("“Seminar”")
    expect(findings).to_contain_text("day Tuesday → Wednesday, start 14:00 → 19:00")
    check(page, screenshot, axe, width, f"loop-evidence-{width}")

    # The suggested revision, applied as a draft edit.
    page.get_by_role("link", name="Apply as a draft edit to “Seminar”").click()
    check(page, screenshot, axe, width, f"loop-confirm-{width}")
    page.get_by_role("button", name="Apply as a draft edit").click()
    expect(page.locator("#revise-notice")).to_contain_text("It is a draft edit in the blend editor")
    seminar.refresh_from_db()
    assert (seminar.day, seminar.start_time) == (2, time(19))

    # Resubmitted, linking the evidence.
    page.goto(f"{live_server.url}/courses/{course.pk}/submit/")
    expect(page.get_by_label("Link the pilot evidence these edits answer")).to_be_checked()
    check(page, screenshot, axe, width, f"loop-submit-{width}")
    page.get_by_role("button", name="Submit version 2 for review").click()
    expect(page.get_by_text("Submitted as version 2")).to_be_visible()
    assert ScheduleVersion.objects.get(schedule=course.schedule, number=2).pilot_evidence

    # The reviewer sees the evidence beside the version, and cannot apply edits.
    page.context.clear_cookies()
    sign_in(page, live_server, "lena")
    page.goto(f"{live_server.url}/reviews/{course.schedule.pk}/?version=2")
    expect(page.get_by_role("heading", name="Answers pilot evidence: weeks 1–2")).to_be_visible()
    expect(page.get_by_text("“Seminar”").first).to_be_visible()
    check(page, screenshot, axe, width, f"loop-review-{width}")
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_role("heading", name="Answers pilot evidence: weeks 1–2")).to_be_visible()
    check(page, screenshot, axe, width, f"loop-compare-{width}")
    response = page.goto(
        f"{live_server.url}/courses/{course.pk}/pilot/evidence/blocks/{seminar.pk}/revise/"
    )
    assert response is not None
    assert response.status == 404
    assert ActivityBlock.objects.get(pk=seminar.pk).version == seminar.version
