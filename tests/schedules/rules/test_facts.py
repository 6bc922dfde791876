"""Course facts: the ``recommend`` command's JSON, validated with messages people can act on."""

import json
from copy import deepcopy
from datetime import date

import pytest
from pydantic import ValidationError

from courses.choices import Bandwidth, Discipline, LearnerProfileKind
from schedules.rules.facts import CourseFacts, format_validation_errors
from tests.schedules.rules.course_builders import course_data

THE_BRIEFS_EXAMPLE = """
{"discipline": "stem", "weekly_hours": 6, "weeks": 12, "cohort_size": 30,
 "context": "university", "start_date": "2027-01-11", "instructor_timezone": "Europe/London",
 "outcomes": [{"text": "Debug a failing circuit", "bloom": "apply",
               "kind": "interactive_skill_mastery"}],
 "learners": {"profile": "full_time_local", "bandwidth": "reliable", "lab_access": true,
              "lms": true, "devices": ["laptop"], "accessibility": [],
              "segments": [{"count": 30, "timezone": "Europe/London", "name": "Campus"}]}}
"""


def messages(data: dict) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        CourseFacts.model_validate(data)
    return format_validation_errors(caught.value)


def test_the_recommend_commands_json_is_accepted_as_is():
    facts = CourseFacts.model_validate_json(THE_BRIEFS_EXAMPLE)

    assert facts.discipline == Discipline.STEM
    assert facts.start_date == date(2027, 1, 11)
    assert facts.learners.profile == LearnerProfileKind.FULL_TIME_LOCAL
    assert facts.learners.segments[0].name == "Campus"


def test_context_start_date_instructor_zone_devices_and_accessibility_are_optional():
    data = course_data()
    for key in ("context", "start_date", "instructor_timezone"):
        del data[key]
    del data["learners"]["devices"], data["learners"]["accessibility"]
    del data["learners"]["segments"][0]["name"]

    facts = CourseFacts.model_validate(data)

    assert facts.context is None
    assert facts.start_date is None
    assert facts.instructor_timezone is None
    assert facts.learners.devices == ()
    assert facts.learners.segments[0].name is None


def test_facts_are_frozen():
    facts = CourseFacts.model_validate(course_data())

    with pytest.raises(ValidationError):
        facts.weeks = 3  # type: ignore[misc]


def test_an_unknown_time_zone_is_named_with_the_path_to_it():
    data = course_data(segments=((20, "Europe/London"), (10, "Mars/Base")))

    assert messages(data) == [
        "learners.segments[1].timezone: 'Mars/Base' is not a known IANA time zone (write it "
        "like 'Europe/London' or 'America/New_York')"
    ]


@pytest.mark.parametrize("zone", ["europe/london", "", "../etc/passwd", "Europe", "GMT+25"])
def test_malformed_time_zones_are_refused_for_the_instructor_too(zone):
    data = course_data(instructor_timezone=zone)

    [message] = messages(data)

    assert message.startswith(f"instructor_timezone: {zone!r} is not a known IANA time zone")


def test_an_unknown_discipline_lists_the_allowed_values():
    data = course_data(discipline="alchemy")

    assert messages(data) == [
        "discipline: 'alchemy' is not one of the allowed values: "
        "stem, humanities, vocational, business, other"
    ]


def test_an_unknown_bandwidth_lists_the_allowed_values():
    data = course_data()
    data["learners"]["bandwidth"] = "fibre"

    assert messages(data) == [
        "learners.bandwidth: 'fibre' is not one of the allowed values: reliable, variable, low"
    ]


def test_every_problem_gets_its_own_sentence():
    data = course_data()
    data["weekly_hours"] = 0
    data["weeks"] = 53
    data["learners"]["segments"][0]["count"] = -1
    data["outcomes"][0]["bloom"] = "memorise"
    del data["learners"]["lms"]

    assert messages(data) == [
        "weekly_hours: must be greater than 0 (got 0)",
        "weeks: must be at most 52 (got 53)",
        "outcomes[0].bloom: 'memorise' is not one of the allowed values: "
        "remember, understand, apply, analyze, evaluate, create",
        "learners.lms: is required",
        "learners.segments[0].count: must be at least 0 (got -1)",
    ]


def test_a_course_needs_an_outcome_and_a_segment():
    data = course_data()
    data["outcomes"] = []
    data["learners"]["segments"] = []

    assert messages(data) == [
        "outcomes: add at least one learning outcome",
        "learners.segments: add at least one segment of learners",
    ]


def test_segments_that_are_all_empty_are_refused():
    data = course_data(segments=((0, "Europe/London"), (0, "Asia/Tokyo")))

    assert messages(data) == [
        "learners.segments: at least one segment needs a learner (all counts are 0)"
    ]


def test_a_misspelt_field_is_reported_rather_than_ignored():
    data = course_data()
    data["learners"]["bandwith"] = Bandwidth.LOW.value

    assert messages(data) == ["learners.bandwith: is not a field this accepts (check the spelling)"]


def test_a_date_must_be_written_as_iso():
    data = course_data(start_date="11/01/2027")

    [message] = messages(data)

    assert message.startswith("start_date: must be a date written like 2027-01-11")


def test_malformed_json_is_one_readable_sentence():
    with pytest.raises(ValidationError) as caught:
        CourseFacts.model_validate_json('{"discipline": "stem",')

    [message] = format_validation_errors(caught.value)
    assert message.startswith("(the whole document): is not valid JSON")


def test_facts_round_trip_through_json():
    facts = CourseFacts.model_validate(course_data())

    again = CourseFacts.model_validate_json(facts.model_dump_json())

    assert again == facts
    assert json.loads(facts.model_dump_json())["learners"]["profile"] == "full_time_local"


def test_validation_does_not_change_the_input():
    data = course_data()
    original = deepcopy(data)

    CourseFacts.model_validate(data)

    assert data == original
