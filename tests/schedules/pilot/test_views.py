"""The pilot page, its actions, deleting a course's pilot data and the privacy page, for the
course's owner and co-instructors, and refused to everyone else."""

import re
from datetime import date
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schedules.models import Pilot, PilotDecision, PilotState, ReadinessTick
from schedules.rules.choices import ActivityType
from tests.factories import (
    ActivityBlockFactory,
    CalendarFeedFactory,
    CourseFactory,
    PilotDecisionFactory,
    PilotFactory,
    ReadinessTickFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = CourseFactory(start_date=date(2027, 1, 11), weeks=12)
    ActivityBlockFactory(schedule=course.schedule, title="Chapter 1", due_day=None)
    return course


def page(course):
    return reverse("schedules:pilot", args=[course.pk])


def html_of(response):
    return unescape(response.content.decode())


def text(response):
    """Return the page's words without its tags, spaces run together."""
    return " ".join(re.sub(r"<[^>]+>", " ", html_of(response)).split())


def co_instructor_of(course):
    user = UserFactory(instructor=True)
    course.co_instructors.add(user)
    return user


def test_a_course_without_a_pilot_offers_to_plan_the_first_two_weeks(client, course):
    client.force_login(course.owner)
    html = html_of(client.get(page(course)))
    assert "Plan a pilot" in html
    assert 'name="last_week" value="2"' in html
    assert 'value="2027-01-11"' in html


def test_the_owner_plans_a_pilot_and_sees_its_checklist(client, course):
    client.force_login(course.owner)
    response = client.post(page(course), {"first_week": "1", "last_week": "2", "start_date": ""})
    assert response.status_code == 302
    pilot = Pilot.objects.get(schedule=course.schedule)
    assert pilot.start_date == date(2027, 1, 11)
    html = html_of(client.get(page(course)))
    assert html.count('class="checklist__item ') == 10
    # Automatic items say why; the open ones are named before the pilot starts.
    assert "“Chapter 1” in weeks 1–2 has no due day." in html
    assert "items are still open" in html
    assert "Upscend Team (2026)" in html  # seed 000, cited as users recognise it


def test_weeks_beyond_the_course_are_refused_with_422_and_the_typed_weeks_kept(client, course):
    client.force_login(course.owner)
    response = client.post(page(course), {"first_week": "11", "last_week": "14"})
    assert response.status_code == 422
    html = html_of(response)
    assert "The course has 12 weeks: end the pilot in week 12 or earlier." in html
    assert 'name="first_week" value="11"' in html
    assert not Pilot.objects.exists()


def test_changing_the_weeks_of_a_running_pilot_is_refused_with_422(client, course):
    PilotFactory(schedule=course.schedule, running=True)
    client.force_login(course.owner)
    response = client.post(page(course), {"first_week": "3", "last_week": "4"})
    assert response.status_code == 422
    assert "fixed once it has started" in text(response)
    assert Pilot.objects.get().first_week == 1


def test_a_co_instructor_starts_the_pilot(client, course):
    pilot = PilotFactory(schedule=course.schedule)
    client.force_login(co_instructor_of(course))
    response = client.post(reverse("schedules:pilot_move", args=[course.pk]), {"action": "start"})
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.state == PilotState.RUNNING


def test_starting_a_pilot_twice_says_why_and_changes_nothing(client, course):
    PilotFactory(schedule=course.schedule, running=True)
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:pilot_move", args=[course.pk]), {"action": "start"}, follow=True
    )
    assert "Only a pilot being planned can start; this one is running." in text(response)
    assert Pilot.objects.get().state == PilotState.RUNNING


def test_an_unknown_action_is_refused_with_400(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    url = reverse("schedules:pilot_move", args=[course.pk])
    assert client.post(url, {"action": "launch"}).status_code == 400
    assert Pilot.objects.get().state == PilotState.PLANNING


@pytest.mark.parametrize("role", ["other_instructor", "reviewer"])
def test_people_who_do_not_teach_the_course_get_404_and_change_nothing(client, course, role):
    PilotFactory(schedule=course.schedule)
    client.force_login(UserFactory(**{role.split("_")[-1]: True}))
    assert client.get(page(course)).status_code == 404
    move = reverse("schedules:pilot_move", args=[course.pk])
    assert client.post(move, {"action": "start"}).status_code == 404
    delete = reverse("schedules:pilot_delete", args=[course.pk])
    assert client.post(delete).status_code == 404
    assert Pilot.objects.get().state == PilotState.PLANNING


def test_anonymous_visitors_are_sent_to_sign_in(client, course):
    response = client.get(page(course))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_ticking_an_item_by_hand_shows_who_when_and_the_note(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    url = reverse("schedules:pilot_tick", args=[course.pk, "access-survey"])
    response = client.post(url, {"action": "tick", "note": "22 of 24 answered"})
    assert response["Location"].endswith("#item-access-survey")
    html = text(client.get(page(course)))
    assert "“22 of 24 answered”" in html
    assert ReadinessTick.objects.get().ticked_by == course.owner


def test_an_automatic_item_cannot_be_ticked_by_hand(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    url = reverse("schedules:pilot_tick", args=[course.pk, "due-days"])
    response = client.post(url, {"action": "tick"}, follow=True)
    assert "is ticked by BlendPlan itself" in text(response)
    assert not ReadinessTick.objects.exists()


def test_an_unknown_item_is_not_found(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    url = reverse("schedules:pilot_tick", args=[course.pk, "coffee"])
    assert client.post(url, {"action": "tick"}).status_code == 404


def test_a_tick_note_with_a_control_character_is_refused_and_nothing_is_ticked(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    url = reverse("schedules:pilot_tick", args=[course.pk, "consent"])
    assert client.post(url, {"action": "tick", "note": "a\x00b"}).status_code == 400
    assert not ReadinessTick.objects.exists()


def test_the_calendar_feed_ticks_the_lms_shell_and_calendar_item(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    assert "The calendar feed is off" in text(client.get(page(course)))
    CalendarFeedFactory(schedule=course.schedule)
    assert "The calendar feed is on." in text(client.get(page(course)))


def test_the_booked_retrospective_shows_on_the_pilot_and_course_pages(client, course):
    PilotFactory(schedule=course.schedule, running=True)
    client.force_login(course.owner)
    url = reverse("schedules:retrospective_book", args=[course.pk])
    assert client.post(url, {"on": "2027-01-29"}).status_code == 302
    assert "Retrospective booked for Friday 29 January 2027" in text(client.get(page(course)))
    course_page = text(client.get(course.get_absolute_url()))
    assert "Retrospective booked for Friday 29 January 2027" in course_page
    assert "Run the pilot weeks, then end them" in course_page


def test_a_retrospective_date_that_is_not_a_date_is_refused_with_422(client, course):
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    url = reverse("schedules:retrospective_book", args=[course.pk])
    response = client.post(url, {"on": "next friday"})
    assert response.status_code == 422
    assert "Give the date as day, month and year" in text(response)
    assert Pilot.objects.get().retrospective_on is None


@time_machine.travel(date(2027, 1, 13), tick=False)
def test_the_retrospective_is_closed_while_the_pilot_weeks_run(client, course):
    PilotFactory(schedule=course.schedule, running=True)
    client.force_login(course.owner)
    html = text(client.get(page(course)))
    assert "open once the pilot weeks are over" in html
    url = reverse("schedules:retrospective_notes", args=[course.pk])
    response = client.post(url, {"notes": "Too early"})
    assert response.status_code == 422
    assert Pilot.objects.get().notes == ""


def test_notes_and_a_decision_about_a_block_are_written_in_review(client, course):
    PilotFactory(schedule=course.schedule, reviewing=True)
    block = course.schedule.blocks.get()
    client.force_login(course.owner)
    notes = reverse("schedules:retrospective_notes", args=[course.pk])
    assert client.post(notes, {"notes": "Forum quiet on Fridays."}).status_code == 302
    add = reverse("schedules:decision_add", args=[course.pk])
    data = {"text": "Give Chapter 1 a due day", "block": str(block.pk), "status": "agreed"}
    assert client.post(add, data).status_code == 302
    html = text(client.get(page(course)))
    assert "Forum quiet on Fridays." in html
    assert "Give Chapter 1 a due day" in html
    assert "About “Chapter 1”" in html


def test_a_decision_without_text_is_refused_with_422_and_keeps_the_chosen_block(client, course):
    PilotFactory(schedule=course.schedule, reviewing=True)
    block = course.schedule.blocks.get()
    client.force_login(course.owner)
    add = reverse("schedules:decision_add", args=[course.pk])
    response = client.post(add, {"text": " ", "block": str(block.pk), "status": "agreed"})
    assert response.status_code == 422
    assert "Say what was decided." in text(response)
    assert f'<option value="{block.pk}" selected>' in html_of(response)
    assert not PilotDecision.objects.exists()


def test_the_decisions_block_list_tells_a_title_each_week_has_apart(client, course):
    PilotFactory(schedule=course.schedule, reviewing=True)
    first = ActivityBlockFactory(schedule=course.schedule, title="Debrief", weeks=[1], day=3)
    second = ActivityBlockFactory(schedule=course.schedule, title="Debrief", weeks=[2], day=3)
    client.force_login(course.owner)
    html = unescape(html_of(client.get(page(course))))
    assert f'<option value="{first.pk}">Debrief (Thursday, due Wednesday; week 1)</option>' in html
    assert f'<option value="{second.pk}">Debrief (Thursday, due Wednesday; week 2)</option>' in html


def test_a_decision_about_another_courses_block_is_refused_with_422(client, course):
    PilotFactory(schedule=course.schedule, reviewing=True)
    elsewhere = ActivityBlockFactory()
    client.force_login(course.owner)
    add = reverse("schedules:decision_add", args=[course.pk])
    data = {"text": "Drop it", "block": str(elsewhere.pk), "status": "agreed"}
    assert client.post(add, data).status_code == 422
    assert not PilotDecision.objects.exists()


def test_a_decisions_status_changes(client, course):
    decision = PilotDecisionFactory(pilot=PilotFactory(schedule=course.schedule, reviewing=True))
    client.force_login(course.owner)
    url = reverse("schedules:decision_status", args=[course.pk, decision.pk])
    assert client.post(url, {"status": "done"}).status_code == 302
    decision.refresh_from_db()
    assert decision.status == "done"


def test_a_decision_of_another_course_is_not_found(client, course):
    PilotFactory(schedule=course.schedule, reviewing=True)
    elsewhere = PilotDecisionFactory()
    client.force_login(course.owner)
    url = reverse("schedules:decision_status", args=[course.pk, elsewhere.pk])
    assert client.post(url, {"status": "done"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == "agreed"


def test_the_delete_question_names_what_goes_and_the_post_deletes_it(client, course):
    pilot = PilotFactory(schedule=course.schedule, reviewing=True, notes="Quiet Fridays")
    ReadinessTickFactory(pilot=pilot)
    PilotDecisionFactory(pilot=pilot)
    PilotDecisionFactory(pilot=pilot)
    client.force_login(co_instructor_of(course))
    url = reverse("schedules:pilot_delete", args=[course.pk])
    question = text(client.get(url))
    assert "The pilot of weeks 1–2 (reviewing)" in question
    assert "1 ticked checklist item with its notes" in question
    assert "its notes and 2 decisions" in question
    assert Pilot.objects.exists()
    response = client.post(url)
    assert response["Location"] == course.get_absolute_url()
    assert not Pilot.objects.exists()
    assert not PilotDecision.objects.exists()
    assert course.schedule.blocks.exists()


def test_deleting_when_there_is_no_pilot_is_not_found(client, course):
    client.force_login(course.owner)
    url = reverse("schedules:pilot_delete", args=[course.pk])
    assert client.get(url).status_code == 404


def test_the_privacy_page_is_public_and_says_how_long_data_is_kept(client, settings):
    settings.PILOT_DATA_RETENTION_DAYS = 90
    html = text(client.get(reverse("schedules:pilot_privacy")))
    assert "90 days" in html
    assert "No names, e-mail addresses or IP addresses." in html
    assert "No raw files:" in html
    assert "deleted then, whether it was imported or refused" in html
    # What the imports keep is said as it is now, not as a promise.
    assert "Pseudonymised activity from the imported exports" in html
    assert "A secret per course" in html
    assert "the imports, their records, the mapping and the secret included" in html


def test_the_dashboard_shows_each_pilots_state_and_next_step(client, course):
    PilotFactory(schedule=course.schedule, reviewing=True)
    client.force_login(course.owner)
    html = text(client.get(reverse("schedules:dashboard")))
    assert "Pilot: reviewing" in html
    assert "Hold the retrospective" in html


def test_the_pilot_pages_queries_do_not_grow_with_decisions_ticks_and_blocks(client, course):
    pilot = PilotFactory(schedule=course.schedule, reviewing=True)
    PilotDecisionFactory(pilot=pilot, block=course.schedule.blocks.get())
    client.force_login(course.owner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(course)).status_code == 200
        return len(captured)

    queries()  # the first request reads what later ones keep (the published rules)
    few = queries()
    for item in ("consent", "metrics", "communication"):
        ReadinessTickFactory(pilot=pilot, item=item)
    blocks = ActivityBlockFactory.create_batch(6, schedule=course.schedule)
    for block in blocks:
        PilotDecisionFactory(pilot=pilot, block=block)
    queries()  # reads the new blocks' facts once (editor/block_facts.py keeps them)
    assert queries() == few


def test_the_evidence_counts_only_the_pilot_weeks(client):
    course = CourseFactory(start_date=date(2027, 1, 11), weeks=12, weekly_hours=6)
    ActivityBlockFactory(schedule=course.schedule, title="Reading", duration_minutes=120)
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Seminar", weeks=[1, 2])
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Late lab", weeks=[5], duration_minutes=180
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        title="Week 6 essay",
        activity_type=ActivityType.PROJECT,  # not one more reading: no monotony finding
        due_day=None,
        weeks=[6],
    )
    PilotFactory(schedule=course.schedule)
    client.force_login(course.owner)
    html = text(client.get(page(course)))
    assert "Planned live share 33% live" in html  # 1 h live of 3 h in weeks 1-2
    assert "Planned hours a week 3 h, 1 h of them live" in html
    # The essay of week 6 has no due day: a problem, but not one of the pilot's.
    assert "Week 6 essay" not in html.split("Evidence")[1].split("Activity from the LMS")[0]
