"""Arabic and Hebrew course, outcome and block titles on the dashboard, the course page, the
editor and the review page, at a laptop's width and a phone's: each title runs right to left
in its own element (dir="auto") while the English page around it stays left to right, nothing
scrolls sideways, and axe finds no serious or critical violation."""

from datetime import time

import pytest
from playwright.sync_api import Page, expect

from schedules.recommendations.services import recommendation_refresh
from schedules.reviews.services import schedule_submit
from tests.browser.helpers import sign_in
from tests.browser.test_phone_width import sideways_overflow
from tests.factories import (
    ActivityBlockFactory,
    LearningOutcomeFactory,
    UserFactory,
    london_new_york_course,
)

pytestmark = pytest.mark.django_db(transaction=True)

COURSE = "مقدمة في الديناميكا الحرارية"  # Introduction to thermodynamics
OUTCOME = "تطبيق القانون الأول على الأنظمة المغلقة"  # Apply the first law to closed systems
READING = "קריאה: החוק הראשון, עם דוגמאות פתורות"  # Reading: the first law, worked examples
LAB = "מעבדה ביום שישי"  # Friday lab


@pytest.fixture
def course():
    owner = UserFactory(username="ines", instructor=True, first_name="Ines", last_name="Okafor")
    course = london_new_york_course(owner=owner, title=COURSE, code="ENG 220")
    LearningOutcomeFactory(course=course, text=OUTCOME)
    ActivityBlockFactory(schedule=course.schedule, title=READING, day=0, weeks=[1, 2, 3])
    ActivityBlockFactory(schedule=course.schedule, live=True, title=LAB, day=4, start_time=time(15))
    recommendation_refresh(course=course)
    schedule_submit(course=course, by=owner)
    return course


def direction_of(page: Page, text: str) -> str:
    """Return the direction the innermost element holding ``text`` is laid out in."""
    return str(
        page.get_by_text(text, exact=True).first.evaluate(
            "element => getComputedStyle(element).direction"
        )
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_right_to_left_titles_read_right_to_left_in_a_left_to_right_page(
    page: Page, live_server, course, width, screenshot, serious_accessibility_violations
):
    page.set_viewport_size({"width": width, "height": 900})
    UserFactory(username="lee", reviewer=True)
    sign_in(page, live_server, "ines")
    pages = {
        "dashboard": ("/", (COURSE,)),
        "course": (f"/courses/{course.pk}/", (COURSE, OUTCOME, READING)),
        "editor": (f"/courses/{course.pk}/blend/", (COURSE, READING, LAB)),
        "review": (f"/reviews/{course.schedule.pk}/", (COURSE, READING)),
    }
    for name, (path, texts) in pages.items():
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        full = screenshot(page, f"rtl-{width}-{name}")
        page.screenshot(path=str(full).replace(".png", "-top.png"))  # what is on screen
        for text in texts:
            assert direction_of(page, text) == "rtl", f"{text} on the {name} page"
        assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
        assert sideways_overflow(page) == 0, f"{name} scrolls sideways at {width} px"
        assert serious_accessibility_violations(page) == [], name
