"""Suggesting which block an imported activity or meeting is: plain Python, no database."""

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.pilot.mapping import (
    TITLE_THRESHOLD,
    ActivityFacts,
    PlanBlock,
    normalise,
    suggest,
    suggest_all,
    title_likeness,
)

LIVE_TUESDAY = PlanBlock(id=1, title="Weekly check-in", live=True, day=1, start=17 * 60)
LIVE_THURSDAY = PlanBlock(id=2, title="Lab clinic", live=True, day=3, start=17 * 60)
READING = PlanBlock(id=3, title="Week 2 check", live=False, day=0)
BLOCKS = [LIVE_TUESDAY, LIVE_THURSDAY, READING]


def meeting(title, weekday, hour, minute=0):
    return ActivityFacts(
        id=9, title=title, meeting=True, weekday=weekday, minute=hour * 60 + minute
    )


def test_a_meeting_on_tuesday_just_before_17_00_is_the_tuesday_17_00_live_block():
    suggestion = suggest(meeting("Zoom 812 3456 7890", 1, 16, 58), BLOCKS)
    assert suggestion.block_id == LIVE_TUESDAY.id
    assert suggestion.reason == "Started Tuesday 16:58: the live block at 17:00."


def test_a_meeting_at_the_right_time_on_another_day_is_not_that_block():
    assert suggest(meeting("Zoom 812 3456 7890", 2, 17), BLOCKS).block_id is None


def test_a_meeting_more_than_half_an_hour_off_is_matched_by_title_only():
    assert suggest(meeting("Lab clinic", 1, 18, 0), BLOCKS).block_id == LIVE_THURSDAY.id


def test_two_live_blocks_at_the_same_time_are_told_apart_by_title():
    other = PlanBlock(id=4, title="Lab clinic B", live=True, day=1, start=17 * 60 + 10)
    assert suggest(meeting("Lab clinic (group B)", 1, 17), [*BLOCKS, other]).block_id == 4


def test_a_moodle_activity_is_matched_by_its_title_without_the_module_prefix():
    activity = ActivityFacts(id=5, title="Quiz: Week 2 check")
    assert normalise(activity.title) == "week 2 check"
    suggestion = suggest(activity, BLOCKS)
    assert suggestion.block_id == READING.id
    assert suggestion.reason == "Title like “Week 2 check”."


def test_titles_that_differ_only_in_case_and_accents_match():
    activity = ActivityFacts(id=6, title="WEEKLY CHECK-ÍN")
    assert suggest(activity, BLOCKS).block_id == LIVE_TUESDAY.id


def test_an_activity_like_no_block_gets_no_suggestion():
    suggestion = suggest(ActivityFacts(id=7, title="Forum: Introduce yourself"), BLOCKS)
    assert suggestion.block_id is None
    assert suggestion.reason == "No block has a title like it."


def test_an_event_is_never_placed_by_time_only_a_meeting_is():
    events = ActivityFacts(id=8, title="Course viewed", meeting=False, weekday=1, minute=17 * 60)
    assert suggest(events, BLOCKS).block_id is None


# ----- many activities over many blocks: the same answer as comparing every pair -----------

WORDS = st.sampled_from(
    [
        "Week",
        "1",
        "2",
        "12",
        "reading",
        "Reading",
        "Quiz:",
        "quiz",
        "lab",
        "clinic",
        "check-in",
        "Séminaire",
        "seminar",
        "B",
        "—",
        "(group",
        "B)",
        "Forum:",
        "intro",
        "readings",
    ]
)
TITLES = st.one_of(st.lists(WORDS, max_size=5).map(" ".join), st.text(max_size=24))


def most_alike(activity, blocks):
    """The rule as written: the block whose title is most alike (at least the threshold),
    the lowest id of equals; each pair compared in full."""
    scored = [(title_likeness(activity.title, block.title), -block.id) for block in blocks]
    alike = [row for row in scored if row[0] >= TITLE_THRESHOLD]
    return -max(alike)[1] if alike else None


@settings(max_examples=300, deadline=None)
@given(st.lists(TITLES, max_size=14), st.lists(TITLES, min_size=1, max_size=8))
def test_many_activities_get_the_most_alike_block_as_pair_by_pair(block_titles, titles):
    blocks = [
        PlanBlock(id=number, title=title, live=False, day=0)
        for number, title in enumerate(block_titles, start=1)
    ]
    activities = [
        ActivityFacts(id=number, title=title) for number, title in enumerate(titles, start=100)
    ]
    suggestions = suggest_all(activities, blocks)
    for activity in activities:
        assert suggestions[activity.id].block_id == most_alike(activity, blocks), activity.title
