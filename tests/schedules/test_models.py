"""Activity blocks: the rules a block must keep, from the model and from the database."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from schedules.models import ActivityBlock, Schedule
from tests.factories import ActivityBlockFactory, CourseFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


def errors_of(block: ActivityBlock) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        block.full_clean()
    return caught.value.message_dict


def test_a_live_block_without_a_start_time_is_refused_next_to_the_start_time():
    block = ActivityBlockFactory.build(schedule=ScheduleFactory(), live=True, start_time=None)
    assert errors_of(block)["start_time"] == ["A live block needs a start time."]


def test_the_database_refuses_a_live_block_without_a_start_time():
    block = ActivityBlockFactory(live=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityBlock.objects.filter(pk=block.pk).update(start_time=None)


def test_a_self_paced_block_needs_no_start_time():
    ActivityBlockFactory.build(schedule=ScheduleFactory(), start_time=None).full_clean()


@pytest.mark.parametrize(("field", "value"), [("duration_minutes", 0), ("day", 7), ("due_day", 9)])
def test_the_database_refuses_impossible_durations_and_days(field, value):
    block = ActivityBlockFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityBlock.objects.filter(pk=block.pk).update(**{field: value})


def test_a_zero_minute_block_is_refused_with_a_message():
    block = ActivityBlockFactory.build(schedule=ScheduleFactory(), duration_minutes=0)
    assert "duration_minutes" in errors_of(block)


def test_a_block_that_would_run_past_midnight_is_refused():
    block = ActivityBlockFactory.build(
        schedule=ScheduleFactory(), live=True, start_time=time(23, 0), duration_minutes=90
    )
    assert errors_of(block)["duration_minutes"] == [
        "The block would run past midnight; shorten it or start it earlier."
    ]


def test_a_week_outside_the_course_is_refused_naming_the_week_and_the_course_length():
    schedule = ScheduleFactory(course=CourseFactory(weeks=10))
    block = ActivityBlockFactory.build(schedule=schedule, weeks=[2, 11])
    assert errors_of(block)["weeks"] == ["The course runs weeks 1 to 10; week 11 is outside it."]


def test_a_live_block_with_a_due_day_is_refused():
    block = ActivityBlockFactory.build(schedule=ScheduleFactory(), live=True, due_day=2)
    assert "due_day" in errors_of(block)


def test_unknown_gagne_events_are_refused():
    block = ActivityBlockFactory.build(schedule=ScheduleFactory(), gagne_events=[4, 10])
    assert errors_of(block)["gagne_events"] == ["Unknown Gagné event: 10."]


def test_a_block_without_weeks_runs_every_week_and_one_with_weeks_only_in_those():
    every = ActivityBlockFactory.build(weeks=[])
    chosen = ActivityBlockFactory.build(weeks=[1, 3])
    assert all(every.runs_in_week(week) for week in range(1, 13))
    assert [week for week in range(1, 6) if chosen.runs_in_week(week)] == [1, 3]


def test_a_live_block_knows_when_it_ends():
    block = ActivityBlockFactory.build(live=True, start_time=time(14, 0), duration_minutes=90)
    assert block.end_time == time(15, 30)


def test_the_database_refuses_a_recommended_share_over_one_hundred_percent():
    schedule = ScheduleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.filter(pk=schedule.pk).update(recommended_live_share=101)
