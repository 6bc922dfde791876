"""The planner's wording: clock times, durations, week lists and places, as the pages show them."""

from schedules.rules.timezones.wording import clock, duration, local_clock, place, week_list


def test_week_lists_run_consecutive_weeks_together():
    assert week_list([3]) == "week 3"
    assert week_list([1, 2, 3, 4, 5, 6, 7, 8]) == "weeks 1–8"
    assert week_list([1, 2, 3, 9, 12, 13, 14, 15]) == "weeks 1–3, 9, 12–15"


def test_durations_are_said_in_hours_and_minutes():
    assert duration(360) == "6 h"
    assert duration(30) == "30 min"
    assert duration(150) == "2 h 30 min"


def test_a_local_time_names_its_weekday_only_when_it_falls_on_another_day():
    assert clock(0) == "00:00"
    assert clock(21 * 60 + 5) == "21:05"
    assert local_clock(2 * 60, 0, 0) == "02:00"
    assert local_clock(2 * 60, 1, 0) == "02:00 Tuesday"


def test_a_place_is_the_city_of_its_zone_name():
    assert place("Pacific/Auckland") == "Auckland"
    assert place("America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert place("UTC") == "UTC"
