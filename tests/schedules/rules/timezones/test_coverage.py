"""Time-zone planning for live sessions: coverage heatmap, slot suggestions, who is outside.

Dates are fixed. Around the spring 2027 clock changes: the United States springs forward on
14 March, Europe/London on 28 March, and Pacific/Auckland falls back on 4 April.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from schedules.rules.timezones.coverage import (
    Segment,
    Slot,
    WakingHours,
    coverage_heatmap,
    suggest_slots,
    who_is_outside,
)

WAKING = WakingHours()
LONDON_AUCKLAND = [
    Segment("London office", 20, "Europe/London"),
    Segment("Auckland office", 12, "Pacific/Auckland"),
]
# Monday 15 March 2027, four weeks: London changes in week 2 (Sunday 28 March) and Auckland
# in week 3 (Sunday 4 April, 03:00 local, which is Saturday 3 April 14:00 UTC).
SPRING_2027 = date(2027, 3, 15)
WEEKS = 4
ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Havana",
    "America/Santiago",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Singapore",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
]
# Weeks holding clock changes, some of them at midnight (Havana 14 March, Santiago 5 September).
NEAR_CLOCK_CHANGES = [
    date(2027, 3, 8),
    date(2027, 3, 11),
    date(2027, 3, 25),
    date(2027, 3, 28),
    date(2027, 4, 1),
    date(2027, 9, 2),
    date(2027, 9, 23),
    date(2027, 10, 28),
    date(2027, 10, 31),
]


def heatmap(segments, view_timezone="Europe/London", start_date=SPRING_2027, weeks=WEEKS):
    return coverage_heatmap(
        segments, start_date=start_date, weeks=weeks, view_timezone=view_timezone, waking=WAKING
    )


def course_date(start_date: date, week: int, day: int) -> date:
    return start_date + timedelta(days=7 * week + (day - start_date.weekday()) % 7)


def suits_by_datetime(view: str, zone: str, day: date, hour: int, waking: WakingHours) -> bool:
    """An hour-long session checked the slow way, with one datetime per conversion."""
    starts = datetime.combine(day, time(hour), tzinfo=ZoneInfo(view)).astimezone(UTC)
    local_start = starts.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    last_minute = (starts + timedelta(minutes=59)).astimezone(ZoneInfo(zone))
    local_end = last_minute.replace(tzinfo=None) + timedelta(minutes=1)
    wakes = datetime.combine(local_start.date(), waking.start)
    sleeps = datetime.combine(local_start.date(), waking.end)
    return wakes <= local_start and local_end <= sleeps


# Heatmap -----------------------------------------------------------------------------------


def test_a_single_zone_cohort_is_fully_covered_from_08_00_to_20_00_and_not_at_03_00():
    result = heatmap([Segment("Berlin", 25, "Europe/Berlin")], view_timezone="Europe/Berlin")
    for day in range(7):
        assert result.grid[day][8:21] == (1.0,) * 13
        assert result.grid[day][3] == 0.0
        assert result.grid[day][21] == 0.0
    assert result.changes == ()


def test_the_heatmap_is_read_in_the_view_time_zone():
    tokyo = [Segment("Tokyo", 10, "Asia/Tokyo")]
    result = heatmap(tokyo, view_timezone="UTC")
    # 08:00-21:00 in Tokyo (UTC+9, no daylight saving) is 23:00-12:00 UTC.
    assert result.grid[0][23] == 1.0
    assert result.grid[0][11] == 1.0
    assert result.grid[0][12] == 0.0
    assert result.grid[0][22] == 0.0


def test_london_and_auckland_across_the_2027_clock_changes_show_which_cells_move_and_when():
    result = heatmap(LONDON_AUCKLAND)
    mondays = {
        (change.hour, change.week, change.now_inside)
        for change in result.changes
        if change.day == 0
    }
    # 08:00 London is 21:00 in Auckland until London springs forward (week 3: 20:00), and
    # 09:00 goes from 21:00 to 20:00 when Auckland falls back (week 4). In the evening the
    # same changes push 19:00 and then 20:00 before 08:00 in Auckland.
    assert mondays == {(8, 3, True), (9, 4, True), (19, 3, False), (20, 4, False)}
    assert all(change.timezone == "Pacific/Auckland" for change in result.changes)


def test_a_cell_change_names_the_week_the_date_and_the_segments_that_move():
    result = heatmap(LONDON_AUCKLAND)
    change = next(c for c in result.changes if (c.day, c.hour) == (0, 8))
    assert change.from_date == date(2027, 3, 29)
    assert change.segments == ("Auckland office",)
    assert change.head_count == 12
    assert change.sentence == (
        "From week 3 (29 Mar 2027), 08:00 Monday is 20:00 in Auckland instead of 21:00: "
        "now inside waking hours"
    )


def test_a_change_on_the_night_of_a_clock_change_uses_that_days_actual_offset():
    result = heatmap(LONDON_AUCKLAND)
    saturday = next(c for c in result.changes if (c.day, c.hour) == (5, 19))
    # Saturday 3 April 19:00 BST is 18:00 UTC, four hours after Auckland fell back.
    assert (saturday.week, saturday.local_day_after, saturday.local_after) == (3, 6, time(6))
    assert (saturday.local_day_before, saturday.local_before) == (6, time(8))


def test_the_grid_is_the_worst_week_and_each_week_keeps_its_own_share():
    result = heatmap(LONDON_AUCKLAND)
    monday_08 = [week[0][8] for week in result.weekly]
    assert monday_08 == [20 / 32, 20 / 32, 1.0, 1.0]
    assert result.grid[0][8] == 20 / 32


def test_a_cohort_with_no_learners_gives_a_heatmap_of_zeros():
    for segments in ([], [Segment("Nobody yet", 0, "Pacific/Auckland")]):
        result = heatmap(segments)
        assert result.total_learners == 0
        assert {share for row in result.grid for share in row} == {0.0}
        assert {share for week in result.weekly for row in week for share in row} == {0.0}


# Slot suggestions ------------------------------------------------------------------------


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


# Who is outside --------------------------------------------------------------------------


def test_who_is_outside_names_the_segment_its_local_time_and_the_weeks():
    exclusions = who_is_outside(
        LONDON_AUCKLAND,
        day=0,
        start=time(10),
        duration_minutes=60,
        view_timezone="Europe/London",
        waking=WAKING,
        start_date=SPRING_2027,
        weeks=WEEKS,
    )
    assert {exclusion.segment for exclusion in exclusions} == {"Auckland office"}
    assert [(e.local_start, e.weeks, e.outside_minutes) for e in exclusions] == [
        (time(23), (1, 2), 180),
        (time(22), (3,), 120),
        (time(21), (4,), 60),
    ]
    assert exclusions[0].sentence == "23:00 for 12 learners in Pacific/Auckland (weeks 1–2)"
    assert exclusions[2].how_far == "1 h after waking hours"


def test_who_is_outside_says_how_long_before_waking_hours_a_night_session_starts():
    exclusions = who_is_outside(
        LONDON_AUCKLAND,
        day=0,
        start=time(13),
        duration_minutes=60,
        view_timezone="Europe/London",
        waking=WAKING,
        start_date=date(2027, 3, 1),
        weeks=2,
    )
    [auckland] = exclusions
    assert auckland.sentence == "02:00 Tuesday for 12 learners in Pacific/Auckland (weeks 1–2)"
    assert (auckland.side, auckland.how_far) == ("before", "6 h before waking hours")


def test_who_is_outside_is_empty_when_the_session_suits_everyone():
    exclusions = who_is_outside(
        LONDON_AUCKLAND,
        day=3,
        start=time(8, 30),
        duration_minutes=30,
        view_timezone="Europe/London",
        waking=WAKING,
        start_date=date(2027, 4, 5),
        weeks=3,
    )
    assert exclusions == []


# Inputs ----------------------------------------------------------------------------------


def test_unknown_time_zones_and_impossible_hours_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="Unknown time zone"):
        Segment("Atlantis", 3, "Atlantic/Atlantis")
    with pytest.raises(ValueError, match="start before they end"):
        WakingHours(time(21), time(8))
    with pytest.raises(ValueError, match="past midnight"):
        Slot(0, time(23, 30), 60)


# Properties --------------------------------------------------------------------------------

zones = st.sampled_from(ZONES)
start_dates = st.one_of(
    st.sampled_from(NEAR_CLOCK_CHANGES), st.dates(date(2026, 1, 1), date(2028, 12, 31))
)
cohorts = st.lists(
    st.builds(
        Segment, name=st.sampled_from("ABCDE"), head_count=st.integers(0, 40), timezone=zones
    ),
    max_size=5,
)


@settings(max_examples=40, deadline=None)
@given(zone=zones, view=zones, start_date=start_dates, weeks=st.integers(1, 3))
def test_each_weeks_heatmap_matches_a_datetime_by_datetime_check(zone, view, start_date, weeks):
    segments = [Segment("Only", 1, zone)]
    result = heatmap(segments, view_timezone=view, start_date=start_date, weeks=weeks)
    for week, grid in enumerate(result.weekly):
        for day in range(7):
            on = course_date(start_date, week, day)
            expected = [
                float(suits_by_datetime(view, zone, on, hour, WAKING)) for hour in range(24)
            ]
            assert list(grid[day]) == expected, (week, day)


@settings(max_examples=40, deadline=None)
@given(segments=cohorts, view=zones, start_date=start_dates, weeks=st.integers(1, 4))
def test_coverage_is_always_a_share_between_0_and_1(segments, view, start_date, weeks):
    result = heatmap(segments, view_timezone=view, start_date=start_date, weeks=weeks)
    for week in result.weekly:
        for day in range(7):
            for hour in range(24):
                assert 0.0 <= result.grid[day][hour] <= week[day][hour] <= 1.0


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


@settings(max_examples=40, deadline=None)
@given(
    zone=zones,
    view=zones,
    start_date=start_dates,
    weeks=st.integers(1, 3),
    day=st.integers(0, 6),
    start=st.integers(0, 94).map(lambda quarter: time(quarter // 4, quarter % 4 * 15)),
)
# Havana springs forward at midnight: 00:30 on Sunday 14 March 2027 does not exist there.
@example(
    zone="UTC",
    view="America/Havana",
    start_date=date(2027, 3, 11),
    weeks=1,
    day=6,
    start=time(0, 30),
)
def test_who_is_outside_reports_the_local_start_zoneinfo_gives(
    zone, view, start_date, weeks, day, start
):
    # Waking hours too short for a 30-minute session: every week is reported.
    exclusions = who_is_outside(
        [Segment("Only", 1, zone)],
        day=day,
        start=start,
        duration_minutes=30,
        view_timezone=view,
        start_date=start_date,
        weeks=weeks,
        waking=WakingHours(time(12), time(12, 1)),
    )
    reported = {week: (e.local_day, e.local_start) for e in exclusions for week in e.weeks}
    for week in range(weeks):
        on = course_date(start_date, week, day)
        local = datetime.combine(on, start, tzinfo=ZoneInfo(view)).astimezone(ZoneInfo(zone))
        assert reported[week + 1] == (local.weekday(), local.time().replace(tzinfo=None))
