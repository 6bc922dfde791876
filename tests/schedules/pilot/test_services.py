"""Pilot services: planning its weeks, its states, ticks, the retrospective, deleting it."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from schedules.models import (
    ActivityBlock,
    DecisionStatus,
    Pilot,
    PilotDecision,
    PilotState,
    ReadinessTick,
)
from schedules.pilot import services
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    PilotDecisionFactory,
    PilotFactory,
    ReadinessTickFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 12)


def test_a_new_pilot_is_the_first_two_weeks_from_the_courses_start():
    course = CourseFactory(start_date=date(2027, 1, 11), weeks=12)
    pilot = services.pilot_plan(schedule=course.schedule)
    assert (pilot.first_week, pilot.last_week) == (1, 2)
    assert pilot.start_date == date(2027, 1, 11)
    assert pilot.state == PilotState.PLANNING


def test_a_one_week_course_gets_a_one_week_pilot():
    pilot = services.pilot_plan(schedule=CourseFactory(weeks=1).schedule)
    assert (pilot.first_week, pilot.last_week) == (1, 1)


def test_a_pilot_of_later_weeks_starts_on_the_first_day_of_its_first_week():
    course = CourseFactory(start_date=date(2027, 1, 11))
    pilot = services.pilot_plan(schedule=course.schedule, first_week=3, last_week=4)
    assert pilot.start_date == date(2027, 1, 25)


def test_a_course_without_a_start_date_gives_a_pilot_without_one():
    pilot = services.pilot_plan(schedule=CourseFactory(start_date=None).schedule)
    assert pilot.start_date is None


@pytest.mark.parametrize(
    ("first", "last", "says"),
    [
        (0, 2, "numbered from 1"),
        (3, 2, "before it starts"),
        (11, 13, "The course has 12 weeks"),
    ],
    ids=["week-0", "backwards", "beyond-the-course"],
)
def test_pilot_weeks_outside_the_course_are_refused_with_a_reason(first, last, says):
    course = CourseFactory(weeks=12)
    with pytest.raises(ValidationError, match=says):
        services.pilot_plan(schedule=course.schedule, first_week=first, last_week=last)
    assert not Pilot.objects.exists()


def test_the_weeks_of_a_started_pilot_cannot_change():
    pilot = PilotFactory(running=True)
    with pytest.raises(ValidationError, match="fixed once it has started"):
        services.pilot_plan(schedule=pilot.schedule, first_week=2, last_week=3)
    pilot.refresh_from_db()
    assert (pilot.first_week, pilot.last_week) == (1, 2)


def test_a_pilot_goes_from_planning_to_running_to_reviewing_to_done():
    pilot = PilotFactory()
    services.pilot_move(pilot=pilot, action="start")
    assert pilot.state == PilotState.RUNNING
    assert pilot.started is not None
    services.pilot_move(pilot=pilot, action="end")
    assert pilot.state == PilotState.REVIEWING
    assert pilot.ended is not None
    services.pilot_move(pilot=pilot, action="close")
    pilot.refresh_from_db()
    assert pilot.state == PilotState.DONE


@pytest.mark.parametrize(
    ("state", "action", "says"),
    [
        (PilotState.RUNNING, "start", "Only a pilot being planned can start; this one is running"),
        (PilotState.PLANNING, "end", "Only a running pilot can end; this one is still being"),
        (PilotState.DONE, "close", "Only a pilot under review can be closed; this one is done"),
    ],
)
def test_a_move_out_of_turn_is_refused_and_changes_nothing(state, action, says):
    pilot = PilotFactory(state=state)
    with pytest.raises(ValidationError, match=says):
        services.pilot_move(pilot=pilot, action=action)
    pilot.refresh_from_db()
    assert pilot.state == state


def test_a_pilot_whose_weeks_no_longer_fit_the_course_does_not_start():
    pilot = PilotFactory(first_week=11, last_week=12)
    course = pilot.schedule.course
    course.weeks = 10
    course.save()
    with pytest.raises(ValidationError, match="The course has 10 weeks"):
        services.pilot_move(pilot=pilot, action="start")


def test_ticking_an_item_keeps_who_and_the_note_and_ticking_again_replaces_the_note():
    pilot = PilotFactory()
    owner = pilot.schedule.course.owner
    services.readiness_tick(pilot=pilot, item="consent", note=" Told in week 0 ", by=owner)
    services.readiness_tick(pilot=pilot, item="consent", note="Form signed by all", by=owner)
    tick = ReadinessTick.objects.get()
    assert (tick.item, tick.note, tick.ticked_by) == ("consent", "Form signed by all", owner)


def test_items_blendplan_checks_itself_cannot_be_ticked_by_hand():
    pilot = PilotFactory()
    with pytest.raises(ValidationError, match="ticked by BlendPlan itself"):
        services.readiness_tick(pilot=pilot, item="due-days", by=pilot.schedule.course.owner)
    assert not ReadinessTick.objects.exists()


def test_unticking_opens_the_item_again():
    tick = ReadinessTickFactory()
    services.readiness_untick(pilot=tick.pilot, item=tick.item)
    assert not ReadinessTick.objects.exists()


def test_a_retrospective_cannot_be_booked_before_the_pilot_starts():
    pilot = PilotFactory(start_date=date(2027, 1, 11))
    with pytest.raises(ValidationError, match="after its weeks"):
        services.retrospective_book(pilot=pilot, on=date(2027, 1, 4))
    services.retrospective_book(pilot=pilot, on=date(2027, 1, 29))
    pilot.refresh_from_db()
    assert pilot.retrospective_on == date(2027, 1, 29)


def test_the_retrospective_opens_when_the_pilot_weeks_are_over_or_the_pilot_is_ended():
    planning = PilotFactory.build(start_date=date(2027, 1, 11))
    running = PilotFactory.build(running=True, start_date=date(2027, 1, 11))
    reviewing = PilotFactory.build(reviewing=True, start_date=date(2027, 1, 11))
    assert not services.retrospective_is_open(planning, today=date(2027, 3, 1))
    assert not services.retrospective_is_open(running, today=date(2027, 1, 24))
    assert services.retrospective_is_open(running, today=date(2027, 1, 25))
    assert services.retrospective_is_open(reviewing, today=date(2027, 1, 12))


def test_notes_before_the_retrospective_opens_are_refused():
    pilot = PilotFactory(running=True, start_date=date(2027, 1, 11))
    with pytest.raises(ValidationError, match="opens once the pilot weeks are over"):
        services.retrospective_notes_save(pilot=pilot, notes="Too early", today=TODAY)
    pilot.refresh_from_db()
    assert pilot.notes == ""


def test_a_decision_is_kept_with_its_block_and_status():
    pilot = PilotFactory(reviewing=True)
    block = ActivityBlockFactory(schedule=pilot.schedule)
    owner = pilot.schedule.course.owner
    decision = services.decision_add(
        pilot=pilot, text=" Move the lab to Tuesday ", block=block, by=owner, today=TODAY
    )
    assert (decision.text, decision.block, decision.status) == (
        "Move the lab to Tuesday",
        block,
        DecisionStatus.AGREED,
    )
    services.decision_set_status(decision=decision, status=DecisionStatus.DONE)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE


def test_a_decision_about_another_courses_block_is_refused():
    pilot = PilotFactory(reviewing=True)
    elsewhere = ActivityBlockFactory()
    with pytest.raises(ValidationError, match="not in this course"):
        services.decision_add(
            pilot=pilot, text="Drop it", block=elsewhere, by=UserFactory(), today=TODAY
        )
    assert not PilotDecision.objects.exists()


def test_deleting_the_pilot_data_takes_its_ticks_and_decisions_and_leaves_the_blend():
    pilot = PilotFactory(reviewing=True, notes="Forum quiet on Fridays")
    block = ActivityBlockFactory(schedule=pilot.schedule)
    ReadinessTickFactory(pilot=pilot)
    PilotDecisionFactory(pilot=pilot, block=block)
    other = PilotDecisionFactory()
    assert services.pilot_data_delete(schedule=pilot.schedule)
    assert not Pilot.objects.filter(pk=pilot.pk).exists()
    assert not ReadinessTick.objects.exists()
    assert list(PilotDecision.objects.all()) == [other]
    assert ActivityBlock.objects.filter(pk=block.pk).exists()
    assert not services.pilot_data_delete(schedule=pilot.schedule)


def test_the_purge_deletes_pilots_ended_before_the_retention_period_only(settings):
    settings.PILOT_DATA_RETENTION_DAYS = 30
    now = timezone.now()
    old = PilotFactory(reviewing=True, ended=now - timedelta(days=31))
    ReadinessTickFactory(pilot=old)
    recent = PilotFactory(reviewing=True, ended=now - timedelta(days=29))
    running = PilotFactory(running=True)
    call_command("purge_pilot_data", stdout=io.StringIO())
    assert set(Pilot.objects.all()) == {recent, running}
    assert not ReadinessTick.objects.exists()
