"""A session offered twice, for learners in other time zones, counts once in the learners'
blend: the editor's gauge and hours, a submitted version's live share and its review page."""

from datetime import time

import pytest

from courses.models import Course
from schedules.editor.selectors import editor_data, with_blend_facts
from schedules.reviews.services import schedule_submit
from schedules.reviews.snapshots import version_blend
from tests.factories import ActivityBlockFactory, CourseFactory

pytestmark = pytest.mark.django_db


def repeated_seminar_course() -> Course:
    """Return a 6-hour week: a 2-hour seminar, its repeat, and 4 self-paced hours."""
    course = CourseFactory(weeks=4, weekly_hours=6)
    for title, start in (("Seminar", time(10)), ("Seminar (repeat for Sydney)", time(22))):
        ActivityBlockFactory(
            schedule=course.schedule, live=True, title=title, start_time=start, duration_minutes=120
        )
    ActivityBlockFactory(schedule=course.schedule, duration_minutes=240, due_day=4)
    return course


def test_the_editor_counts_a_repeated_session_once_in_the_learners_hours_and_share():
    course = repeated_seminar_course()
    data = editor_data(with_blend_facts(Course.objects.filter(pk=course.pk)).get())
    assert data.hours_per_week == 6
    assert data.summary.live_percent == 33


def test_a_submitted_version_counts_a_repeated_session_once():
    course = repeated_seminar_course()
    version = schedule_submit(course=course, by=course.owner)
    assert version.snapshot["live_percent"] == 33
    assert version_blend(version.snapshot).live_percent == 33


def test_two_sessions_of_one_title_without_the_word_repeat_are_two_sessions():
    course = CourseFactory(weeks=4, weekly_hours=6)
    for start in (time(10), time(15)):
        ActivityBlockFactory(
            schedule=course.schedule, live=True, title="Language practice", start_time=start
        )
    data = editor_data(with_blend_facts(Course.objects.filter(pk=course.pk)).get())
    assert data.summary.live_minutes == 2 * 60 * 4


def test_the_course_page_counts_a_repeated_session_once():
    from schedules.overview.selectors import course_overview

    course = repeated_seminar_course()
    blend = course_overview(course).blend
    assert blend.live_percent == 33
    assert blend.total_minutes == 6 * 60 * 4
