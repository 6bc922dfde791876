"""Every pilot page in every state, at a desktop's width (1280 px) and a phone's (390 px):
the pilot page from planning to done with its readiness checklist (items ticked by BlendPlan,
ticked by hand with a note, still open), the import form (empty, an import in progress,
finished, and refused for each kind of bad input), the mapping page, the evidence page (no
data, figures about fewer than five learners, a cohort's worth with findings), the
retrospective, the privacy page and the delete confirmation.

Each state is checked as a user would: what the page says, nothing scrolling the page
sideways, no serious accessibility violation (axe), and a full-page screenshot under
var/screenshots/ (pilot-look-*) for a person to look at."""

import gzip
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from schedules.models import Pilot, PilotActivity, PilotRecord
from schedules.pilot.evidence import pilot_figures_store
from schedules.pilot.imports import pilot_import_start
from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    PilotActivityFactory,
    PilotDecisionFactory,
    PilotFactory,
    PilotImportFactory,
    PilotRecordFactory,
    ReadinessTickFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = Path(__file__).resolve().parents[1] / "schedules" / "pilot_imports" / "fixtures"
WIDTHS = (1280, 390)


# The form controls that run past the right edge of the card they sit in (a card clips them:
# the page itself does not scroll, but the end of a select's label is cut off).
STICKING_OUT = """
[...document.querySelectorAll('.card select, .card input, .card button')]
  .filter(el => el.offsetParent !== null
    && el.getBoundingClientRect().right > el.closest('.card').getBoundingClientRect().right + 1)
  .map(el => el.name || el.id || el.textContent.trim())
"""


@pytest.fixture
def look(screenshot, serious_accessibility_violations):
    """Return a function that checks a page state as a user would see it, and keeps its
    screenshot: no sideways scrolling at the window's width, no serious axe violation."""

    def check(page: Page, name: str) -> None:
        width = page.viewport_size["width"] if page.viewport_size else 0
        screenshot(page, f"pilot-look-{name}-{width}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("window.innerWidth"), f"{name} scrolls sideways"
        assert page.evaluate(STICKING_OUT) == [], f"{name}: controls run past their card"
        assert serious_accessibility_violations(page) == [], name

    return check


@pytest.fixture
def course():
    """The import fixtures' course: four weeks from Monday 30 November 2026 in Berlin, a
    cohort of 30, with a reading, a quiz and a live seminar."""
    owner = UserFactory(username="amara", first_name="Amara", last_name="Osei", instructor=True)
    course = CourseFactory(
        owner=owner,
        title="Argumentation in Practice",
        weeks=4,
        start_date=date(2026, 11, 30),
        timezone="Europe/Berlin",
        cohort_size=30,
    )
    outcome = LearningOutcomeFactory(course=course, text="Build and rebut an argument in writing")
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=4)
    ActivityBlockFactory(
        schedule=course.schedule, title="Quiz", day=3, due_day=6, outcomes=[outcome]
    )
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=1, start_time=time(14)
    )
    return course


def import_now(pilot: Pilot, name: str, content: bytes | None = None) -> None:
    """Import a file as the upload does (the task runs at once in tests)."""
    pilot_import_start(
        pilot=pilot,
        upload=SimpleUploadedFile(
            name, (FIXTURES / name).read_bytes() if content is None else content
        ),
        kind=None,
        uploader_zone="Europe/Berlin",
        day_first=None,
        by=pilot.schedule.course.owner,
    )


def upload(page: Page, path: Path) -> None:
    page.get_by_label("Export file").set_input_files(str(path))
    page.get_by_role("button", name="Import the file").click()


def stored(pilot: Pilot) -> set[tuple[int, str]]:
    return set(PilotRecord.objects.filter(pilot=pilot).values_list("key", "learner"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_pilot_page_from_planning_to_done(page: Page, live_server, course, look, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/")
    expect(page.get_by_role("heading", name="Plan a pilot")).to_be_visible()
    look(page, "no-pilot")

    # Planning: one item ticked by hand with a note, one by BlendPlan, the rest open.
    page.get_by_role("button", name="Plan the pilot").click()
    survey = page.locator("#item-access-survey")
    survey.get_by_label("Note (optional): who did it, how").fill(
        "Survey sent in the LMS on 20 November; 27 of 30 answered, 2 on phones only"
    )
    survey.get_by_role("button", name="Tick “Learners surveyed on access”").click()
    expect(survey).to_contain_text("Ticked by Amara Osei")
    expect(survey).to_contain_text("27 of 30 answered")
    expect(survey.locator(".checklist__state")).to_have_text("Done")
    expect(page.locator(".checklist__item--done .tag", has_text="checked by BlendPlan").first)
    expect(page.locator(".checklist__item--open").first).to_contain_text("Open")
    expect(page.get_by_text("readiness items are still open")).to_be_visible()
    look(page, "planning")

    page.get_by_role("button", name="Start the pilot").click()
    expect(page.get_by_role("heading", name="Pilot Running", exact=True)).to_be_visible()
    look(page, "running")

    page.get_by_role("button", name="End the pilot weeks and review").click()
    expect(page.get_by_role("heading", name="Pilot Reviewing", exact=True)).to_be_visible()
    page.get_by_label("Retrospective on").fill("2026-12-18")
    page.get_by_role("button", name="Book the retrospective").click()
    page.get_by_label("Notes").fill(
        "Attendance at the Tuesday seminar dropped in week 2; learners were busiest on "
        "Wednesday evenings. The quiz was mostly done after its due day."
    )
    page.get_by_role("button", name="Save the notes").click()
    page.get_by_role("textbox", name="Decision").fill("Move the seminar to Wednesday 19:00")
    page.get_by_role("button", name="Add the decision").click()
    expect(page.locator(".decision")).to_contain_text("Move the seminar to Wednesday 19:00")
    look(page, "reviewing")

    page.get_by_role("button", name="Close the pilot").click()
    expect(page.get_by_role("heading", name="Pilot Done", exact=True)).to_be_visible()
    expect(page.locator(".decision")).to_contain_text("Move the seminar to Wednesday 19:00")
    look(page, "done")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_import_form_empty_in_progress_finished_and_refused(
    page: Page, live_server, course, look, settings, tmp_path, width
):
    settings.PILOT_UPLOAD_DIR = str(tmp_path / "uploads")
    page.set_viewport_size({"width": width, "height": 900})
    pilot = PilotFactory(schedule=course.schedule, running=True)
    sign_in(page, live_server, "amara")
    pilot_url = f"{live_server.url}/courses/{course.pk}/pilot/"
    imports = page.locator("#pilot-imports")

    page.goto(pilot_url)
    expect(imports).to_contain_text("Nothing imported yet.")
    look(page, "import-empty")

    # An import under way, as the worker leaves it between batches.
    running = PilotImportFactory(
        pilot=pilot,
        file_name="logs_BM101_20261214.csv",
        state="running",
        size=48_000_000,
        bytes_read=18_500_000,
        rows=211_000,
        records=209_500,
    )
    page.goto(pilot_url)
    # Reading the file is the first 70% of the bar (storing the rest): 18.5 of 48 MB read.
    expect(imports.locator("progress")).to_have_attribute("value", "26")
    expect(imports).to_contain_text("Read 18 MB of 48 MB: 211,000 rows")
    look(page, "import-in-progress")
    running.delete()

    # Finished: a Moodle log, then the same file again (nothing counted twice).
    upload(page, FIXTURES / "moodle_log.csv")
    expect(imports.locator(".import").first).to_contain_text("Imported")
    upload(page, FIXTURES / "moodle_log.csv")
    expect(imports.locator(".import").first).to_contain_text("already imported")
    expect(imports.locator(".import").first).to_contain_text("0 new records")
    look(page, "import-finished-twice")
    before = stored(pilot)
    activities = set(PilotActivity.objects.filter(pilot=pilot).values_list("title", flat=True))
    assert before

    # Rows that cannot be read: counted, listed with their line numbers, the rest imported.
    upload(page, FIXTURES / "moodle_log_broken_rows.csv")
    latest = imports.locator(".import").first
    expect(latest).to_contain_text("Imported")
    latest.locator("summary").click()
    expect(latest.locator(".import__problems")).to_contain_text("Line 3:")
    expect(latest.locator(".import__problems")).to_contain_text("Line 4:")
    look(page, "import-unreadable-rows")
    before = stored(pilot)
    activities = set(PilotActivity.objects.filter(pilot=pilot).values_list("title", flat=True))

    def refused(path: Path, name: str, *says: str) -> None:
        upload(page, path)
        # Refused at once under the file field, or by the import task in the list below.
        message = page.locator("#import-upload .field__error, .import--failed .form-errors").first
        for said in says:
            expect(message).to_contain_text(said)
        look(page, f"import-refused-{name}")
        assert stored(pilot) == before, f"{name}: earlier records changed"
        assert (
            set(PilotActivity.objects.filter(pilot=pilot).values_list("title", flat=True))
            == activities
        )
        page.goto(pilot_url)

    refused(
        FIXTURES / "not_an_export.csv",
        "wrong-kind",
        "We could not tell what kind of export this is",
        "Product,Price,Stock",
    )
    pdf = tmp_path / "attendance.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    refused(pdf, "pdf", "“attendance.pdf” is not imported", "This is a PDF document")
    refused(
        FIXTURES / "moodle_log_renamed.csv",
        "renamed-columns",
        "Expected",
        "Time",
        "Event name",
        "Date",
    )
    refused(FIXTURES / "moodle_log_ambiguous.csv", "ambiguous-dates", "day first", "month first")
    refused(FIXTURES / "moodle_log_other_term.csv", "outside-course", "another course or term")
    refused(
        FIXTURES / "moodle_log_mixed_dates.csv",
        "mixed-dates",
        "line 4 has the day first, line 2 the month first",
    )

    settings.PILOT_IMPORT_MAX_BYTES = 1000
    refused(FIXTURES / "moodle_log.csv", "too-large", "larger than the 1 kB limit")
    # Bombs in miniature: under the 1 kB limit as uploaded, 400 kB once expanded.
    bomb = tmp_path / "logs.csv.gz"
    header = (FIXTURES / "moodle_log.csv").read_bytes().splitlines(keepends=True)[0]
    bomb.write_bytes(gzip.compress(header + b"0" * 400_000))
    refused(bomb, "gzip-bomb", "expands past the 1 kB limit")
    zipped = tmp_path / "logs.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("logs.csv", header + b"0" * 400_000)
    refused(zipped, "zip-bomb", "expands past the 1 kB limit")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_mapping_page_with_nothing_suggestions_and_confirmed(
    page: Page, live_server, course, look, settings, tmp_path, width
):
    settings.PILOT_UPLOAD_DIR = str(tmp_path)
    page.set_viewport_size({"width": width, "height": 900})
    pilot = PilotFactory(schedule=course.schedule, running=True)
    # A long title makes every select as wide as its label: on a phone it must shorten to
    # the card, not run past it.
    ActivityBlockFactory(
        schedule=course.schedule,
        title="Seminar: discussion and questions on the week's field reports",
        day=2,
        due_day=4,
    )
    sign_in(page, live_server, "amara")
    mapping_url = f"{live_server.url}/courses/{course.pk}/pilot/mapping/"

    page.goto(mapping_url)
    expect(page.get_by_text("Nothing is imported yet.")).to_be_visible()
    look(page, "mapping-nothing")

    for name in ("moodle_log.csv", "moodle_activity_completion.csv", "zoom_participants_new.csv"):
        import_now(pilot, name)
    page.goto(mapping_url)
    expect(page.locator(".mapping__meta", has_text="Suggested").first).to_be_visible()
    look(page, "mapping-suggested")

    page.get_by_role("button", name="Save the mapping").click()
    expect(page.get_by_role("heading", name="Plan against actual")).to_be_visible()
    page.goto(mapping_url)
    expect(page.locator(".mapping__meta", has_text="Confirmed").first).to_be_visible()
    expect(page.locator(".mapping__meta", has_text="Suggested")).to_have_count(0)
    look(page, "mapping-confirmed")


def a_cohorts_worth(course) -> None:
    """Twenty learners' evidence on the pilot's weeks 1-2, imported as the task stores it:
    6 at the Tuesday 14:00 seminar in week 2 (20%), 8 on the forum on Wednesday 19:00,
    12 completing the reading (9 of them after its Friday due day), and 10 quiz scores mostly
    under the pass mark."""
    pilot = course.schedule.pilot
    blocks = {block.title: block for block in course.schedule.blocks.all()}
    PilotImportFactory(pilot=pilot, finished=timezone.now())
    seminar = PilotActivityFactory(
        pilot=pilot, title="Zoom: Seminar", block=blocks["Seminar"], confirmed=True
    )
    reading = PilotActivityFactory(
        pilot=pilot, title="Page: Week 1 reading", block=blocks["Reading"], confirmed=True
    )
    quiz = PilotActivityFactory(
        pilot=pilot, title="Quiz: Week 1 check", block=blocks["Quiz"], confirmed=True
    )
    forum = PilotActivityFactory(pilot=pilot, title="Forum: weekly debate", confirmed=True)
    berlin = timedelta(hours=1)  # Berlin in December is UTC+1

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 12, day, hour, minute, tzinfo=UTC) - berlin

    for i in range(6):
        PilotRecordFactory(
            activity=seminar, learner=f"p_{i:024d}", evidence="attendance", at=at(8, 14), minutes=50
        )
    for i in range(8):
        for minute in (1, 5, 9):
            PilotRecordFactory(activity=forum, learner=f"p_{i:024d}", at=at(2, 19, minute))
    for i in range(12):
        PilotRecordFactory(
            activity=reading,
            learner=f"p_{i:024d}",
            evidence="completion",
            completion="completed",
            at=at(3 if i < 3 else 6, 20),
        )
    for i in range(10):
        PilotRecordFactory(
            activity=quiz,
            learner=f"p_{i:024d}",
            evidence="score",
            score=0.9 if i < 3 else 0.4,
            at=at(3, 21),
        )
    pilot_figures_store(pilot)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_evidence_page_without_data_with_few_learners_and_with_findings(
    page: Page, live_server, course, look, settings, tmp_path, width
):
    settings.PILOT_UPLOAD_DIR = str(tmp_path)
    page.set_viewport_size({"width": width, "height": 900})
    pilot = PilotFactory(schedule=course.schedule, running=True)
    sign_in(page, live_server, "amara")
    evidence_url = f"{live_server.url}/courses/{course.pk}/pilot/evidence/"

    page.goto(evidence_url)
    expect(page.get_by_text("Nothing to judge yet: no export is imported")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("Planned 1 h; no attendance imported yet")
    look(page, "evidence-no-data")

    # The fixtures hold a handful of learners: every figure about them is "fewer than 5".
    for name in ("moodle_log.csv", "moodle_activity_completion.csv", "zoom_participants_new.csv"):
        import_now(pilot, name)
    page.goto(evidence_url)
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    look(page, "evidence-fewer-than-5")

    PilotActivity.objects.filter(pilot=pilot).delete()
    a_cohorts_worth(course)
    page.goto(evidence_url)
    findings = page.locator("#findings-heading + ul")
    expect(findings).to_contain_text("“Seminar”")
    expect(findings.get_by_role("link", name="Apply as a draft edit to “Seminar”")).to_be_visible()
    expect(page.get_by_text("The busiest hour: Wednesday 19:00–20:00")).to_be_visible()
    expect(page.locator("table.heatmap td.heat--live").first).to_contain_text("live")
    # 6 learners × 50 minutes in week 2, over the 12 learners seen and the 2 weeks (0.2 h).
    expect(page.locator(".facts")).to_contain_text("Planned 1 h; attended 12 min on average")
    look(page, "evidence-findings")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_privacy_page_and_the_delete_confirmation(page: Page, live_server, course, look, width):
    page.set_viewport_size({"width": width, "height": 900})
    pilot = PilotFactory(
        schedule=course.schedule, reviewing=True, retrospective_on=date(2026, 12, 18)
    )
    ReadinessTickFactory(pilot=pilot)
    PilotDecisionFactory(pilot=pilot, text="Move the seminar to Wednesday 19:00")
    PilotRecordFactory(
        activity=PilotActivityFactory(pilot=pilot), source=PilotImportFactory(pilot=pilot)
    )
    sign_in(page, live_server, "amara")

    page.goto(f"{live_server.url}/pilot/privacy/")
    expect(page.get_by_role("heading", name="What is never kept")).to_be_visible()
    look(page, "privacy")

    page.goto(f"{live_server.url}/courses/{course.pk}/pilot/")
    page.get_by_role("link", name="Delete this course's pilot data").click()
    expect(page.get_by_role("heading", name="Delete this course's pilot data?")).to_be_visible()
    goes = page.get_by_role("region", name="What goes, for good")
    expect(goes).to_contain_text("1 import and the 1 pseudonymised record it brought in")
    look(page, "delete-confirm")
    page.get_by_role("button", name="Delete the pilot data").click()
    expect(page.get_by_role("link", name="Plan a pilot")).to_be_visible()
    assert not Pilot.objects.filter(schedule=course.schedule).exists()
    look(page, "deleted")
