"""Both sides of a review, as issue #6's "done when" describes: the instructor submits, the
reviewer comments on a block and requests changes, the instructor answers and revises and
resubmits, the reviewer compares the versions, approves and downloads every export."""

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from typing import Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from courses.roles import Role
from schedules.rules.choices import Weekday
from tests.browser.helpers import sign_in, submit_for_review
from tests.factories import ActivityBlockFactory, UserFactory, london_new_york_course

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")
CC_NS = {"cp": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def download(page: Page, link: str) -> tuple[str, bytes]:
    """Click a download link; return the file's suggested name and its bytes."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    path = info.value.path()
    return info.value.suggested_filename, path.read_bytes()


def test_submit_comment_reply_revise_compare_approve_and_download(
    page: Page, live_server, screenshot, serious_accessibility_violations
):
    owner = UserFactory(username="ines", instructor=True)
    UserFactory(username="ravi", reviewer=True)
    # 8 weeks from 1 March 2027 in London: the clocks go forward on 28 March, in week 4.
    course = london_new_york_course(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule, title="Forum debate", day=Weekday.THURSDAY)

    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Statics").click()
    submit_for_review(page)
    expect(
        page.get_by_role("status").filter(has_text="Submitted as version 1").first
    ).to_be_attached()
    sign_out(page)

    # The reviewer comments on one block and requests changes.
    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Statics").click()
    expect(page.get_by_role("heading", name="Weekly timeline")).to_be_visible()
    page.get_by_label("About").select_option(label="Forum debate (Thursday)")
    page.get_by_label("Comment", exact=True).fill("An hour is short for a debate; give it 90.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_role("status").filter(has_text="Comment added.").first).to_be_attached()
    thread = page.get_by_role("article", name="On “Forum debate”")
    expect(thread).to_contain_text("An hour is short for a debate")
    page.get_by_label("Comment (required to request changes)").fill("See the block comment.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_role("status").filter(has_text="Changes requested.").first).to_be_attached()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "review")
    sign_out(page)

    # The instructor answers in the thread, lengthens the block and resubmits.
    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Statics").click()
    page.get_by_role("link", name="Review: changes requested").click()
    thread = page.get_by_role("article", name="On “Forum debate”")
    thread.get_by_text("Reply", exact=True).click()
    thread.get_by_label("Your reply").fill("Done: 90 minutes from version 2.")
    thread.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("status").filter(has_text="Reply added.").first).to_be_attached()
    expect(thread.get_by_role("listitem").nth(1)).to_contain_text("Instructor")
    expect(thread.get_by_role("listitem").nth(1)).to_contain_text("Done: 90 minutes")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "review-thread")

    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_role("link", name="Open the blend editor").click()
    page.get_by_role("link", name="Edit “Forum debate”").click()
    edit = page.locator(".block-item form.block-form")
    # The opened form moves focus to its first field; type only once it has.
    expect(edit.get_by_label("Title")).to_be_focused()
    edit.get_by_label("Duration (minutes)").fill("90")
    edit.get_by_role("button", name="Save block").click()
    expect(page.get_by_role("status").filter(has_text="Forum debate").first).to_be_attached()
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    submit_for_review(page)
    expect(
        page.get_by_role("status").filter(has_text="Submitted as version 2").first
    ).to_be_attached()
    sign_out(page)

    # The reviewer compares the versions, approves, and downloads every export.
    sign_in(page, live_server, "ravi")
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Statics").click()
    page.get_by_role("link", name="Compare versions").click()
    change = page.get_by_role("table", name="Forum debate")
    expect(change.get_by_role("row", name="Minutes")).to_contain_text("60")
    expect(change.get_by_role("row", name="Minutes")).to_contain_text("90")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "review-compare")
    page.go_back()
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_role("status").filter(has_text="Approved.").first).to_be_attached()
    expect(page.get_by_role("region", name="History")).to_contain_text("Approved version 2")

    name, ics = download(page, "Live sessions (.ics)")
    assert name == "statics-v2.ics"
    check_calendar(ics)
    name, imscc = download(page, "Common Cartridge (.imscc)")
    assert name == "statics-v2.imscc"
    check_cartridge(imscc, weeks=8)
    name, blocks_csv = download(page, "Download CSV")
    rows = list(csv.DictReader(io.StringIO(blocks_csv.decode("utf-8-sig"))))
    # One row per block per week: the seminar and the debate run every week.
    assert len(rows) == 2 * 8
    name, export = download(page, "Download JSON")
    data = json.loads(export)
    assert data["version"] == 2
    debate = next(b for b in data["blocks"] if b["title"] == "Forum debate")
    assert debate["duration_minutes"] == 90

    page.get_by_role("link", name="Print view").click()
    expect(page.get_by_role("heading", name="Sign-off")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "print-view")


def check_calendar(ics: bytes) -> None:
    """The seminar recurs at 09:00 London time every week, before and after 28 March."""
    calendar: Any = Calendar.from_ical(ics)
    [seminar] = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Seminar"]
    assert seminar["dtstart"].params["TZID"] == "Europe/London"
    rule = seminar["rrule"]
    assert (rule["FREQ"], rule["COUNT"], rule.get("INTERVAL", [1])) == (["WEEKLY"], [8], [1])
    # RFC 5545 repeats a TZID start at the same local (wall-clock) time in its zone.
    start = seminar.decoded("dtstart").replace(tzinfo=None)
    sessions = [(start + timedelta(weeks=n)).replace(tzinfo=LONDON) for n in range(8)]
    assert {(s.hour, s.minute) for s in sessions} == {(9, 0)}
    before, after = sessions[0], sessions[-1]
    assert before.date() < date(2027, 3, 28) < after.date()
    # The same local time is a different UTC time once the clocks have gone forward.
    assert before.utcoffset() == timedelta(0)
    assert after.utcoffset() == timedelta(hours=1)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def check_cartridge(imscc: bytes, *, weeks: int) -> None:
    """The manifest parses, names the CC 1.1 namespace early, and has the course overview
    then a module per week."""
    archive = zipfile.ZipFile(io.BytesIO(imscc))
    manifest_bytes = archive.read("imsmanifest.xml")
    assert CC_NS["cp"] in manifest_bytes[:500].decode()
    manifest = ET.fromstring(manifest_bytes)
    modules = manifest.findall("cp:organizations/cp:organization/cp:item/cp:item", CC_NS)
    assert [m.findtext("cp:title", namespaces=CC_NS) for m in modules] == [
        "Course overview",
        *(f"Week {n}" for n in range(1, weeks + 1)),
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reviewer_who_teaches_the_course_is_told_another_reviewer_decides(
    page: Page, live_server, screenshot, width
):
    owner = UserFactory(username="ines", roles=(Role.INSTRUCTOR, Role.REVIEWER))
    course = london_new_york_course(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule, title="Forum debate")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ines")
    page.get_by_role("link", name="Statics").click()
    submit_for_review(page)
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="Statics").click()
    expect(
        page.get_by_text("You teach this course, so another reviewer decides on it.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Approve version 1")).to_have_count(0)
    screenshot(page, f"review-own-course-{width}")
