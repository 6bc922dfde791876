"""Who is awake when: the coverage heatmap, waking hours and who is outside, week by week.

Dates are fixed (see ``cases``): around the spring 2027 clock changes.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from schedules.rules.timezones.coverage import WakingHours, coverage_heatmap, who_is_outside
from schedules.rules.timezones.segments import Segment
from tests.schedules.rules.timezones.cases import (
    LONDON_AUCKLAND,
    SPRING_2027,
    WAKING,
    WEEKS,
    cohorts,
    start_dates,
    zones,
)


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


# Waking hours ------------------------------------------------------------------------------


def test_waking_hours_that_end_before_they_start_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="start before they end"):
        WakingHours(time(21), time(8))


# Properties --------------------------------------------------------------------------------


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
# The same, seen from Havana itself: midnight that Sunday is 01:00 (found by hypothesis).
@example(
    zone="America/Havana",
    view="America/Havana",
    start_date=date(2027, 3, 8),
    weeks=1,
    day=6,
    start=time(0, 0),
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
        # Through UTC: astimezone() to the very same zone returns a time the clocks skip
        # (00:00 on Havana's spring-forward Sunday) unchanged, not as the 01:00 it becomes.
        at = datetime.combine(on, start, tzinfo=ZoneInfo(view))
        local = at.astimezone(UTC).astimezone(ZoneInfo(zone))
        assert reported[week + 1] == (local.weekday(), local.time().replace(tzinfo=None))
