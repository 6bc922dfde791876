"""The readiness checklist: its ten items, and how BlendPlan ticks the ones it can tell by
itself. Plain Python: no database."""

from dataclasses import replace
from datetime import date, time

import pytest
from django.urls import reverse

from schedules.pilot.checklist import ITEMS, MANUAL_KEYS, PilotFacts, automatic_answers
from schedules.rules.checks import BlockFacts, Finding, Severity
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.sources import cite_source


def reading(id=1, *, due_day=Weekday.WEDNESDAY, weeks=(), title="Reading"):
    return BlockFacts(
        id=id,
        title=title,
        modality=Modality.SELF_PACED,
        activity_type=ActivityType.READING,
        day=Weekday.MONDAY,
        duration_minutes=60,
        weeks=weeks,
        due_day=due_day,
    )


def seminar(id=2, *, weeks=(), title="Seminar"):
    return BlockFacts(
        id=id,
        title=title,
        modality=Modality.LIVE,
        activity_type=ActivityType.LIVE_SEMINAR,
        day=Weekday.TUESDAY,
        duration_minutes=60,
        start_time=time(10),
        weeks=weeks,
    )


def finding(check, block, severity=Severity.WARNING):
    return Finding(
        check=check,
        severity=severity,
        message="…",
        fix="…",
        source="seed 000",
        block_id=block.id,
        block_title=block.title,
    )


def facts(**changes):
    plain = PilotFacts(
        weeks=(1, 2),
        blocks=(reading(), seminar()),
        findings=(),
        calendar_feed=False,
        approved=False,
        review_label="Draft",
        retrospective_on=None,
    )
    return replace(plain, **changes)


def answer(key, **changes):
    return automatic_answers(facts(**changes))[key]


def test_there_are_ten_items_each_citing_a_seed_users_recognise():
    assert len(ITEMS) == 10
    assert len({item.key for item in ITEMS}) == 10
    for item in ITEMS:
        assert any(part.citation for part in cite_source(item.source)), item.key


@pytest.mark.django_db(False)
def test_every_item_links_to_a_page_of_blendplan():
    for item in ITEMS:
        assert reverse(item.url_name, args=[1] if item.course_url else [])


def test_four_items_are_ticked_by_hand_and_the_learner_survey_is_one():
    assert {"access-survey", "communication", "consent", "metrics"} == MANUAL_KEYS


def test_due_days_are_done_when_every_self_paced_block_of_the_pilot_has_one():
    done = answer("due-days", blocks=(reading(1), reading(2), seminar(3)))
    assert done.done
    assert done.reason == "Both self-paced blocks of weeks 1–2 have a due day."


def test_a_self_paced_block_without_a_due_day_in_the_pilot_weeks_leaves_due_days_open():
    found = answer("due-days", blocks=(reading(due_day=None, title="Chapter 1"),))
    assert not found.done
    assert "“Chapter 1”" in found.reason


def test_a_block_without_a_due_day_after_the_pilot_weeks_does_not_count():
    blocks = (reading(1), reading(2, due_day=None, weeks=(5, 6), title="Later"))
    assert answer("due-days", blocks=blocks).done


def test_due_days_are_open_while_the_pilot_weeks_have_no_self_paced_work():
    found = answer("due-days", blocks=(seminar(),))
    assert not found.done
    assert "no self-paced work" in found.reason


def test_captions_are_open_while_the_missing_captions_check_flags_a_pilot_block():
    block = seminar(title="Recorded seminar")
    found = answer("captions", blocks=(block,), findings=(finding("missing-captions", block),))
    assert not found.done
    assert "“Recorded seminar”" in found.reason


def test_captions_are_done_when_the_flagged_block_runs_after_the_pilot():
    block = seminar(weeks=(4,))
    found = answer("captions", blocks=(block,), findings=(finding("missing-captions", block),))
    assert found.done


def test_the_time_zone_check_is_open_while_a_pilot_session_is_outside_waking_hours():
    block = seminar()
    late = finding("live-outside-waking-hours", block, Severity.PROBLEM)
    found = answer("time-zones", findings=(late,))
    assert not found.done
    assert "planner" in found.reason


def test_the_time_zone_check_is_done_when_no_time_zone_check_finds_anything():
    block = seminar()
    other = finding("passive-live-time", block)
    assert answer("time-zones", findings=(other,)).done


def test_the_lms_shell_and_calendar_item_follows_the_calendar_feed():
    assert not answer("lms-calendar", calendar_feed=False).done
    assert answer("lms-calendar", calendar_feed=True).done


def test_the_lms_review_item_is_done_only_once_the_blend_is_approved():
    waiting = answer("lms-review", review_label="Submitted")
    assert not waiting.done
    assert "submitted" in waiting.reason
    assert answer("lms-review", approved=True).done


def test_the_retrospective_item_is_done_once_a_date_is_booked():
    assert not answer("retrospective").done
    booked = answer("retrospective", retrospective_on=date(2027, 1, 29))
    assert booked.done
    assert booked.reason == "Booked for Friday 29 January 2027."
