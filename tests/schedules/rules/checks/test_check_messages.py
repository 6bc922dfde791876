"""Fixes that name what to change: the block, the session it prepares, the rooms to split
into; a repeated session splits its group."""

from dataclasses import replace
from datetime import time

from schedules.rules.checks import run_checks
from schedules.rules.choices import Weekday
from schedules.rules.timezones.segments import Segment
from tests.schedules.rules.checks.panel_schedules import (
    JOURNAL,
    QUIZ,
    SEMINAR,
    WEEK_A,
    course,
    swap,
)

FORTY = (Segment("Campus", 40, "Europe/London"),)


def findings(facts, check):
    return [f for f in run_checks(facts) if f.check == check]


def test_a_large_live_group_fix_names_the_block_and_the_rooms_to_split_into():
    facts = course(segments=FORTY)
    seminar = next(f for f in findings(facts, "large-live-group") if f.block_title == SEMINAR.title)
    assert "gathers about 40 learners live" in seminar.message
    assert "Add a co-facilitator to “Seminar: debate the case”" in seminar.fix
    assert "2 breakout rooms of at most 20" in seminar.fix


def test_a_session_offered_twice_splits_its_group_between_the_offerings():
    repeat = replace(SEMINAR, id=4242, title=f"{SEMINAR.title} (repeat)", start_time=time(17))
    facts = course((*WEEK_A, repeat), segments=FORTY, live_hours_available=6)
    flagged = {f.block_title for f in findings(facts, "large-live-group")}
    assert SEMINAR.title not in flagged  # about 20 in each offering
    assert repeat.title not in flagged


def test_self_paced_work_without_a_due_day_is_told_which_session_it_can_prepare():
    undated = replace(QUIZ, day=Weekday.MONDAY, due_day=None)
    [finding] = findings(course(swap(WEEK_A, QUIZ, undated)), "self-paced-without-due-day")
    assert finding.fix == (
        "Give “Weekly quiz” a due day by Monday, before “Seminar: debate the case”, which it "
        "can prepare."
    )
    late = replace(JOURNAL, due_day=None)
    [finding] = findings(course(swap(WEEK_A, JOURNAL, late)), "self-paced-without-due-day")
    assert finding.fix == "Give “Reflection journal” a due day within its week."
