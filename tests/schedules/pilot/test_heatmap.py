"""The engagement heatmap shifted to a learner segment's time zone: each UTC hour and each live
session placed where it falls on that zone's clock, on its own date. Plain Python, no database."""

from datetime import UTC, date, datetime, time

from schedules.pilot.heatmap import LiveSession, Period, engagement_heatmap, live_slots
from schedules.rules.course_dates import CourseDates

TUE, WED, SUN = 1, 2, 6


def period(start: date, zone: str = "Europe/Berlin", weeks: int = 2) -> Period:
    """A course from Monday ``start`` in ``zone``, its first ``weeks`` weeks the pilot."""
    return Period(
        zone, CourseDates(start, 6), start, date.fromordinal(start.toordinal() + 7 * weeks - 1)
    )


def hour(year: int, month: int, day: int, at: int) -> int:
    """The UTC hour since 1970 the imports keep (``PilotRecord.hour``)."""
    return int(datetime(year, month, day, at, tzinfo=UTC).timestamp()) // 3600


SEMINAR = LiveSession("Seminar", TUE, time(17), 60)
JANUARY = period(date(2027, 1, 11))  # standard time in Berlin and New York


def test_a_tuesday_17_00_berlin_session_is_tuesday_11_00_in_new_york_and_wednesday_01_00_in_tokyo():
    assert live_slots([SEMINAR], JANUARY, "Europe/Berlin") == {(TUE, 17): "Seminar"}
    assert live_slots([SEMINAR], JANUARY, "America/New_York") == {(TUE, 11): "Seminar"}
    assert live_slots([SEMINAR], JANUARY, "Asia/Tokyo") == {(WED, 1): "Seminar"}


def test_engagement_moves_with_the_zone_and_so_do_the_busiest_hours():
    # Wednesday 13 January 2027, 18:00 UTC: 19:00 in Berlin, 13:00 in New York; 6 learners.
    grouped = [(hour(2027, 1, 13, 18), 12, 6)]
    berlin = engagement_heatmap(grouped, [SEMINAR], JANUARY, "Europe/Berlin")
    new_york = engagement_heatmap(grouped, [SEMINAR], JANUARY, "America/New_York")
    assert dict(berlin.hours)[19][WED].count == 12
    assert dict(new_york.hours)[13][WED].count == 12
    assert dict(new_york.hours)[19][WED].count == 0
    assert (berlin.peak, new_york.peak) == ("Wednesday 19:00–20:00", "Wednesday 13:00–14:00")
    assert new_york.peak_away_slot == (WED, 13)
    assert dict(new_york.hours)[11][TUE].live == "Seminar"


def test_a_week_across_new_yorks_clock_change_puts_each_hour_and_session_where_it_falls():
    # New York springs forward on Sunday 14 March 2027 (02:00 → 03:00), Berlin only on the
    # 28th: from Monday 8 March, week 1 holds the change and week 2 is after it.
    march = period(date(2027, 3, 8))
    grouped = [
        (hour(2027, 3, 14, 6), 5, 5),  # 01:00 EST
        (hour(2027, 3, 14, 7), 7, 5),  # 03:00 EDT: the hour after the change
    ]
    heat = engagement_heatmap(grouped, [SEMINAR], march, "America/New_York")
    rows = dict(heat.hours)
    assert (rows[1][SUN].count, rows[2][SUN].count, rows[3][SUN].count) == (5, 0, 7)
    # The Tuesday 17:00 Berlin seminar is 11:00 in New York in week 1 and 12:00 in week 2.
    assert live_slots([SEMINAR], march, "America/New_York") == {
        (TUE, 11): "Seminar (week 1)",
        (TUE, 12): "Seminar (week 2)",
    }
    # In the course's own zone nothing moved.
    assert live_slots([SEMINAR], march, "Europe/Berlin") == {(TUE, 17): "Seminar"}


def test_a_zone_east_of_utc_plus_12_moves_hours_into_the_next_day():
    # Kiritimati is UTC+14: Tuesday 16:00 UTC (17:00 in Berlin) is Wednesday 06:00 there, and
    # Sunday 17 January 12:00 UTC is Monday 02:00, the first day of the grid.
    grouped = [(hour(2027, 1, 17, 12), 9, 5)]
    heat = engagement_heatmap(grouped, [SEMINAR], JANUARY, "Pacific/Kiritimati")
    assert dict(heat.hours)[2][0].count == 9
    assert heat.peak == "Monday 02:00–03:00"
    assert live_slots([SEMINAR], JANUARY, "Pacific/Kiritimati") == {(WED, 6): "Seminar"}


def test_a_half_hour_zone_has_rows_from_half_past_and_draws_a_session_on_each_it_overlaps():
    # Kolkata is UTC+5:30: Wednesday 18:00 UTC is 23:30, row "23:30–00:30".
    grouped = [(hour(2027, 1, 13, 18), 6, 6)]
    long_seminar = LiveSession("Seminar", TUE, time(17), 90)  # 21:30–23:00 in Kolkata
    heat = engagement_heatmap(grouped, [long_seminar], JANUARY, "Asia/Kolkata")
    assert heat.minute == 30
    assert heat.label(21) == "21:30"
    assert dict(heat.hours)[23][WED].count == 6
    assert heat.peak == "Wednesday 23:30–00:30"
    assert live_slots([long_seminar], JANUARY, "Asia/Kolkata") == {
        (TUE, 21): "Seminar",
        (TUE, 22): "Seminar",
    }
    # An hour-long one starting on the half hour covers one row.
    assert live_slots([SEMINAR], JANUARY, "Asia/Kolkata") == {(TUE, 21): "Seminar"}


def test_a_cell_of_fewer_than_five_learners_stays_hidden_in_every_zone():
    grouped = [(hour(2027, 1, 13, 18), 4, 4)]
    for zone in ("Europe/Berlin", "Asia/Kolkata", "Pacific/Kiritimati"):
        heat = engagement_heatmap(grouped, [], JANUARY, zone)
        hidden = [cell for _, cells in heat.hours for cell in cells if cell.count is None]
        assert len(hidden) == 1
        assert heat.peak == ""


def test_a_session_only_in_weeks_outside_the_pilot_is_not_drawn():
    later = LiveSession("Clinic", WED, time(10), 60, weeks=(4, 5))
    assert live_slots([later], JANUARY, "America/New_York") == {}
