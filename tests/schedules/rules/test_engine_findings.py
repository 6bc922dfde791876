"""Impossible or contradictory course descriptions get a finding that says what the engine
did about them and what to correct: never a silent default (issue 18, Bad input)."""

from typing import Any

from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.recommendation import Recommendation
from schedules.rules.spec import load_default_ruleset
from tests.schedules.rules.course_builders import FITS_ROW_ONE, KNOWLEDGE, course_data


def advise(live_hours: float | None = None, **changes: Any) -> Recommendation:
    data = course_data(**changes)
    if live_hours is not None:
        data["live_hours_available"] = live_hours
    return recommend(CourseFacts.model_validate(data), load_default_ruleset())


def test_a_course_with_nothing_contradictory_has_no_findings() -> None:
    assert advise(6, **FITS_ROW_ONE).findings == ()
    assert advise(None, **FITS_ROW_ONE).findings == ()


def test_live_hours_that_cap_the_share_are_said_with_what_the_course_calls_for() -> None:
    # Seed 000's row 1 course with the course form's default of 4 live hours in a 6-hour
    # week: 67%, not 70%, and the instructor is told why and what to change.
    result = advise(4, **FITS_ROW_ONE)

    assert round(result.live_share * 100, 1) == 66.7
    [finding] = result.findings
    assert "4 live teaching hours a week hold live time to 67% of the 6-hour load" in finding
    assert "below the 70% the rest of the description calls for" in finding
    assert "raise the live teaching hours" in finding
    assert "seed 003" in finding


def test_live_hours_that_do_not_bind_are_not_a_finding() -> None:
    assert advise(4, kinds=(KNOWLEDGE, KNOWLEDGE)).findings == ()


def test_zero_live_hours_with_skills_get_one_finding_not_two() -> None:
    [finding] = advise(0, **FITS_ROW_ONE).findings

    assert "no live teaching hours, yet 3 of your 3 outcomes are skills to practise" in finding


def test_zero_live_hours_with_knowledge_outcomes_say_the_share_is_held_to_zero() -> None:
    result = advise(0, kinds=(KNOWLEDGE,))

    assert result.live_share == 0
    [finding] = result.findings
    assert "hold live time to 0% of the 6-hour load" in finding


def test_more_live_hours_than_the_weekly_load_is_a_finding() -> None:
    result = advise(10, **FITS_ROW_ONE)

    assert result.live_share == 0.70
    [finding] = result.findings
    assert "10 live hours a week, more than the 6-hour weekly load" in finding


def test_a_full_time_local_cohort_with_learners_far_away_is_a_finding() -> None:
    result = advise(None, segments=((20, "Europe/London"), (10, "Asia/Tokyo")))

    [finding] = result.findings
    assert "described as full-time and local, yet 10 of 30 learners" in finding
    assert "more than 3 hours from the instructor's clock" in finding


def test_segments_holding_more_learners_than_the_cohort_is_a_finding() -> None:
    data = course_data(segments=((50, "Europe/London"),))
    data["cohort_size"] = 20

    result = recommend(CourseFacts.model_validate(data), load_default_ruleset())

    assert any("hold 50 learners, more than the cohort of 20" in line for line in result.findings)
