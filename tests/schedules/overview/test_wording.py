"""What a newcomer reads: sources as citations, checks by name, people by their full name,
one date format. The stored forms ("seed 003", check ids, usernames) never reach a page."""

import re
from datetime import time
from html import unescape

import pytest
from django.urls import reverse

from schedules.reviews.services import schedule_submit
from schedules.rules.choices import Weekday
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    owner = UserFactory(instructor=True, username="ines", first_name="Ines", last_name="Okafor")
    course = CourseFactory(owner=owner, title="Statics")
    # Self-paced with no due day (seed 003) and a recorded lecture without captions.
    ActivityBlockFactory(schedule=course.schedule, title="Reading", due_day=None)
    ActivityBlockFactory(
        schedule=course.schedule,
        title="Lecture",
        live=True,
        start_time=time(10),
        day=Weekday.TUESDAY,
        recorded=True,
    )
    return course


def visible_text(html: str) -> str:
    """Return what a reader sees: no tags, no attributes (titles and hrefs aside)."""
    return re.sub(r"<[^>]+>", " ", html)


def test_the_editor_cites_sources_and_names_checks_not_file_numbers_or_ids(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:block_new", args=[course.pk])).content.decode()
    text = visible_text(html)
    assert "seed 0" not in text.lower()
    assert "self-paced-without-due-day" not in text
    assert "No due day" in text
    assert "Course creators&#x27; guide" in text
    assert f'href="{reverse("schedules:sources")}#seed-003"' in html


def test_the_review_page_cites_sources_and_names_people_in_full(client, course):
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    url = reverse("schedules:review", args=[course.schedule.pk])
    text = visible_text(client.get(url).content.decode())
    assert "seed 0" not in text.lower()
    assert "self-paced-without-due-day" not in text
    assert "by Ines Okafor" in text
    assert re.search(r"Submitted \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", text)


def test_the_sources_page_lists_the_five_documents_for_anyone(client):
    html = client.get(reverse("schedules:sources")).content.decode()
    for anchor in ("seed-000", "seed-001", "seed-002", "seed-003", "seed-004"):
        assert f'id="{anchor}"' in html
    assert "Upscend Team" in html
    assert "UMass Amherst Center for Teaching and Learning" in html
    assert "2022" in html


def test_the_print_view_cites_sources_too(client, course):
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:review_print", args=[course.schedule.pk])).content
    assert "seed 0" not in visible_text(html.decode()).lower()
    assert b'class="citation"' in html


def test_week_ranges_are_written_with_an_en_dash_everywhere(client, course):
    ActivityBlockFactory(
        schedule=course.schedule, title="Clinic", weeks=[1, 2, 3, 4, 6], due_day=Weekday.FRIDAY
    )
    schedule_submit(course=course, by=course.owner)
    client.force_login(course.owner)
    for url in (
        reverse("schedules:course_detail", args=[course.pk]),
        reverse("schedules:review", args=[course.schedule.pk]),
        reverse("schedules:review_print", args=[course.schedule.pk]),
    ):
        html = client.get(url).content.decode()
        assert "1–4, 6" in html, url
        assert "1, 2, 3, 4, 6" not in html, url


def test_the_course_and_outcomes_pages_show_no_template_comment_and_no_file_number(client, course):
    from schedules.recommendations.services import recommendation_refresh
    from tests.factories import LearnerSegmentFactory, LearningOutcomeFactory

    LearningOutcomeFactory(course=course)
    LearnerSegmentFactory(profile__course=course)
    recommendation_refresh(course=course)
    client.force_login(course.owner)
    pages = {
        "course": reverse("schedules:course_detail", args=[course.pk]),
        "outcomes": reverse("courses:outcome_list", args=[course.pk]),
        "panel": reverse("schedules:recommendation", args=[course.pk]),
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert "Recommended split" in html, name
        text = visible_text(html)
        # A multi-line {# … #} is no comment in Django: it was shown as page text.
        assert "{#" not in text, name
        assert "#}" not in text, name
        assert "seed 0" not in text.lower(), name  # the sample week's reason is cited too


def test_provisions_are_labelled_as_words_not_field_names(client, course):
    client.force_login(course.owner)
    html = client.get(reverse("schedules:block_new", args=[course.pk])).content.decode()
    assert "Co-facilitator" in html
    assert "Co facilitator" not in html


def test_a_skill_to_create_shows_why_it_leans_self_paced_beside_its_leaning(client, course):
    from courses.choices import BloomLevel
    from schedules.recommendations.services import recommendation_refresh
    from tests.factories import LearnerSegmentFactory, LearningOutcomeFactory

    LearningOutcomeFactory(course=course, text="Design a truss", bloom_level=BloomLevel.CREATE)
    LearnerSegmentFactory(profile__course=course)
    recommendation_refresh(course=course)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:course_detail", args=[course.pk])).content.decode()
    leanings = html[html.index('<ul class="leanings">') :]
    item = unescape(leanings[: leanings.index("</li>")])
    assert "Self-paced" in item
    assert "Design a truss" in item
    assert "A skill, but at the top of Bloom's taxonomy" in item
