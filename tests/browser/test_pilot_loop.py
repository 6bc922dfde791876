"""Issue #16's "Done when": a two-week pilot of a demo-like course end to end. The instructor
goes through the readiness checklist and starts the pilot, imports a Moodle log, a Moodle
completion report and a Zoom participants report of each week's seminar, confirms which block
each activity is, reads the heatmap (in the course's zone and a learner segment's) and plan
against actual, applies the revision the evidence suggests and submits the next version
linking that evidence; the reviewer sees it. At a desktop's width and a phone's, with axe on
every page and screenshots into /tmp/shots-pilotrevise/.

Every figure comes from the files: ``pilot_cohort_*`` in the import fixtures are made up (24
invented learners of a cohort of 30, names, ids and times invented, documentation IP ranges)
over the pilot's two weeks from Monday 30 November 2026 in Berlin: the forum debate busiest
on Wednesday evenings, the Tuesday 14:00 seminar attended by 11 and then 9 (host included),
readings and quizzes mostly done by their due days."""

from datetime import date, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schedules.models import ActivityBlock, PilotRecord, ScheduleVersion
from schedules.reviews.services import schedule_submit
from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    PilotFactory,
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
    # Learners in New York too: the heatmap can be drawn on their clock.
    LearnerSegmentFactory(
        profile__course=course, name="Evening learners", head_count=8, timezone="America/New_York"
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

    # Imports: a Moodle log, a completion report and a Zoom report of each seminar.
    import_file(page, "pilot_cohort_moodle_log.csv")
    import_file(page, "pilot_cohort_activity_completion.csv")
    import_file(page, "pilot_cohort_zoom_week1.csv")
    import_file(page, "pilot_cohort_zoom_week2.csv")
    expect(page.locator(".import")).to_have_count(4)
    check(page, screenshot, axe, width, f"loop-imports-{width}")
    # Pseudonymised: no name or e-mail of the files is kept.
    learners = set(PilotRecord.objects.values_list("learner", flat=True))
    assert len(learners) >= 20
    assert not {"Ana Díaz", "ana.diaz@example.edu"} & learners

    # Mapping: the seminars by their weekday and time, the readings by title; the quizzes
    # (the completion report's and the log's) chosen by hand.
    page.get_by_role("link", name="new activities to blocks").click()
    for quiz in ("Week 1 quiz", "Week 2 quiz", "Quiz: Week 1 quiz", "Quiz: Week 2 quiz"):
        page.get_by_label(quiz, exact=True).select_option(label="Quiz (Thursday, due Sunday)")
    check(page, screenshot, axe, width, f"loop-mapping-{width}")
    page.get_by_role("button", name="Save the mapping").click()
    expect(page.get_by_role("heading", name="Plan against actual")).to_be_visible()

    # The heatmap and plan against actual, from the files alone.
    heat = page.locator("#pilot-heatmap")
    expect(heat.get_by_role("heading")).to_have_text(
        "When learners were active, in Europe/Berlin time"
    )
    expect(heat.locator("td.heat--live").first).to_contain_text("live")
    expect(
        heat.get_by_text("The busiest hour: Wednesday 19:00–20:00 (Europe/Berlin)")
    ).to_be_visible()
    expect(page.locator(".heat__few").first).to_be_visible()  # small groups: "fewer than 5"
    sessions = page.locator("#sessions-heading ~ table")
    expect(sessions).to_contain_text("37% of the cohort (11)")
    expect(sessions).to_contain_text("30% of the cohort (9)")
    expect(page.locator("#completion-heading ~ table")).to_contain_text("Reading")
    findings = page.locator("#findings-heading + ul")
    expect(findings).to_contain_text("Tuesday 14:00 “Seminar” (times in Europe/Berlin)")
    expect(findings).to_contain_text("learners are most active Wednesday 19:00–20:00")
    expect(findings).to_contain_text("day Tuesday → Wednesday, start 14:00 → 19:00")
    check(page, screenshot, axe, width, f"loop-evidence-{width}")

    # The heatmap in the New York learners' zone: only the heatmap is swapped (htmx), the
    # address says which zone, and the seminar is drawn at 08:00 there.
    heat.get_by_label("Show times in").select_option("America/New_York")
    heat.get_by_role("button", name="Show").click()
    expect(heat.get_by_role("heading")).to_have_text(
        "When learners were active, in America/New_York time"
    )
    expect(page).to_have_url(
        f"{live_server.url}/courses/{course.pk}/pilot/evidence/?zone=America%2FNew_York"
    )
    expect(
        heat.get_by_text("The busiest hour: Wednesday 13:00–14:00 (America/New_York)")
    ).to_be_visible()
    live_row = heat.locator("tr", has=page.locator("th", has_text="08:00"))
    expect(live_row.locator("td.heat--live")).to_have_count(1)
    expect(heat.get_by_role("button", name="Show")).to_be_focused()  # kept across the swap
    expect(findings).to_contain_text("(times in Europe/Berlin)")  # the findings keep the course's
    check(page, screenshot, axe, width, f"loop-evidence-new-york-{width}")

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
