"""A learner answers the first-week survey on a phone, with and without JavaScript, and the
instructor reads the results at desktop and phone widths."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from courses.models import LearnerSegment
from schedules.models import SurveyResponse
from tests.browser.helpers import sign_in
from tests.factories import CourseFactory, SurveyFactory, SurveyResponseFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-survey")
PHONE = {"width": 390, "height": 844}


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def open_survey():
    # Open whatever day the test runs.
    return SurveyFactory(
        course=CourseFactory(title="Statics"), opens=date(2000, 1, 1), closes=date(2999, 12, 31)
    )


def answer(page: Page) -> None:
    """Tick Monday 09:00 by keyboard and Wednesday 19:00 by tapping, fill in the rest, send."""
    page.get_by_label("Monday 09:00").focus()
    page.keyboard.press("Space")
    page.get_by_label("Wednesday 19:00").check()
    page.get_by_label("Phone").check()
    page.get_by_label("Variable: sometimes slow or drops out").check()
    page.get_by_label("Captions").check()
    page.get_by_label("A mix of both").check()
    page.get_by_label("Why? (optional)").fill("I work shifts.")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()


@pytest.mark.browser_context_args(timezone_id="Pacific/Auckland", viewport=PHONE)
def test_a_learner_answers_on_a_phone_with_their_zone_suggested(
    page: Page, live_server, serious_accessibility_violations
):
    survey = open_survey()
    page.goto(f"{live_server.url}/s/{survey.token}/")
    expect(page.get_by_text("no name or e-mail address")).to_be_visible()
    expect(page.get_by_label("Your time zone")).to_have_value("Pacific/Auckland")
    expect(page.get_by_text("Filled in from your device")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious_accessibility_violations(page) == []
    shot(page, "answer-js-390")
    answer(page)
    saved = SurveyResponse.objects.get()
    assert saved.timezone == "Pacific/Auckland"
    assert saved.needs == ["captions"]
    assert len(saved.availability_utc) == 2
    # A refused answer says what is wrong, next to it, and passes axe too.
    page.goto(f"{live_server.url}/s/{survey.token}/")
    page.get_by_label("Your time zone").fill("Mars/Olympus_Mons")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answer was not sent")).to_be_visible()
    expect(page.get_by_text("Tick at least one device.")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    shot(page, "answer-js-error-390")


@pytest.mark.browser_context_args(java_script_enabled=False, viewport=PHONE)
def test_a_learner_answers_without_javascript_and_a_mistake_loses_nothing(page: Page, live_server):
    survey = open_survey()
    page.goto(f"{live_server.url}/s/{survey.token}/")
    expect(page.get_by_label("Your time zone")).to_have_value("")
    page.get_by_label("Your time zone").fill("Asia/Kolkatta")
    page.get_by_label("Monday 09:00").check()
    page.get_by_label("Phone").check()
    page.get_by_label("Low: slow, or limited mobile data").check()
    page.get_by_label("Mostly self-paced work").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answer was not sent")).to_be_visible()
    expect(page.get_by_label("Monday 09:00")).to_be_checked()
    expect(page.get_by_label("Phone")).to_be_checked()
    expect(page.get_by_label("Your time zone")).to_have_value("Asia/Kolkatta")
    # (axe needs JavaScript: the test with it checks the refused form.)
    shot(page, "answer-nojs-error-390")
    page.get_by_label("Your time zone").fill("Asia/Kolkata")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
    assert SurveyResponse.objects.get().timezone == "Asia/Kolkata"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_instructor_reads_the_results(
    page: Page, live_server, serious_accessibility_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    owner = UserFactory(username="amara", instructor=True)
    survey = SurveyFactory(
        course=CourseFactory(owner=owner, title="Statics"),
        opens=date(2000, 1, 1),
        closes=date(2999, 12, 31),
    )
    SurveyResponseFactory.create_batch(7, survey=survey)
    SurveyResponseFactory.create_batch(
        2, survey=survey, timezone="Asia/Tokyo", devices=["phone"], availability_utc=[100]
    )
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}/courses/{survey.course.pk}/")
    page.get_by_role("link", name="Learner survey").click()
    expect(page.get_by_role("img", name="QR code of the survey's address")).to_be_visible()
    assert page.get_by_label("The survey's address").input_value().endswith(f"/s/{survey.token}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_accessibility_violations(page) == []
    shot(page, f"survey-page-{width}")
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", name="Survey results")).to_be_visible()
    expect(page.get_by_role("row", name="Asia/Tokyo fewer than 5")).to_be_visible()
    expect(page.get_by_role("row", name="Europe/London 7")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_accessibility_violations(page) == []
    shot(page, f"results-{width}")

    page.get_by_role("link", name="Apply to the learner profile").click()
    expect(page.get_by_label("Learners in Asia/Tokyo: 2 learners", exact=False)).to_be_checked()
    page.get_by_label("Learners in Europe/London", exact=False).uncheck()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_accessibility_violations(page) == []
    shot(page, f"apply-{width}")
    page.get_by_role("button", name="Apply the ticked changes").click()
    expect(page.get_by_role("status").first).to_contain_text("applied to the learner profile")
    zones = set(LearnerSegment.objects.values_list("timezone", flat=True))
    assert zones == {"Asia/Tokyo"}
