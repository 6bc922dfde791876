"""The dashboard at /: the signed-in instructor's courses with their live share."""

import pytest
from django.urls import reverse

from tests.factories import ActivityBlockFactory, CourseFactory, ScheduleFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("schedules:dashboard")


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_the_instructor_sees_their_courses_with_the_live_share(client):
    course = CourseFactory(title="Organic Chemistry", weeks=2)
    schedule = ScheduleFactory(course=course, recommended_live_share=70)
    ActivityBlockFactory(schedule=schedule, live=True, duration_minutes=90)
    ActivityBlockFactory(schedule=schedule, duration_minutes=270)
    client.force_login(course.owner)
    html = client.get(URL).content.decode()
    assert "Organic Chemistry" in html
    assert "25% live" in html
    assert "70% live" in html


def test_the_instructor_does_not_see_other_instructors_courses(client):
    CourseFactory(title="Someone Else's Course")
    client.force_login(UserFactory(instructor=True))
    html = client.get(URL).content.decode()
    assert "Someone Else" not in html
    assert "Plan your first blend in four steps" in html


def test_an_instructor_is_offered_to_create_their_first_course(client):
    client.force_login(UserFactory(instructor=True))
    html = client.get(URL).content.decode()
    assert "Create your first course" in html
    assert reverse("courses:course_new") in html


@pytest.mark.parametrize("role", ["rule_admin"])  # a reviewer lands on the review queue
def test_someone_without_the_instructor_role_is_not_offered_a_new_course(client, role):
    client.force_login(UserFactory(**{role: True}))
    html = client.get(URL).content.decode()
    assert reverse("courses:course_new") not in html
    assert "Create your first course" not in html
    assert "needs the <strong>instructor</strong> role" in html


def test_a_co_instructor_sees_the_course_they_co_teach(client):
    course = CourseFactory(title="Shared Course")
    colleague = UserFactory(instructor=True)
    course.co_instructors.add(colleague)
    client.force_login(colleague)
    assert "Shared Course" in client.get(URL).content.decode()


def test_a_course_with_no_blocks_says_so_instead_of_zero_percent(client):
    course = CourseFactory()
    ScheduleFactory(course=course)
    client.force_login(course.owner)
    html = client.get(URL).content.decode()
    assert "No blocks yet" in html
    assert "0% live" not in html


def test_the_number_of_queries_does_not_grow_with_courses_and_blocks(client):
    owner = UserFactory(instructor=True)
    for _ in range(2):
        ActivityBlockFactory(schedule__course__owner=owner)

    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(owner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries_for_page()
    for _ in range(8):
        schedule = ScheduleFactory(course=CourseFactory(owner=owner))
        ActivityBlockFactory.create_batch(5, schedule=schedule)
    assert queries_for_page() == few


def test_submitted_courses_are_checked_for_edits_in_a_fixed_number_of_queries(client):
    from schedules.reviews.services import schedule_submit

    owner = UserFactory(instructor=True)

    def submitted_course() -> None:
        schedule = ScheduleFactory(course=CourseFactory(owner=owner))
        ActivityBlockFactory.create_batch(3, schedule=schedule)
        schedule_submit(course=schedule.course, by=owner)

    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(owner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    submitted_course()
    few = queries_for_page()
    for _ in range(4):
        submitted_course()
    assert queries_for_page() == few


def test_a_first_time_instructor_is_shown_the_four_steps_and_a_sample_to_copy(client):
    client.force_login(UserFactory(instructor=True))
    html = client.get(URL).content.decode()
    for step in (
        "Describe the course",
        "Add its learning outcomes",
        "Describe the learners",
        "Lay out the blend",
    ):
        assert step in html
    assert f'action="{reverse("schedules:sample_course_copy")}"' in html


def test_copying_the_sample_course_gives_the_instructor_a_course_of_their_own(client):
    from courses.models import Course

    instructor = UserFactory(instructor=True)
    client.force_login(instructor)
    response = client.post(reverse("schedules:sample_course_copy"))
    course = Course.objects.get(owner=instructor)
    assert response["Location"] == course.get_absolute_url()
    assert course.title == "Field Ecology: seminar and lab (sample)"
    assert course.outcomes.count() == 3
    assert course.learner_profile.segments.count() == 1
    assert course.schedule.blocks.count() == 5
    assert course.schedule.recommended_live_share is not None
    client.post(reverse("schedules:sample_course_copy"))
    assert Course.objects.filter(owner=instructor).count() == 2  # each copy is new


@pytest.mark.parametrize("role", ["reviewer", "rule_admin"])
def test_only_instructors_copy_the_sample_course(client, role):
    from courses.models import Course

    client.force_login(UserFactory(**{role: True}))
    assert client.post(reverse("schedules:sample_course_copy")).status_code == 403
    assert not Course.objects.exists()


def test_the_dashboard_counts_a_repeated_session_once_as_the_course_page_does(client):
    from tests.schedules.editor.test_repeat_sessions import repeated_seminar_course

    course = repeated_seminar_course()  # 2 h seminar, its repeat, 4 h self-paced a week
    client.force_login(course.owner)
    html = client.get(URL).content.decode()

    assert "33% live" in html  # 2 of 6 hours, not 4 of 8 (50%)
    assert "50% live" not in html


def test_two_sessions_of_one_title_without_the_word_repeat_count_twice_on_the_dashboard(
    client,
):
    from datetime import time

    course = CourseFactory(weeks=4, weekly_hours=6)
    for start in (time(10), time(15)):
        ActivityBlockFactory(
            schedule=course.schedule,
            live=True,
            title="Language practice",
            start_time=start,
            duration_minutes=60,
        )
    ActivityBlockFactory(schedule=course.schedule, duration_minutes=240)
    client.force_login(course.owner)

    assert "33% live" in client.get(URL).content.decode()  # 2 of 6 hours


def test_the_dashboards_rows_are_read_in_two_queries_with_repeats_and_outcomes(
    django_assert_num_queries,
):
    from schedules.overview.selectors import dashboard_rows
    from tests.factories import LearningOutcomeFactory
    from tests.schedules.editor.test_repeat_sessions import repeated_seminar_course

    course = repeated_seminar_course()
    outcome = LearningOutcomeFactory(course=course)
    for block in course.schedule.blocks.all():
        block.outcomes.add(outcome)
    for _ in range(3):
        ActivityBlockFactory.create_batch(3, schedule__course__owner=course.owner)

    # The courses, then their blocks with each block's outcomes aggregated into one column
    # (the page's third query is the signed-in user).
    with django_assert_num_queries(2):
        rows = dashboard_rows(course.owner)
        [row] = [row for row in rows if row.course.pk == course.pk]

    assert row.blend.live_percent == 33
