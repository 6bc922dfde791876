"""Stated availability: the slot search on the hours learners said they can come.

Worked by hand. The course runs in London for four weeks from Monday 11 January 2027 (no
clock changes anywhere below), so London is UTC+0, Berlin +1, New York -5 and Tokyo +9.
Sessions last an hour and keep to the instructor's waking hours (08:00-21:00 London).
"""

from datetime import date, time

import pytest

from schedules.rules.timezones.coverage import WakingHours
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.sessions import Slot
from schedules.rules.timezones.slots import suggest_slots
from schedules.rules.timezones.stated import StatedAnswer, StatedAvailability
from schedules.rules.timezones.wording import NOT_STATED

WAKING = WakingHours(time(8), time(21))
WINTER = date(2027, 1, 11)


def hour(day: int, clock: int) -> int:
    """Return the hour of the week of weekday ``day`` (0 = Monday) at ``clock`` o'clock."""
    return day * 24 + clock


def answers(zone: str, count: int, *hours: int) -> list[StatedAnswer]:
    return [StatedAnswer(zone, frozenset(hours)) for _ in range(count)]


# Twelve learners in four zones, three each. London ticks Wednesday 18:00, Berlin Wednesday
# 19:00 (its clock), New York Wednesday 13:00 (its clock): all three are Wednesday 18:00 in
# London. Tokyo ticks only Saturday 10:00, which is Saturday 01:00 in London, outside the
# instructor's waking hours, so no candidate can reach Tokyo.
TWELVE = [
    *answers("Europe/London", 3, hour(2, 18)),
    *answers("Europe/Berlin", 3, hour(2, 19)),
    *answers("America/New_York", 3, hour(2, 13)),
    *answers("Asia/Tokyo", 3, hour(5, 10)),
]
# The same cohort as the profile would have it: a segment per zone, three learners each.
SEGMENTS = [
    Segment("London", 3, "Europe/London"),
    Segment("Berlin", 3, "Europe/Berlin"),
    Segment("New York", 3, "America/New_York"),
    Segment("Tokyo", 3, "Asia/Tokyo"),
]


def search(segments, stated=None, start=WINTER, weeks=4):
    return suggest_slots(
        segments,
        start_date=start,
        weeks=weeks,
        view_timezone="Europe/London",
        waking=WAKING,
        duration_minutes=60,
        host_waking=WAKING,
        stated=stated,
    )


def test_on_waking_hours_the_best_slot_is_monday_at_eight():
    # 08:00 London is 09:00 Berlin and 17:00 Tokyo: nine learners, and the earliest such
    # slot (13:00-19:00 London reaches New York instead of Tokyo, also nine).
    single = search(SEGMENTS).single
    assert single.sessions == (Slot(0, time(8), 60),)
    assert single.covered_learners == 9


def test_on_stated_availability_the_best_slot_is_wednesday_at_six_instead():
    single = search(SEGMENTS, StatedAvailability(TWELVE)).single
    assert single.sessions == (Slot(2, time(18), 60),)
    assert (single.covered_learners, single.total_learners) == (9, 12)


def test_the_learners_no_stated_slot_reaches_are_named_with_their_local_time():
    single = search(SEGMENTS, StatedAvailability(TWELVE)).single
    (miss,) = single.left_out
    # Wednesday 18:00 in London is Thursday 03:00 in Tokyo.
    assert miss.sentence == "03:00 Thursday for 3 learners in Asia/Tokyo (weeks 1–4)"
    assert miss.how_far == NOT_STATED
    assert miss.segment == "Asia/Tokyo"


def test_stated_availability_ignores_the_profiles_segments_and_counts_answers():
    # The profile says 40 learners in Tokyo; the answers decide, one learner each.
    profile = [Segment("Tokyo", 40, "Asia/Tokyo")]
    single = search(profile, StatedAvailability(TWELVE)).single
    assert single.sessions == (Slot(2, time(18), 60),)
    assert single.total_learners == 12


def test_a_session_longer_than_the_ticked_hours_suits_nobody_who_ticked_only_one():
    stated = StatedAvailability(
        [
            *answers("Europe/London", 5, hour(2, 18)),
            *answers("Europe/London", 1, hour(3, 9), hour(3, 10)),
        ]
    )
    result = suggest_slots(
        [],
        start_date=WINTER,
        weeks=4,
        view_timezone="Europe/London",
        waking=WAKING,
        duration_minutes=120,
        host_waking=WAKING,
        stated=stated,
    )
    # Only Thursday 09:00-11:00 fits anyone's two ticked hours.
    assert result.single.sessions == (Slot(3, time(9), 120),)
    assert result.single.covered_learners == 1


def test_a_clock_change_moves_the_session_out_of_hours_ticked_for_one_time_only():
    # From 1 March 2027 for four weeks: New York moves its clocks on 14 March, London on
    # 28 March, so Wednesday 18:00 in London is 13:00 in New York in weeks 1-2 and 14:00 in
    # weeks 3-4. A learner who ticked only 13:00 cannot come every week; 13:00 and 14:00 can.
    spring = date(2027, 3, 1)
    only_one = StatedAvailability(
        [*answers("Europe/London", 5, hour(2, 18)), *answers("America/New_York", 2, hour(2, 13))]
    )
    both = StatedAvailability(
        [
            *answers("Europe/London", 5, hour(2, 18)),
            *answers("America/New_York", 2, hour(2, 13), hour(2, 14)),
        ]
    )
    first = search([], only_one, start=spring).single
    assert first.covered_learners == 5
    assert [miss.sentence for miss in first.left_out] == [
        "13:00 for 2 learners in America/New_York (weeks 1–2)",
        "14:00 for 2 learners in America/New_York (weeks 3–4)",
    ]
    assert search([], both, start=spring).single.covered_learners == 7


def test_identical_answers_are_weighed_together_as_one_pattern_each():
    stated = StatedAvailability(TWELVE)
    assert stated.answers == 12
    assert stated.heads == (3, 3, 3, 3)
    assert [(s.timezone, s.head_count) for s in stated.segments()] == [
        ("Europe/London", 3),
        ("Europe/Berlin", 3),
        ("America/New_York", 3),
        ("Asia/Tokyo", 3),
    ]


def test_under_five_answers_are_not_enough_to_pick_slots_on():
    assert not StatedAvailability(TWELVE[:4]).enough
    assert StatedAvailability(TWELVE[:5]).enough


@pytest.mark.parametrize("bad", [-1, 168])
def test_an_hour_outside_the_week_is_refused(bad):
    with pytest.raises(ValueError, match="hour of the week"):
        StatedAnswer("Europe/London", frozenset({bad}))
