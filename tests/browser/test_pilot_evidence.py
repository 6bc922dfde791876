"""An instructor imports a Moodle log, a Moodle completion report and a Zoom participants
report into a running pilot, confirms which block each imported activity is, and reads plan
against actual: at a desktop's width and a phone's, with axe on every page."""

from datetime import date, time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from schedules.models import PilotActivity, PilotRecord
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
SHOTS = Path("/tmp/shots-pilotdata")


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def shot(page: Page, screenshot, name: str) -> None:
    screenshot(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def import_file(page: Page, name: str) -> None:
    page.get_by_label("Export file").set_input_files(str(FIXTURES / name))
    page.get_by_role("button", name="Import the file").click()
    expect(page.locator(".import").first).to_contain_text(name)
    expect(page.locator(".import").first).to_contain_text("Imported")


@pytest.mark.parametrize("width", [1280, 390])
def test_import_map_and_see_plan_against_actual(
    page: Page, live_server, screenshot, serious_accessibility_violations, settings, tmp_path, width
):
    settings.PILOT_UPLOAD_DIR = str(tmp_path)
    page.set_viewport_size({"width": width, "height": 900})
    owner = UserFactory(username="amara", instructor=True)
    # The fixtures' course: two weeks from Monday 30 November 2026, in Berlin.
    course = CourseFactory(
        owner=owner,
        title="Argumentation",
        weeks=2,
        start_date=date(2026, 11, 30),
        timezone="Europe/Berlin",
        cohort_size=30,
    )
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=4)
    ActivityBlockFactory(schedule=course.schedule, title="Quiz", day=3, due_day=6)
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=1, start_time=time(14)
    )
    PilotFactory(schedule=course.schedule, running=True)

    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/")
    expect(page.get_by_label("Time zone of the file's times")).to_have_value("Europe/Berlin")
    import_file(page, "moodle_log.csv")
    import_file(page, "moodle_activity_completion.csv")
    import_file(page, "zoom_participants_new.csv")
    imports = page.locator(".import")
    expect(imports).to_have_count(3)
    expect(imports.nth(2)).to_contain_text("Times read as Europe/Berlin.")
    assert not list(tmp_path.iterdir())  # no upload is kept
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"pilot-imports-{width}")
    page.locator("#evidence").screenshot(path=str(SHOTS / f"pilot-imports-section-{width}.png"))

    # Mapping: the Zoom meeting on Tuesday at 13:58 is the Tuesday 14:00 seminar.
    page.get_by_role("link", name="new activities to blocks").click()
    expect(
        page.get_by_role("heading", name="Which block is each imported activity?")
    ).to_be_visible()
    meeting = page.get_by_label("Live seminar 2: argument clinic", exact=True)
    expect(meeting.locator("option:checked")).to_have_text("Seminar (Tuesday 14:00)")
    expect(page.get_by_label("Week 1 reading", exact=True).locator("option:checked")).to_have_text(
        "Reading (Monday, due Friday)"
    )
    page.get_by_label("Week 1 quiz", exact=True).select_option(label="Quiz (Thursday, due Sunday)")
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"pilot-mapping-{width}")
    page.get_by_role("button", name="Save the mapping").click()

    # Plan against actual: a handful of learners, so every figure says "fewer than 5".
    expect(page.get_by_role("heading", name="Plan against actual")).to_be_visible()
    expect(page.get_by_text("The mapping of")).to_be_visible()
    heatmap = page.locator("table.heatmap")
    expect(heatmap).to_be_visible()
    expect(heatmap.locator("td.heat--live").first).to_contain_text("live")
    sessions = page.locator("#sessions-heading + table")
    expect(sessions).to_contain_text("Seminar")
    expect(sessions).to_contain_text("fewer than 5")
    expect(page.locator("#completion-heading + table")).to_contain_text("Reading")
    no_sideways_scroll(page, width)
    assert serious_accessibility_violations(page) == []
    shot(page, screenshot, f"pilot-evidence-{width}")
    assert PilotActivity.objects.filter(confirmed=True).count() == PilotActivity.objects.count()
    assert PilotRecord.objects.exists()


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_the_heatmap_zone_choice_works_without_javascript(page: Page, live_server):
    """A plain GET form (axe runs on this page in the end-to-end test: it needs JavaScript)."""
    owner = UserFactory(username="amara", instructor=True)
    course = CourseFactory(
        owner=owner, weeks=2, start_date=date(2026, 11, 30), timezone="Europe/Berlin"
    )
    LearnerSegmentFactory(profile__course=course, name="Tokyo office", timezone="Asia/Tokyo")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=1, start_time=time(17)
    )
    PilotFactory(schedule=course.schedule, running=True)
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/evidence/")
    heat = page.locator("#pilot-heatmap")
    page.get_by_label("Show times in").select_option("Asia/Tokyo")
    page.get_by_role("button", name="Show").click()
    # A plain GET: the whole page, scrolled to the heatmap, drawn in Tokyo's time.
    expect(page).to_have_url(
        f"{live_server.url}/courses/{course.pk}/pilot/evidence/?zone=Asia%2FTokyo#pilot-heatmap"
    )
    expect(heat.get_by_role("heading")).to_have_text(
        "When learners were active, in Asia/Tokyo time"
    )
    # Tuesday 17:00 in Berlin is Wednesday 01:00 in Tokyo.
    live_row = heat.locator("tr", has=page.locator("th", has_text="01:00"))
    expect(live_row.locator("td").nth(2)).to_contain_text("live")
