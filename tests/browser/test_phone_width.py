"""At a phone's width (390 px) and a laptop's (1280 px) nothing scrolls the page sideways,
and the editor's charts stay readable: the set-up pages, the course page, the editor and the
Rules page."""

from datetime import time

import pytest
from playwright.sync_api import Page, expect

from schedules.recommendations.services import recommendation_refresh
from tests.browser.helpers import sign_in
from tests.factories import (
    ActivityBlockFactory,
    LearningOutcomeFactory,
    UserFactory,
    london_new_york_course,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1280, 390)


def sideways_overflow(page: Page) -> int:
    """Return by how many pixels the document is wider than the window (0: it fits)."""
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


@pytest.fixture
def course():
    owner = UserFactory(username="ines", instructor=True, rule_admin=True)
    course = london_new_york_course(owner=owner, title="Global Thermodynamics", code="ENG 220")
    LearningOutcomeFactory(course=course, text="Apply the first law to closed systems")
    for day, title in ((0, "Reading: the first law, with worked examples"), (4, "Problem set")):
        ActivityBlockFactory(schedule=course.schedule, title=title, day=day, weeks=[1, 2, 3])
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Friday lab", day=4, start_time=time(15)
    )
    recommendation_refresh(course=course)
    return course


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(
    page: Page, live_server, course, width, screenshot, serious_accessibility_violations
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "ines")
    pages = {
        "course": f"/courses/{course.pk}/",
        "editor": f"/courses/{course.pk}/blend/",
        "learners": f"/courses/{course.pk}/learners/",
        "outcomes": f"/courses/{course.pk}/outcomes/",
        "basics": f"/courses/{course.pk}/edit/",
        "rules": "/rules/",
        "dashboard": "/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        screenshot(page, f"width-{width}-{name}")
        assert sideways_overflow(page) == 0, f"{name} scrolls sideways at {width} px"
        assert serious_accessibility_violations(page) == [], name


def test_the_week_grid_says_it_scrolls_on_a_phone(page: Page, live_server, course):
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/courses/{course.pk}/blend/")
    grid = page.get_by_role("region", name="Week 1 by day and time")
    expect(grid).to_have_attribute("tabindex", "0")  # scrolled with the keyboard too
    assert grid.evaluate("element => element.scrollWidth > element.clientWidth")
    expect(page.get_by_text("Swipe the grid to see the whole week")).to_be_visible()
    # The timeline's axis text is drawn at a readable size on the phone's screen.
    size = page.evaluate(
        "(() => { const t = document.querySelector('.timeline .axis-label');"
        " return t.getBoundingClientRect().height; })()"
    )
    assert size >= 10
