"""The one small-group rule: the survey's results and the pilot's evidence hold back the same
counts (1-4 people), so a group hidden on one page is never shown on the other."""

from datetime import UTC, datetime, timedelta

import pytest

from schedules.pilot_imports import Evidence, PilotAggregate, Record
from schedules.rules.privacy import FEWER_THAN, held_back
from schedules.rules.survey_results import heat_level, shown


def pilot_cell(learners: int) -> int | None:
    """The pilot heatmap's Tuesday 10:00 cell when ``learners`` people were active then."""
    at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    records = [
        Record(
            key=n,
            learner=f"p{n}",
            evidence=Evidence.EVENT,
            activity="Forum",
            at=at + timedelta(minutes=n),
        )
        for n in range(learners)
    ]
    return PilotAggregate("UTC").add_all(records).heatmap()[1][10]


@pytest.mark.parametrize("count", range(8))
def test_the_survey_and_the_pilot_hold_back_the_same_small_groups(count):
    survey_hides = shown(count) == FEWER_THAN
    pilot_hides = pilot_cell(count) is None
    assert survey_hides == pilot_hides == held_back(count)


def test_one_to_four_people_are_held_back_and_none_or_five_are_shown():
    assert [held_back(n) for n in range(7)] == [False, True, True, True, True, False, False]
    assert FEWER_THAN == "fewer than 5"
    assert [shown(n) for n in (0, 4, 5)] == ["0", "fewer than 5", "5"]
    # A held-back heatmap cell still gets the lightest shade, never a share of the total.
    assert heat_level(4, 4) == 1
