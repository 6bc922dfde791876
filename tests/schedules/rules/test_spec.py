"""The rule set admins edit: the default reproduces seed 000, and bad edits are refused with
one message per problem."""

import json
from typing import Any

import pytest
from pydantic import ValidationError

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.spec import (
    FACTOR_SIZE_NUMBERS,
    THRESHOLD_NUMBERS,
    RuleSetSpec,
    load_default_ruleset,
)
from schedules.rules.validation_messages import format_validation_errors


def default_data() -> dict[str, Any]:
    return load_default_ruleset().model_dump(mode="json")


def messages(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        RuleSetSpec.model_validate(data)
    return format_validation_errors(caught.value)


def test_the_default_rule_set_reproduces_seed_000s_decision_matrix():
    rows = load_default_ruleset().matrix

    assert [
        (row.priority, row.learner_profile, row.live_share, set(row.tech.bandwidths))
        for row in rows
    ] == [
        (
            ObjectiveKind.INTERACTIVE_SKILL_MASTERY,
            LearnerProfileKind.FULL_TIME_LOCAL,
            70,
            {Bandwidth.RELIABLE},
        ),
        (
            ObjectiveKind.KNOWLEDGE_ACQUISITION,
            LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
            30,
            {Bandwidth.VARIABLE, Bandwidth.LOW},
        ),
        (
            ObjectiveKind.MIXED,
            LearnerProfileKind.HYBRID,
            50,
            {Bandwidth.RELIABLE, Bandwidth.VARIABLE},
        ),
    ]
    assert rows[0].tech.lab_access is True
    assert rows[1].tech.multiple_timezones is True
    assert (rows[2].tech.lms, rows[2].tech.lab_access) == (True, False)


def test_every_number_in_the_default_rule_set_says_where_it_comes_from():
    spec = load_default_ruleset()

    assert all(row.source.startswith("seed 000, decision matrix row") for row in spec.matrix)
    assert all("seed" in lean.source.lower() for lean in spec.discipline_adjustments.values())
    assert "seed 000" in spec.baseline_source
    assert "seed 000" in spec.column_weights.source
    assert "seed 000" in spec.tolerance.source
    assert "seed 004" in spec.thresholds.monotony.source
    assert set(spec.thresholds.notes) == {number.name for number in THRESHOLD_NUMBERS}
    assert "seed 003" in spec.thresholds.notes["co_facilitator_group_size"]
    assert set(spec.factor_sizes.notes) == {number.name for number in FACTOR_SIZE_NUMBERS}


def test_the_numbers_notes_may_cite_are_the_plain_numbers_of_each_section():
    assert [number.name for number in FACTOR_SIZE_NUMBERS] == [
        "low_bandwidth_points",
        "large_cohort_points",
        "small_cohort_points",
        "spread_points",
        "mobile_points",
        "bloom_points",
        "open_context_points",
        "outcome_need_share",
    ]
    assert {"mobile_only_share", "shared_hour_reach", "min_live_share", "max_live_share"} <= {
        number.name for number in THRESHOLD_NUMBERS
    }
    # Every number the settings form edits has a label and help text or a note.
    for number in (*FACTOR_SIZE_NUMBERS, *THRESHOLD_NUMBERS):
        assert number.label != number.name
    # The monotony limits are a section of their own, and notes are not numbers.
    assert not {"monotony", "notes"} & {number.name for number in THRESHOLD_NUMBERS}


def test_the_default_thresholds_are_the_ones_the_checks_expect():
    thresholds = load_default_ruleset().thresholds

    assert thresholds.co_facilitator_group_size == 20
    assert (thresholds.waking_hours_start, thresholds.waking_hours_end) == (8, 21)
    assert thresholds.far_timezone_hours == 8
    assert load_default_ruleset().tolerance.points == 10


def test_every_discipline_has_guidance_and_the_seeds_three_have_advice():
    adjustments = load_default_ruleset().discipline_adjustments

    assert set(adjustments) == set(Discipline)
    for discipline in (Discipline.STEM, Discipline.HUMANITIES, Discipline.VOCATIONAL):
        assert adjustments[discipline].advice


def test_the_default_rule_set_is_read_from_the_package_and_cached():
    assert load_default_ruleset() is load_default_ruleset()


def test_a_rule_set_survives_a_round_trip_through_json():
    spec = load_default_ruleset()

    assert RuleSetSpec.model_validate_json(spec.model_dump_json()) == spec


def test_a_share_of_120_percent_is_refused():
    data = default_data()
    data["matrix"][0]["live_share"] = 120

    assert messages(data) == ["matrix[0].live_share: must be at most 100 (got 120)"]


def test_an_unknown_learner_profile_lists_the_allowed_ones():
    data = default_data()
    data["matrix"][1]["learner_profile"] = "night_owls"

    assert messages(data) == [
        "matrix[1].learner_profile: 'night_owls' is not one of the allowed values: "
        "full_time_local, distributed_professionals, hybrid"
    ]


def test_a_duplicate_row_is_refused_naming_the_row_it_repeats():
    data = default_data()
    copy = dict(data["matrix"][0], id="skills-again", live_share=60)
    copy["tech"] = dict(copy["tech"], bandwidths=["reliable"])
    data["matrix"].append(copy)

    assert messages(data) == [
        "matrix[3]: same priority, learner profile and tech conditions as matrix[0] "
        "('skills-full-time-local'); remove one or change its conditions"
    ]


def test_bandwidth_order_does_not_make_a_row_different():
    data = default_data()
    copy = dict(data["matrix"][2], id="mixed-again")
    copy["tech"] = dict(copy["tech"], bandwidths=["variable", "reliable"])
    data["matrix"].append(copy)

    [message] = messages(data)

    assert message.startswith("matrix[3]: same priority, learner profile and tech conditions")


def test_all_cross_field_problems_are_reported_at_once():
    data = default_data()
    data["matrix"].append(dict(data["matrix"][1]))
    data["matrix"][2]["id"] = data["matrix"][0]["id"]
    del data["discipline_adjustments"]["business"], data["discipline_adjustments"]["other"]

    assert messages(data) == [
        "matrix[2].id: 'skills-full-time-local' is already the id of matrix[0]; ids must be unique",
        "matrix[3].id: 'knowledge-distributed-professionals' is already the id of matrix[1]; "
        "ids must be unique",
        "matrix[3]: same priority, learner profile and tech conditions as matrix[1] "
        "('knowledge-distributed-professionals'); remove one or change its conditions",
        "discipline_adjustments: every discipline needs an entry (points 0 and empty advice if "
        "it has no lean); missing: business, other",
    ]


def test_column_weights_must_be_positive():
    data = default_data()
    data["column_weights"]["priority"] = 0
    data["column_weights"]["tech"] = -1

    assert messages(data) == [
        "column_weights.priority: must be greater than 0 (got 0)",
        "column_weights.tech: must be greater than 0 (got -1)",
    ]


def test_column_weights_need_not_add_up_to_one():
    data = default_data()
    data["column_weights"].update(priority=2, learners=1, tech=1)

    assert RuleSetSpec.model_validate(data).column_weights.priority == 2


def test_waking_hours_must_end_after_they_start_and_far_must_be_beyond_local():
    data = default_data()
    data["thresholds"].update(waking_hours_start=21, waking_hours_end=8)
    data["thresholds"].update(local_timezone_hours=9, far_timezone_hours=8)

    assert messages(data) == [
        "thresholds.waking_hours_end: waking hours must end after they start (they start at "
        "21 and end at 8)",
        "thresholds.far_timezone_hours: must be more than local_timezone_hours (9): a far "
        "learner cannot also count as local",
    ]


def test_an_activity_listed_both_live_and_self_paced_is_refused():
    data = default_data()
    data["discipline_adjustments"]["stem"]["self_paced_activities"].append("live_lab")

    assert messages(data) == [
        "discipline_adjustments.stem.self_paced_activities[2]: 'live_lab' is listed as live "
        "too; an activity goes in one list"
    ]


def test_a_version_1_rule_set_still_loads_with_defaults_for_what_it_lacks():
    data = default_data()
    del data["spec_version"]
    for entry in data["discipline_adjustments"].values():
        entry["points"] = 5
        entry.pop("live_activities", None)
        entry.pop("self_paced_activities", None)
    for name in ("large_cohort_points", "spread_points", "mobile_points", "bloom_points"):
        del data["factor_sizes"][name]
    data["factor_sizes"]["far_learners_points"] = 10
    data["factor_sizes"]["notes"]["far_learners_points"] = "An old note."
    for name in ("shared_hour_reach", "min_live_share", "max_live_share", "large_cohort_size"):
        del data["thresholds"][name]
        data["thresholds"]["notes"].pop(name, None)

    spec = RuleSetSpec.model_validate(data)

    assert spec.spec_version == 2
    assert spec.factor_sizes.large_cohort_points == 30
    assert (spec.thresholds.min_live_share, spec.thresholds.max_live_share) == (0, 90)
    assert spec.discipline_adjustments[Discipline.STEM].live_activities == ()
    assert "far_learners_points" not in spec.factor_sizes.notes


def test_cohort_sizes_must_grow_and_the_bounds_must_not_cross():
    data = default_data()
    data["thresholds"].update(neutral_cohort_size=5000, min_live_share=60, max_live_share=40)

    assert messages(data) == [
        "thresholds.neutral_cohort_size: cohort sizes must grow: small (15) < ordinary (5000) "
        "< large (2000)",
        "thresholds.max_live_share: the highest live share (40%) is below the lowest (60%)",
    ]


def test_an_unknown_discipline_is_refused():
    data = default_data()
    data["discipline_adjustments"]["astrology"] = data["discipline_adjustments"]["other"]

    assert messages(data) == [
        "discipline_adjustments.astrology: 'astrology' is not one of the allowed values: "
        "stem, humanities, vocational, business, other"
    ]


def test_a_row_id_must_be_a_slug():
    data = default_data()
    data["matrix"][0]["id"] = "Skills Row"

    assert messages(data) == [
        "matrix[0].id: 'Skills Row' is not a valid id: use lowercase letters, digits and "
        "single hyphens, e.g. 'skills-full-time-local'"
    ]


def test_a_bandwidth_listed_twice_is_refused():
    data = default_data()
    data["matrix"][0]["tech"]["bandwidths"] = ["reliable", "reliable"]

    assert messages(data) == ["matrix[0].tech.bandwidths[1]: 'reliable' is listed twice"]


def test_a_note_must_name_a_field_of_its_section():
    data = default_data()
    data["thresholds"]["notes"]["group_size"] = "a typo"

    [message] = messages(data)

    assert message.startswith(
        "thresholds.notes.group_size: 'group_size' is not a field of this section"
    )


def test_a_rule_set_needs_a_row():
    data = default_data()
    data["matrix"] = []

    assert messages(data) == ["matrix: add at least one row"]


def test_malformed_json_is_refused_with_one_sentence():
    text = json.dumps(default_data())[:-2]

    with pytest.raises(ValidationError) as caught:
        RuleSetSpec.model_validate_json(text)

    [message] = format_validation_errors(caught.value)
    assert message.startswith("(the whole document): is not valid JSON")


def test_an_unknown_field_is_reported_rather_than_ignored():
    data = default_data()
    data["tolerence"] = {"points": 5, "source": "typo"}

    assert messages(data) == ["tolerence: is not a field this accepts (check the spelling)"]


def test_monotony_must_grow_more_serious_with_the_share():
    data = default_data()
    data["thresholds"]["monotony_warning_share"] = 0.96  # above the problem share (0.95)

    [message] = messages(data)
    assert "monotony_warning_share" in message
    assert "must grow more serious with the share" in message


def test_a_rule_set_saved_before_the_monotony_severities_existed_is_still_valid():
    data = default_data()
    del data["thresholds"]["monotony_warning_share"]
    del data["thresholds"]["monotony_problem_share"]
    del data["thresholds"]["notes"]["monotony_warning_share"]
    del data["thresholds"]["notes"]["monotony_problem_share"]

    thresholds = RuleSetSpec.model_validate(data).thresholds
    assert (thresholds.monotony_warning_share, thresholds.monotony_problem_share) == (0.75, 0.95)


def test_a_rule_set_saved_before_the_outcome_need_share_existed_withdraws_the_pull_in_full():
    data = default_data()
    del data["factor_sizes"]["outcome_need_share"]
    del data["factor_sizes"]["notes"]["outcome_need_share"]

    assert RuleSetSpec.model_validate(data).factor_sizes.outcome_need_share == 1


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_an_outcome_need_share_outside_zero_to_one_is_refused(value):
    data = default_data()
    data["factor_sizes"]["outcome_need_share"] = value

    assert any("outcome_need_share" in message for message in messages(data))
