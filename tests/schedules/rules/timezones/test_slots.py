"""Slot search: the best single weekly slot and the best pair of repeat sessions.

Dates are fixed (see ``cases``): around the spring 2027 clock changes.
"""

from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.rules.timezones.coverage import WakingHours, who_is_outside
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.sessions import Slot
from schedules.rules.timezones.slots import suggest_slots
from tests.schedules.rules.timezones.cases import (
    LONDON_AUCKLAND,
    SPRING_2027,
    WAKING,
    WEEKS,
    cohorts,
    start_dates,
    zones,
)


def test_suggest_slots_picks_the_earliest_slot_everyone_can_attend_when_there_is_one():
    europe = [
        Segment("London", 10, "Europe/London"),
        Segment("Berlin", 8, "Europe/Berlin"),
        Segment("Lagos", 5, "Africa/Lagos"),
    ]
    result = suggest_slots(
        europe,
        view_timezone="Europe/London",
        waking=WAKING,
        duration_minutes=60,
        start_date=SPRING_2027,
        weeks=WEEKS,
    )
    assert result.single.sessions == (Slot(0, time(8), 60),)
    assert result.single.share == 1.0
    assert result.single.left_out == ()


def test_suggest_slots_pairs_two_sessions_for_far_apart_zones_no_single_slot_covers():
    far_apart = [
        Segment("New York", 30, "America/New_York"),
        Segment("Singapore", 25, "Asia/Singapore"),
    ]
    result = suggest_slots(
        far_apart,
        start_date=date(2027, 3, 1),
        weeks=4,
        view_timezone="America/New_York",
        waking=WakingHours(time(9), time(20)),
        duration_minutes=60,
    )
    assert result.single.covered_learners == 30
    assert result.single.sessions == (Slot(0, time(9), 60),)
    assert [exclusion.sentence for exclusion in result.single.left_out] == [
        "22:00 for 25 learners in Asia/Singapore (weeks 1–2)",
        "21:00 for 25 learners in Asia/Singapore (weeks 3–4)",
    ]
    assert result.pair is not None
    assert result.pair.share == 1.0
    # Midnight in New York is midday in Singapore; 09:00 suits New York.
    assert result.pair.sessions == (Slot(0, time(0), 60), Slot(0, time(9), 60))
    assert result.pair.left_out == ()


def test_with_the_hosts_hours_every_suggested_session_is_one_the_host_can_run():
    far_apart = [
        Segment("New York", 30, "America/New_York"),
        Segment("Singapore", 25, "Asia/Singapore"),
    ]
    host = WakingHours(time(7), time(22))
    result = suggest_slots(
        far_apart,
        start_date=date(2027, 3, 1),
        weeks=4,
        view_timezone="America/New_York",
        waking=WakingHours(time(9), time(20)),
        duration_minutes=60,
        host_waking=host,
    )
    assert result.pair is not None
    sessions = [*result.single.sessions, *result.pair.sessions]
    assert all(7 * 60 <= s.start_minute <= 22 * 60 - s.duration_minutes for s in sessions)
    # 21:00 in New York is 10:00, then (after New York's clocks change) 09:00 in Singapore.
    assert result.pair.sessions == (Slot(0, time(9), 60), Slot(0, time(21), 60))
    assert result.pair.share == 1.0


def test_when_no_session_fits_the_hosts_hours_any_time_of_day_is_suggested():
    result = suggest_slots(
        LONDON_AUCKLAND,
        start_date=SPRING_2027,
        weeks=WEEKS,
        view_timezone="Europe/London",
        waking=WAKING,
        duration_minutes=120,
        host_waking=WakingHours(time(8), time(9)),
    )
    assert result.single.covered_learners == 20


def test_a_pair_never_overlaps_and_is_none_when_no_two_sessions_fit_in_the_days_given():
    result = suggest_slots(
        LONDON_AUCKLAND,
        view_timezone="Europe/London",
        waking=WAKING,
        duration_minutes=13 * 60,
        days=[2],
        step_minutes=60,
        start_date=SPRING_2027,
        weeks=WEEKS,
    )
    assert result.pair is None
    # 08:00-21:00 London fills London's waking day exactly, and no one else's.
    assert result.single.sessions == (Slot(2, time(8), 13 * 60),)
    assert result.single.covered_learners == 20


def test_suggest_slots_for_no_learners_reports_no_share_rather_than_failing():
    result = suggest_slots(
        [],
        start_date=SPRING_2027,
        weeks=WEEKS,
        view_timezone="UTC",
        waking=WAKING,
        duration_minutes=60,
    )
    assert result.single.share == 0.0
    assert result.pair is not None
    assert result.pair.share == 0.0


# Properties --------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    segments=cohorts,
    view=zones,
    start_date=start_dates,
    weeks=st.integers(1, 4),
    duration=st.sampled_from([30, 60, 90, 180]),
)
def test_the_best_pair_covers_at_least_as_many_learners_as_the_best_single_slot(
    segments, view, start_date, weeks, duration
):
    result = suggest_slots(
        segments,
        start_date=start_date,
        weeks=weeks,
        view_timezone=view,
        waking=WAKING,
        duration_minutes=duration,
    )
    assert result.pair is not None
    first, second = result.pair.sessions
    assert (first.day, first.start) < (second.day, second.start)
    assert first.day != second.day or second.start_minute >= first.start_minute + duration
    assert result.pair.covered_learners >= result.single.covered_learners
    assert 0.0 <= result.single.share <= result.pair.share <= 1.0
    [session] = result.single.sessions
    outside = who_is_outside(
        segments,
        day=session.day,
        start=session.start,
        duration_minutes=duration,
        start_date=start_date,
        weeks=weeks,
        view_timezone=view,
        waking=WAKING,
    )
    assert {e.segment for e in outside} == {e.segment for e in result.single.left_out}
