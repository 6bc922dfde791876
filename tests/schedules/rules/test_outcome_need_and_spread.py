"""The two model changes that brought the last panel courses into range.

- Outcomes drive the blend (seed 000): a local cohort with a lab makes live time possible,
  not needed, so the learners' and tech columns' pull toward live time is withdrawn in
  proportion to the knowledge outcomes (``factor_sizes.outcome_need_share``).
- The spread of the learners' waking hours applies in full (seed 003, "far-flung time
  zones"), not scaled by how well the course fits a row.
"""

from typing import Any

import pytest

from courses.choices import Bandwidth, BloomLevel, LearnerProfileKind
from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.recommendation import Recommendation
from schedules.rules.spec import RuleSetSpec, load_default_ruleset
from tests.schedules.rules.course_builders import (
    FITS_ROW_ONE,
    FITS_ROW_THREE,
    FITS_ROW_TWO,
    KNOWLEDGE,
    MIXED,
    SKILL,
    course_data,
    course_facts,
)


def rules_with_need(share: float) -> RuleSetSpec:
    data: dict[str, Any] = load_default_ruleset().model_dump(mode="json")
    data["factor_sizes"]["outcome_need_share"] = share
    return RuleSetSpec.model_validate(data)


def advise(rules: RuleSetSpec | None = None, **changes: Any) -> Recommendation:
    return recommend(course_facts(**changes), rules or load_default_ruleset())


# A local, full-time cohort with reliable bandwidth and a lab (row 1's learners and tech),
# learning knowledge only: row 1's conditions for live time, none of its reasons.
FOUNDATIONS: dict[str, Any] = {"kinds": (KNOWLEDGE, KNOWLEDGE, KNOWLEDGE)}


def test_knowledge_outcomes_withdraw_the_live_pull_of_a_local_cohort_with_a_lab() -> None:
    result = advise(**FOUNDATIONS)
    without = advise(rules_with_need(0), **FOUNDATIONS)
    factors = dict(result.factor_points)

    assert result.live_share < without.live_share
    # all of the learners' and tech columns' pull toward live time is withdrawn
    assert factors["outcome_need"] == pytest.approx(
        -(factors["learners"] + factors["tech"]), abs=0.1
    )
    assert result.live_share < 0.5
    sentence = {factor.name: factor for factor in result.factors}["outcome_need"].sentence
    assert "3 of your 3 outcomes are knowledge" in sentence
    assert "should drive the blend" in sentence


def test_half_knowledge_outcomes_withdraw_half_the_pull_and_an_admin_can_halve_it() -> None:
    half: dict[str, Any] = {"kinds": (KNOWLEDGE, SKILL)}
    learners_and_tech = sum(
        points for name, points in advise(**half).factor_points if name in ("learners", "tech")
    )

    assert dict(advise(**half).factor_points)["outcome_need"] == pytest.approx(
        -learners_and_tech / 2, abs=0.1
    )
    assert dict(advise(rules_with_need(0.5), **half).factor_points)[
        "outcome_need"
    ] == pytest.approx(-learners_and_tech / 4, abs=0.1)


def test_skill_outcomes_and_pulls_toward_self_paced_time_are_left_as_the_matrix_says() -> None:
    assert "outcome_need" not in dict(advise(kinds=(SKILL, SKILL)).factor_points)
    # Distributed learners on variable bandwidth pull toward self-paced time: nothing to withdraw.
    distributed = advise(
        kinds=(KNOWLEDGE, SKILL),
        profile=LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
        bandwidth=Bandwidth.VARIABLE,
        lab_access=False,
    )
    assert "outcome_need" not in dict(distributed.factor_points)


@pytest.mark.parametrize(
    ("row", "share"), [(FITS_ROW_ONE, 0.70), (FITS_ROW_TWO, 0.30), (FITS_ROW_THREE, 0.50)]
)
def test_the_seed_rows_still_reproduce_exactly(row: dict[str, Any], share: float) -> None:
    result = advise(**row)

    assert result.live_share == share
    assert "outcome_need" not in dict(result.factor_points)
    assert "spread" not in dict(result.factor_points)


FAR_FLUNG = ((10, "America/Los_Angeles"), (10, "Europe/London"), (10, "Asia/Singapore"))


def test_a_course_fitting_row_two_fully_keeps_thirty_percent_however_far_flung() -> None:
    # Row 2's "time zones" prices the spread in where row 2 speaks for the tech column.
    result = advise(**FITS_ROW_TWO | {"segments": FAR_FLUNG})

    assert result.live_share == 0.30
    assert "spread" not in dict(result.factor_points)


def test_far_flung_learners_lower_a_course_whose_tech_column_no_time_zone_row_speaks_for() -> None:
    # A seminar across three continents with reliable bandwidth and an LMS: row 3's
    # "moderate tech, LMS present" takes over the tech column, so row 2's "time zones"
    # prices in little of the spread (seed 003, "far-flung time zones").
    seminar: dict[str, Any] = {
        "kinds": (MIXED, MIXED, KNOWLEDGE),
        "profile": LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
        "lab_access": False,
        "lms": True,
        "segments": FAR_FLUNG,
    }
    result = advise(**seminar)
    factors = {factor.name: factor for factor in result.factors}
    rules = load_default_ruleset()
    in_full = rules.factor_sizes.spread_points * (1 - (2 / 3) / 0.8)  # reach 2 of 3 groups

    assert -in_full <= factors["spread"].points < -0.8 * in_full
    assert "far-flung time zones" in factors["spread"].sentence
    assert (
        "because a matrix row naming time zones already allows for the rest"
        in factors["spread"].sentence
    )
    assert result.nearest_sample_week.letter == "C"


def test_learners_moving_farther_away_never_lessen_the_low_bandwidth_factor() -> None:
    # The counter-example hypothesis found: one learner on low bandwidth moved from Paris
    # (local to Dubai) to UTC (not local) made row 2's "time zones" fit, which once shrank
    # the low-bandwidth factor by more than the tech column fell (44.2% -> 45.0%).
    def share_with(zone: str) -> float:
        data = course_data(
            kinds=(KNOWLEDGE,),
            profile=LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
            lab_access=False,
            segments=((1, zone),),
            instructor_timezone="Asia/Dubai",
            start_date=None,
        )
        data["learners"]["segments"][0]["bandwidth"] = "low"
        return recommend(CourseFacts.model_validate(data), load_default_ruleset()).live_share

    assert share_with("UTC") <= share_with("Europe/Paris")


def test_a_declared_cohort_bandwidth_nearer_row_two_never_lessens_the_low_bandwidth_factor() -> (
    None
):
    def low_factor(bandwidth: Bandwidth) -> float:
        data = course_data(
            kinds=(KNOWLEDGE,),
            profile=LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
            bandwidth=bandwidth,
            lab_access=False,
            lms=True,
        )
        data["learners"]["segments"][0]["bandwidth"] = "low"
        result = recommend(CourseFacts.model_validate(data), load_default_ruleset())
        return dict(result.factor_points).get("low_bandwidth", 0.0)

    assert low_factor(Bandwidth.VARIABLE) == low_factor(Bandwidth.RELIABLE) < 0


def test_knowledge_outcomes_neither_add_to_nor_dilute_the_bloom_factor() -> None:
    # A skill only to remember (seed 003: Gagné's events 1-4, self-paced) pulls fully; a
    # knowledge outcome beside it is left to the matrix and must not halve that pull.
    alone = advise(kinds=(SKILL,), blooms=(BloomLevel.REMEMBER,))
    with_knowledge = advise(kinds=(SKILL, KNOWLEDGE), blooms=(BloomLevel.REMEMBER,) * 2)

    assert dict(alone.factor_points)["bloom"] == dict(with_knowledge.factor_points)["bloom"]
    assert with_knowledge.live_share <= alone.live_share
