"""The learners' timetable: an approved version read week by week in the viewer's time zone,
with the course's zone alongside, the preparation of each live session and due dates.
Plain Python over a snapshot: no database."""

from typing import Any

import pytest

from schedules.learnerpage.timetable import Item, Moment, timetable

# Monday 8 March 2027, four weeks: the United States move their clocks on 14 March, the
# European Union on 28 March, so a Berlin session moves twice in New York.
START = "2027-03-08"


def block(**fields: Any) -> dict[str, Any]:
    return {
        "id": 1,
        "title": "Seminar",
        "weeks": [],
        "day": 1,  # Tuesday
        "start_time": "17:00:00",
        "duration_minutes": 90,
        "modality": "live",
        "activity_type": "live_seminar",
        "due_day": None,
        "recorded": False,
        "captions": False,
        "transcript": False,
        "low_bandwidth_alternative": False,
        "outcomes": [],
        **fields,
    }


def snapshot(*blocks: dict[str, Any], start: str | None = START, weeks: int = 4) -> dict:
    return {
        "course": {
            "title": "Statics",
            "code": "ENG 101",
            "weeks": weeks,
            "weekly_hours": 6,
            "timezone": "Europe/Berlin",
            "start_date": start,
            "outcomes": [],
        },
        "blocks": list(blocks) or [block()],
    }


def live_items(viewer_zone: str, data: dict | None = None) -> list[Item]:
    table = timetable(data or snapshot(), viewer_zone)
    return [item for week in table.weeks for item in week.live]


def viewer(item: Item) -> Moment:
    assert item.viewer is not None
    return item.viewer


def course_time(item: Item) -> Moment:
    assert item.course is not None
    return item.course


def test_a_tuesday_1700_berlin_session_is_at_new_york_time_across_both_clock_changes():
    seen = [(viewer(item).day, viewer(item).times) for item in live_items("America/New_York")]
    assert seen == [
        ("Tue 9 Mar", "11:00–12:30"),  # both on winter time: 6 hours apart
        ("Tue 16 Mar", "12:00–13:30"),  # New York on summer time, Berlin not yet: 5 hours
        ("Tue 23 Mar", "12:00–13:30"),
        ("Tue 30 Mar", "11:00–12:30"),  # both on summer time again: 6 hours
    ]


def test_the_same_session_in_tokyo_is_early_on_wednesday_and_an_hour_earlier_after_berlin_changes():
    seen = [(viewer(item).day, viewer(item).times) for item in live_items("Asia/Tokyo")]
    assert seen == [
        ("Wed 10 Mar", "01:00–02:30"),
        ("Wed 17 Mar", "01:00–02:30"),
        ("Wed 24 Mar", "01:00–02:30"),
        ("Wed 31 Mar", "00:00–01:30"),  # Tokyo keeps no summer time; Berlin moved
    ]


@pytest.mark.parametrize("viewer_zone", ["America/New_York", "Asia/Tokyo", "Europe/Berlin"])
def test_the_course_time_alongside_stays_the_timetabled_1700_in_berlin(viewer_zone):
    for item in live_items(viewer_zone):
        assert item.course is not None
        assert (course_time(item).times, course_time(item).zone) == ("17:00–18:30", "Europe/Berlin")
        assert course_time(item).day.startswith("Tue")


def test_the_zone_abbreviations_follow_the_clock_changes():
    assert [viewer(item).abbreviation for item in live_items("America/New_York")] == [
        "EST",
        "EDT",
        "EDT",
        "EDT",
    ]
    assert [course_time(item).abbreviation for item in live_items("Asia/Tokyo")] == [
        "CET",
        "CET",
        "CET",
        "CEST",
    ]


def test_a_learner_is_told_when_their_local_time_for_a_session_moves():
    notes = [item.shift_note for item in live_items("America/New_York")]
    assert notes[0] == notes[2] == ""
    assert notes[1] == (
        "Your time for this session moves from 11:00 to 12:00 this week: the clocks changed "
        "in America/New_York."
    )
    assert notes[3].endswith(
        "moves from 12:00 to 11:00 this week: the clocks changed in Europe/Berlin."
    )
    # In the course's own zone nothing moves.
    assert all(not item.shift_note for item in live_items("Europe/Berlin"))


def test_a_time_the_clocks_skip_is_shown_after_the_jump_with_the_course_dates_note():
    # Sunday 28 March 2027, 02:30 in Berlin does not exist: calendars show 03:30.
    data = snapshot(block(day=6, start_time="02:30:00", weeks=[3], duration_minutes=60))
    (item,) = live_items("Asia/Tokyo", data)
    assert course_time(item).times == "03:30–04:30"
    assert viewer(item).times == "10:30–11:30"  # 01:30 UTC
    assert "does not exist in Europe/Berlin" in item.clock_note


def test_a_live_session_lists_the_self_paced_work_due_by_its_day_as_its_preparation():
    data = snapshot(
        block(),
        block(
            id=2,
            title="Pre-reading",
            modality="self_paced",
            activity_type="reading",
            day=0,
            start_time=None,
            due_day=1,
        ),
        block(
            id=3,
            title="Later quiz",
            modality="self_paced",
            activity_type="quiz",
            day=0,
            start_time=None,
            due_day=3,
        ),
    )
    table = timetable(data, "Asia/Tokyo")
    first = table.weeks[0]
    (seminar,) = first.live
    assert [(prep.title, prep.due) for prep in seminar.preparation] == [
        ("Pre-reading", "Tue 9 Mar")
    ]
    assert [(item.title, item.due, item.day) for item in first.self_paced] == [
        ("Pre-reading", "Tue 9 Mar", "Mon 8 Mar"),
        ("Later quiz", "Thu 11 Mar", "Mon 8 Mar"),
    ]


def test_self_paced_work_due_before_its_own_day_is_due_the_following_week():
    data = snapshot(
        block(
            id=2,
            title="Journal",
            modality="self_paced",
            activity_type="reflection_journal",
            day=4,
            start_time=None,
            due_day=0,
            weeks=[1],
        ),
    )
    (item,) = timetable(data, "Europe/Berlin").weeks[0].self_paced
    assert item.due == "Mon 15 Mar"


def test_recordings_captions_and_transcripts_are_carried_to_the_learners():
    data = snapshot(block(recorded=True, captions=True, transcript=False))
    provisions = live_items("Europe/Berlin", data)[0].provisions
    assert (provisions.recorded, provisions.captions, provisions.transcript) == (True, True, False)
    assert provisions.any


def test_weeks_are_dated_within_the_course_and_skip_days_before_its_start():
    # Starting on Wednesday 10 March: week 1 has no Tuesday session.
    table = timetable(snapshot(start="2027-03-10"), "Europe/Berlin")
    assert table.weeks[0].span == "Wed 10 Mar – Sun 14 Mar 2027"
    assert table.weeks[0].live == []
    assert [week.number for week in table.weeks if week.live] == [2, 3, 4]


def test_without_a_start_date_sessions_are_by_weekday_in_the_course_zone_only():
    table = timetable(snapshot(start=None), "Asia/Tokyo")
    assert not table.dated
    item = table.weeks[0].live[0]
    assert (item.day, item.times, item.viewer, item.course) == (
        "Tuesday",
        "17:00–18:30",
        None,
        None,
    )
