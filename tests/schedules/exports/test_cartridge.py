"""The .imscc: a manifest Moodle's schema check accepts, a page per block per week that says
when (date, time and time zone), what, for how long, by when, for which outcomes and with
what preparation, an overview with the recommendation and the weekly plan, and text that
comes through intact however hostile it is."""

import io
import time as clock
import zipfile
from datetime import time
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree, html

from schedules.exports.cartridge import CP_NS, cartridge
from schedules.reviews.services import schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    UserFactory,
    london_new_york_course,
    statics_course,
)

pytestmark = pytest.mark.django_db

NS = {"cp": CP_NS}
SCHEMAS = Path(__file__).parent / "imscc11_schemas"
HOSTILE_TITLE = '<script>alert("x")</script> & <b>Intro</b>'
FORMULA_TITLE = '=HYPERLINK("https://example.com","click")'
CONTROL_TITLE = "Bell\x07 escape\x1b tab\x0b end"
RTL_TITLE = "مقدمة الدورة"


@pytest.fixture(scope="module")
def cc11_schema():
    # Moodle's check (backup/cc/validator.php): libxml2 over cc11libxml2validator.xsd.
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "cc11libxml2validator.xsd")))


def _archive(course):
    snapshot = schedule_submit(course=course, by=course.owner).snapshot
    return zipfile.ZipFile(io.BytesIO(cartridge(snapshot, identifier="blendplan-1-v1")))


def _manifest(archive):
    return etree.fromstring(archive.read("imsmanifest.xml"))


def _modules(archive):
    return _manifest(archive).findall("cp:organizations/cp:organization/cp:item/cp:item", NS)


def _block_page(archive, title, week):
    manifest = _manifest(archive)
    for module in _modules(archive):
        if module.findtext("cp:title", namespaces=NS) != f"Week {week}":
            continue
        for item in module.findall("cp:item", NS):
            if item.findtext("cp:title", namespaces=NS) == title:
                ref = item.get("identifierref")
                resource = manifest.find(f"cp:resources/cp:resource[@identifier='{ref}']", NS)
                return archive.read(resource.get("href")).decode()
    raise AssertionError(f"No item {title!r} in week {week}")


def _overview(archive):
    manifest = _manifest(archive)
    first = _modules(archive)[0]
    ref = first.find("cp:item", NS).get("identifierref")
    resource = manifest.find(f"cp:resources/cp:resource[@identifier='{ref}']", NS)
    return archive.read(resource.get("href")).decode()


def _text(page):
    """Return a page's visible text with its whitespace squeezed."""
    return _squeezed(html.document_fromstring(page))


def _squeezed(element):
    """Return an element's text, its whitespace squeezed."""
    return " ".join("".join(element.itertext()).split())


def _h1(page):
    heading = html.document_fromstring(page).find(".//h1")
    assert heading is not None
    return "".join(str(text) for text in heading.itertext())


@pytest.fixture
def spring_course():
    """An 8-week course from Monday 1 March 2027 in London (the clocks go forward on Sunday
    28 March, week 4) with a live seminar every Wednesday at 09:00, a reading every Monday
    due Tuesday, a lab in weeks 2 and 5 only, a live session at 01:30 on that Sunday (a time
    that does not exist), outcomes, and hostile titles."""
    course = london_new_york_course(title=f"{RTL_TITLE} & <Statics>", code="ENG <101>")
    apply = LearningOutcomeFactory(course=course, text="Apply <Newton's> laws & check units")
    explain = LearningOutcomeFactory(course=course, text="اشرح القوى", knowledge=True)
    seminar = course.schedule.blocks.get(title="Seminar")
    seminar.outcomes.add(apply)
    ActivityBlockFactory(
        schedule=course.schedule, title=HOSTILE_TITLE, day=0, due_day=1, outcomes=[explain]
    )
    ActivityBlockFactory(schedule=course.schedule, title=FORMULA_TITLE, day=3, weeks=[2, 5])
    ActivityBlockFactory(schedule=course.schedule, title=CONTROL_TITLE, day=4, weeks=[1])
    ActivityBlockFactory(schedule=course.schedule, title=RTL_TITLE, day=1, weeks=[3])
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Night session",
        day=6,
        start_time=time(1, 30),
        weeks=[4],
    )
    return course


def test_the_manifest_validates_against_the_cc_1_1_schema_as_moodle_checks_it(
    spring_course, cc11_schema
):
    manifest = _manifest(_archive(spring_course))

    valid = cc11_schema.validate(manifest)

    assert valid, "\n".join(str(error) for error in cc11_schema.error_log)


def test_a_course_without_dates_or_outcomes_validates_too(cc11_schema):
    course = CourseFactory(title="Bare \x07<course>", start_date=None, weeks=2)
    ActivityBlockFactory(schedule=course.schedule, title="Reading")
    snapshot = schedule_submit(course=course, by=course.owner).snapshot
    del snapshot["course"]["outcomes"]  # an older snapshot has none
    for block in snapshot["blocks"]:
        del block["outcomes"]
    manifest = etree.fromstring(
        zipfile.ZipFile(io.BytesIO(cartridge(snapshot, identifier="9 odd/id v1"))).read(
            "imsmanifest.xml"
        )
    )

    assert cc11_schema.validate(manifest), "\n".join(map(str, cc11_schema.error_log))


def test_the_manifest_declares_the_cc_1_1_namespace_in_its_first_500_bytes(spring_course):
    head = _archive(spring_course).read("imsmanifest.xml")[:500].decode()
    assert f'xmlns="{CP_NS}"' in head


def test_the_zip_holds_every_file_the_manifest_names_and_nothing_else(spring_course):
    archive = _archive(spring_course)
    manifest = _manifest(archive)
    named = {f.get("href") for f in manifest.iterfind(".//cp:file", NS)}
    hrefs = {r.get("href") for r in manifest.iterfind("cp:resources/cp:resource", NS)}

    assert set(archive.namelist()) == named | {"imsmanifest.xml"}
    assert hrefs == named
    assert all(name.startswith("wiki_content/") and name.endswith(".html") for name in named)


def test_an_overview_module_then_one_module_per_week_with_the_blocks_running_that_week(
    spring_course,
):
    archive = _archive(spring_course)
    modules = _modules(archive)
    titles = {
        m.findtext("cp:title", namespaces=NS): [
            i.findtext("cp:title", namespaces=NS) for i in m.findall("cp:item", NS)
        ]
        for m in modules
    }

    assert [m.findtext("cp:title", namespaces=NS) for m in modules] == [
        "Course overview",
        *(f"Week {n}" for n in range(1, 9)),
    ]
    assert titles["Week 1"] == [HOSTILE_TITLE, "Seminar", "Bell escape tab end"]
    assert titles["Week 2"] == [HOSTILE_TITLE, "Seminar", FORMULA_TITLE]
    assert titles["Week 3"] == [HOSTILE_TITLE, RTL_TITLE, "Seminar"]
    assert titles["Week 4"] == [HOSTILE_TITLE, "Seminar", "Night session"]
    assert titles["Week 6"] == [HOSTILE_TITLE, "Seminar"]


def test_days_before_the_course_starts_are_left_out():
    # Starts Wednesday 13 January 2027; the reading is on the Monday of week 1.
    archive = _archive(statics_course())
    titles = [
        item.findtext("cp:title", namespaces=NS)
        for module in _modules(archive)
        for item in module.findall("cp:item", NS)
    ]

    assert "Reading" not in titles
    assert titles.count("Seminar") == 3


def test_a_block_page_says_when_in_the_course_time_zone_and_what(spring_course):
    archive = _archive(spring_course)

    before = _text(_block_page(archive, "Seminar", 3))
    after = _text(_block_page(archive, "Seminar", 5))

    assert "Wednesday 17 March 2027, 09:00 (Europe/London)" in before
    # After the clocks go forward it is still 09:00 in London.
    assert "Wednesday 31 March 2027, 09:00 (Europe/London)" in after
    assert "Live (synchronous)" in before
    assert "Duration: 60 minutes" in before
    assert "week 3" in before


def test_a_session_at_a_time_the_clocks_skip_says_so(spring_course):
    page = _text(_block_page(_archive(spring_course), "Night session", 4))

    assert "Sunday 28 March 2027, 01:30 (Europe/London)" in page
    assert "01:30 does not exist in Europe/London" in page
    assert "02:30" in page


def test_a_self_paced_page_gives_its_due_date_and_outcomes(spring_course):
    page = _text(_block_page(_archive(spring_course), HOSTILE_TITLE, 2))

    assert "Monday 8 March 2027 (Europe/London)" in page
    assert "Due: Tuesday 9 March 2027 (Europe/London)" in page
    assert "Outcomes served اشرح القوى" in page


def test_a_live_page_lists_its_outcomes_and_the_preparation_due_by_its_day(spring_course):
    page = _text(_block_page(_archive(spring_course), "Seminar", 2))

    assert "Apply <Newton's> laws & check units" in page
    assert f"{HOSTILE_TITLE}, due Tuesday 9 March 2027 (Europe/London)" in page
    # The formula-titled block runs on Thursday: after the seminar, not preparation for it.
    assert FORMULA_TITLE not in page


def test_without_a_start_date_pages_name_the_weekday_and_week():
    course = CourseFactory(start_date=None, weeks=2, timezone="America/New_York")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, start_time=time(9)
    )
    page = _text(_block_page(_archive(course), "Seminar", 2))

    assert "Wednesday of week 2, 09:00 (America/New_York)" in page


def test_the_overview_gives_the_recommendation_and_a_table_per_week(spring_course):
    overview = _overview(_archive(spring_course))
    schedule = spring_course.schedule
    schedule.refresh_from_db()
    reasons = schedule.recommendation["reasons"]
    doc = html.document_fromstring(overview)
    text = _text(overview)

    assert reasons  # the engine explained its split
    assert f"Recommended live share: {schedule.recommended_live_share}%" in text
    for reason in reasons:
        assert " ".join(reason.split()) in text
    assert "Dates and times are in Europe/London" in text
    tables = doc.findall(".//table")
    assert len(tables) == 8
    week_2 = [
        [_squeezed(cell) for cell in row.findall("td")] for row in tables[1].findall(".//tbody/tr")
    ]
    assert week_2[1] == [
        "Wednesday 10 March 2027",
        "09:00",
        "Seminar",
        "Live (synchronous)",
        "60",
        "",
    ]
    assert week_2[0][0] == "Monday 8 March 2027"
    assert week_2[0][-1] == "Tuesday 9 March 2027 (Europe/London)"


def test_hostile_text_comes_out_escaped_and_intact(spring_course):
    archive = _archive(spring_course)
    raw = _block_page(archive, HOSTILE_TITLE, 1)
    doc = html.document_fromstring(raw)

    assert doc.findtext(".//title") == HOSTILE_TITLE
    assert _h1(raw) == HOSTILE_TITLE
    assert doc.find(".//script") is None
    assert doc.find(".//h1/b") is None
    assert doc.get("lang") == "en"
    assert doc.find(".//meta[@charset='utf-8']") is not None
    assert _text(_block_page(archive, FORMULA_TITLE, 2)).startswith(FORMULA_TITLE)
    assert _h1(_block_page(archive, RTL_TITLE, 3)) == RTL_TITLE


def test_control_characters_are_stripped_from_the_manifest_and_the_pages(spring_course):
    archive = _archive(spring_course)
    manifest = archive.read("imsmanifest.xml").decode()
    page = _block_page(archive, "Bell escape tab end", 1)

    for control in "\x07\x1b\x0b":
        assert control not in manifest
        assert control not in page
    assert f"{RTL_TITLE} &amp; &lt;Statics&gt;" in manifest
    assert '<h1 dir="auto">Bell escape tab end</h1>' in page


def test_other_instructors_cannot_download_it(client):
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule)
    schedule_submit(course=course, by=course.owner)
    client.force_login(UserFactory(instructor=True))
    response = client.get(reverse("schedules:export_imscc", args=[course.schedule.pk]))
    assert response.status_code == 404


def test_the_owner_downloads_it_as_a_zip(client, spring_course):
    schedule_submit(course=spring_course, by=spring_course.owner)
    client.force_login(spring_course.owner)
    response = client.get(reverse("schedules:export_imscc", args=[spring_course.schedule.pk]))

    assert response["Content-Type"] == "application/zip"
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


def test_the_same_version_always_gives_the_same_bytes(monkeypatch, spring_course):
    snapshot = schedule_submit(course=spring_course, by=spring_course.owner).snapshot
    first = cartridge(snapshot, identifier="v1")
    later = clock.time() + 3600  # an hour later, say
    monkeypatch.setattr(clock, "time", lambda: later)

    assert cartridge(snapshot, identifier="v1") == first
