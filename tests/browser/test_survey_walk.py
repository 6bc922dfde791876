"""Issue #17, done when: an instructor opens a survey; twelve learners in four time zones
answer it on a phone (some with JavaScript, some without); the instructor applies the result
to the learner profile and sees the recommendation and the planner's best slot change; a
reviewer approves the schedule; the learners' page shows the session at each learner's time.

Worked by hand: the course runs in London for four weeks from Monday 11 January 2027 (no
clock changes). London, Berlin and New York learners each tick the hour that is Wednesday
18:00 in London; Tokyo's learners tick Saturday 10:00 theirs (01:00 in London, outside the
instructor's waking hours). On assumed waking hours, with the whole cohort guessed to be in
London, the best slot is Monday 08:00; on what the learners said, Wednesday 18:00.
"""

import re
from datetime import date, time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from schedules.models import SurveyResponse
from tests.browser.helpers import sign_in, submit_for_review
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path("/tmp/shots-surveyplanner")
PHONE: ViewportSize = {"width": 390, "height": 844}
# Zone, the learner's own label for the hour they tick, how many answer, and with JavaScript?
LEARNERS = [
    ("Europe/London", "Wednesday 18:00", 3, True),
    ("Europe/Berlin", "Wednesday 19:00", 3, False),
    ("America/New_York", "Wednesday 13:00", 3, True),
    ("Asia/Tokyo", "Saturday 10:00", 3, False),
]
# Wednesday 13 January 2027, 18:00-19:00 in London, on each learner's clock.
FIRST_SESSION = {
    "America/New_York": "Wed 13 Jan, 13:00–14:00",
    "Asia/Tokyo": "Thu 14 Jan, 03:00–04:00",
}


def overflow(page: Page) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


def best_slot(page: Page) -> str:
    suggestion = page.locator(".suggestion").filter(has_text="The best single slot")
    return suggestion.locator("li strong").first.inner_text()


def recommended(page: Page) -> int:
    """Return the recommended live share the course page's panel shows, in per cent."""
    return int(re.findall(r"\d+", page.locator("#recommendation .big-figure").inner_text())[0])


def test_twelve_learners_answer_and_the_plan_follows_them_to_the_learners_page(
    browser: Browser, page: Page, live_server, serious_accessibility_violations
):
    SHOTS.mkdir(parents=True, exist_ok=True)

    def step(on: Page, name: str, *, axe: bool = True) -> None:
        on.screenshot(path=str(SHOTS / f"walk-{name}.png"), full_page=True)
        assert overflow(on) <= 0, f"{name} scrolls sideways"
        if axe:  # axe runs in the page: not where JavaScript is off
            assert serious_accessibility_violations(on) == [], name

    owner = UserFactory(username="amara", instructor=True)
    UserFactory(username="ravi", reviewer=True)
    course = CourseFactory(
        owner=owner, title="Statics", start_date=date(2027, 1, 11), weeks=4, cohort_size=12
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Seminar",
        day=0,
        start_time=time(10),
        duration_minutes=60,
    )
    ActivityBlockFactory(schedule=course.schedule, title="Problem set", day=2, due_day=4)
    LearningOutcomeFactory(course=course)
    # The instructor's guess before the survey: all twelve in London.
    LearnerSegmentFactory(profile__course=course, name="London", head_count=12)
    page.set_viewport_size({"width": 1280, "height": 900})

    # 1. Before: the recommendation and the planner's best slot on the instructor's guess.
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    before = recommended(page)
    step(page, "1-course-before-1280")
    page.goto(f"{live_server.url}/courses/{course.pk}/timezones/?duration=60")
    assert best_slot(page) == "Monday 08:00–09:00"
    step(page, "2-planner-before-1280")

    # 2. The instructor opens a survey (today, for two weeks, by default) and takes its link.
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_role("link", name="Learner survey").click()
    page.get_by_role("button", name="Open the survey").click()
    address = page.get_by_label("The survey's address").input_value()
    step(page, "3-survey-open-1280")

    # 3. Twelve learners on phones, in their own zones; Berlin and Tokyo without JavaScript.
    for zone, hour, count, javascript in LEARNERS:
        for number in range(count):
            context = browser.new_context(
                timezone_id=zone, viewport=PHONE, java_script_enabled=javascript
            )
            learner = context.new_page()
            learner.goto(address)
            if javascript:
                expect(learner.get_by_label("Your time zone")).to_have_value(zone)
            else:
                learner.get_by_label("Your time zone").fill(zone)
            learner.get_by_label(hour).check()
            learner.get_by_label("Phone").check()
            learner.get_by_label("Reliable: video calls work well").check()
            learner.get_by_label("A mix of both").check()
            if number == 0:
                step(learner, f"4-answer-{zone.replace('/', '-')}-390", axe=javascript)
            learner.get_by_role("button", name="Send my answers").click()
            expect(learner.get_by_role("heading", name="Thank you", level=1)).to_be_visible()
            context.close()
    assert SurveyResponse.objects.count() == 12
    assert set(SurveyResponse.objects.values_list("timezone", flat=True)) == {
        zone for zone, *_ in LEARNERS
    }

    # 4. The results, then apply all the proposed changes to the learner profile.
    page.goto(f"{live_server.url}/courses/{course.pk}/survey/")
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("row", name="Asia/Tokyo fewer than 5")).to_be_visible()
    step(page, "5-results-1280")
    page.get_by_role("link", name="Apply to the learner profile").click()
    step(page, "6-apply-1280")
    page.get_by_role("button", name="Apply the ticked changes").click()
    expect(page.get_by_role("status").first).to_contain_text("applied to the learner profile")

    # 5. After: the recommendation moves (learners spread over 14 hours of clocks lean
    #    self-paced) and the planner picks the slot the learners said they can come to.
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    after = recommended(page)
    assert after < before
    step(page, "7-course-after-1280")
    page.goto(f"{live_server.url}/courses/{course.pk}/timezones/?duration=60")
    expect(page.get_by_text("From stated availability")).to_be_visible()
    expect(page.get_by_text("in 12 answers to the first-week survey")).to_be_visible()
    assert best_slot(page) == "Wednesday 18:00–19:00"
    expect(page.locator(".suggestion").first).to_contain_text(
        "03:00 Thursday for 3 learners in Asia/Tokyo (weeks 1–4)"
    )
    step(page, "8-planner-after-1280")
    page.set_viewport_size(PHONE)
    step(page, "8-planner-after-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    suggestion = page.locator(".suggestion").filter(has_text="The best single slot")
    suggestion.get_by_role("button", name="Use for “Seminar”").click()
    expect(page.get_by_role("status").first).to_contain_text("now starts Wednesday at 18:00")

    # 6. Submitted through the pages, and approved by the reviewer.
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    submit_for_review(page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server, "ravi")
    page.get_by_role("row").filter(has_text="Statics").get_by_role("link", name="Statics").click()
    page.get_by_role("button", name="Approve version 1").click()
    expect(page.get_by_role("status").filter(has_text="Approved.").first).to_be_attached()
    step(page, "9-approved-1280")
    page.get_by_role("button", name="Sign out").click()

    # 7. The instructor makes the learners' link; two learners open it in their own zones.
    sign_in(page, live_server, "amara")
    page.goto(f"{live_server.url}{course.get_absolute_url()}")
    page.get_by_role("link", name="Learners' page", exact=True).click()
    page.get_by_role("button", name="Make the learners' link").click()
    learners_page = page.get_by_label("Link to the learners' page").input_value()
    shown = {}
    for zone, first in FIRST_SESSION.items():
        context = browser.new_context(timezone_id=zone, viewport=PHONE, locale="en-GB")
        learner = context.new_page()
        learner.goto(learners_page)
        expect(learner.get_by_label("Show times in")).to_have_value(zone)
        expect(learner.get_by_text(first)).to_be_visible()
        expect(
            learner.get_by_text("Course time: Wed 13 Jan, 18:00–19:00 Europe/London")
        ).to_be_visible()
        shown[zone] = first
        step(learner, f"10-learners-page-{zone.replace('/', '-')}-390")
        context.close()
    assert len(set(shown.values())) == 2
