"""The survey's arithmetic: hours of the week between zones, the heatmap, small counts held
back, shares and the proposed segments. No database."""

from datetime import date

import pytest

from schedules.rules.privacy import FEWER_THAN
from schedules.rules.survey_results import (
    Answer,
    ProfileNow,
    availability_grid,
    heat_level,
    local_to_utc,
    propose_changes,
    propose_segments,
    shares,
    shown,
    utc_to_zone,
    week_hour,
    zone_counts,
)

WINTER = date(2027, 1, 13)  # a Wednesday: London on GMT, Auckland on NZDT (+13)
SUMMER = date(2027, 7, 14)  # London on BST (+1), Auckland on NZST (+12)
DEVICES = ["desktop", "laptop", "tablet", "phone"]
NEEDS = ["captions", "transcripts", "screen_reader"]


def test_a_london_evening_in_winter_is_the_same_hour_in_utc():
    assert local_to_utc([week_hour(0, 19)], "Europe/London", WINTER) == [week_hour(0, 19)]


def test_a_london_evening_in_summer_is_an_hour_earlier_in_utc():
    assert local_to_utc([week_hour(0, 19)], "Europe/London", SUMMER) == [week_hour(0, 18)]


def test_monday_morning_in_auckland_is_sunday_evening_in_utc_wrapping_the_week():
    # Monday 09:00 NZDT is Sunday 20:00 UTC: the hour wraps to the end of the week.
    assert local_to_utc([week_hour(0, 9)], "Pacific/Auckland", WINTER) == [week_hour(6, 20)]


def test_hours_shown_in_another_zone_come_back_to_where_they_were_ticked():
    ticked = [week_hour(2, 7), week_hour(4, 22), week_hour(6, 23)]
    utc = local_to_utc(ticked, "America/New_York", WINTER)
    assert utc_to_zone(utc, "America/New_York", WINTER) == sorted(ticked)


def test_an_hour_outside_the_week_is_refused():
    with pytest.raises(ValueError, match="No such hour"):
        local_to_utc([168], "UTC", WINTER)
    with pytest.raises(ValueError, match="No such hour"):
        week_hour(7, 0)
    with pytest.raises(ValueError, match="No such hour"):
        week_hour(0, 24)


def test_the_heatmap_counts_learners_in_the_course_zone():
    london = Answer(
        "Europe/London", tuple(local_to_utc([week_hour(1, 18)], "Europe/London", WINTER))
    )
    new_york = Answer(
        "America/New_York", tuple(local_to_utc([week_hour(1, 13)], "America/New_York", WINTER))
    )
    grid = availability_grid([london, new_york], "Europe/London", WINTER)
    assert grid[1][18] == 2  # 13:00 in New York is 18:00 in London
    assert sum(map(sum, grid)) == 2


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0"), (1, FEWER_THAN), (4, FEWER_THAN), (5, "5"), (40, "40")]
)
def test_counts_of_one_to_four_learners_are_held_back(count, expected):
    assert shown(count) == expected


def test_a_held_back_cell_gets_the_lightest_shade_with_learners_and_a_full_one_the_darkest():
    assert heat_level(0, 20) == 0
    assert heat_level(3, 20) == 1
    assert heat_level(20, 20) == 4
    assert heat_level(10, 20) == 2


def test_shares_hold_back_both_the_count_and_the_percentage_of_a_small_group():
    result = shares(["phone"] * 2 + ["laptop"] * 8, [("laptop", "Laptop"), ("phone", "Phone")], 10)
    laptop, phone = result
    assert (laptop.shown, laptop.percent) == ("8", "80%")
    assert (phone.shown, phone.percent) == (FEWER_THAN, "—")


def test_zones_are_counted_most_learners_first():
    answers = [Answer("Asia/Tokyo")] + [Answer("Europe/Paris")] * 3 + [Answer("Africa/Lagos")]
    assert zone_counts(answers) == [("Europe/Paris", 3), ("Africa/Lagos", 1), ("Asia/Tokyo", 1)]


def test_a_segment_per_zone_plans_for_its_weakest_connection_with_its_devices_and_needs():
    answers = [
        Answer("Europe/Paris", devices=("laptop",), connection="reliable"),
        Answer("Europe/Paris", devices=("phone",), connection="low", needs=("captions",)),
        Answer("Europe/Paris", devices=("laptop", "phone"), connection="variable"),
        Answer("Asia/Kolkata", devices=("phone",), connection="variable", needs=("transcripts",)),
    ]
    paris, kolkata = propose_segments(answers, device_order=DEVICES, need_order=NEEDS)
    assert (paris.zone, paris.head_count, paris.bandwidth) == ("Europe/Paris", 3, "low")
    assert paris.devices == ("laptop", "phone")
    assert paris.needs == ("captions",)
    assert paris.name == "Learners in Paris"
    assert (kolkata.head_count, kolkata.bandwidth, kolkata.needs) == (
        1,
        "variable",
        ("transcripts",),
    )


LABELS = {
    "reliable": "Reliable",
    "variable": "Variable",
    "low": "Low",
    "laptop": "laptop",
    "phone": "phone",
    "captions": "captions",
    "transcripts": "transcripts",
}


def test_the_proposed_changes_leave_alone_what_the_answers_agree_with_and_only_add_needs():
    now = ProfileNow(
        bandwidth="reliable",
        devices=("laptop",),
        needs=("transcripts",),
        segments={"Europe/Paris": (1, "reliable", ("laptop",), ())},
    )
    answers = [Answer("Europe/Paris", devices=("laptop",), connection="reliable")] * 4 + [
        Answer("Europe/Paris", devices=("laptop",), connection="low", needs=("captions",))
    ]
    changes = {
        c.key: c
        for c in propose_changes(
            answers, now, device_order=DEVICES, need_order=NEEDS, labels=LABELS
        )
    }
    assert set(changes) == {"bandwidth", "needs", "segment:Europe/Paris"}  # devices agree
    assert (changes["bandwidth"].before, changes["bandwidth"].after) == ("Reliable", "Low")
    assert changes["needs"].after == "captions, transcripts"
    assert changes["segment:Europe/Paris"].before.startswith("1 learners")


def test_one_weak_connection_in_ten_does_not_make_the_cohort_weak():
    now = ProfileNow(bandwidth="reliable", devices=(), needs=(), segments={})
    answers = [Answer("UTC", connection="reliable")] * 9 + [Answer("UTC", connection="low")]
    keys = [
        c.key
        for c in propose_changes(
            answers, now, device_order=DEVICES, need_order=NEEDS, labels=LABELS
        )
    ]
    assert "bandwidth" not in keys
