"""Properties of the engine with the default rule set, over generated courses."""

from datetime import date
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from courses.choices import Bandwidth, BloomLevel, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.course_profile import zone_distance_hours
from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.recommendation import Recommendation
from schedules.rules.spec import load_default_ruleset
from schedules.rules.timezones.offsets import REFERENCE_DATE
from tests.schedules.rules.course_builders import SKILL, course_data

ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Moscow",
    "Africa/Lagos",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Honolulu",
    "America/Los_Angeles",
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
]
START_DATES = [None, "2027-01-11", "2027-03-29", "2027-07-05", "2027-10-04"]
WORSE_BANDWIDTH = [
    (Bandwidth.RELIABLE, Bandwidth.VARIABLE),
    (Bandwidth.RELIABLE, Bandwidth.LOW),
    (Bandwidth.VARIABLE, Bandwidth.LOW),
]

segments = st.lists(
    st.tuples(st.integers(min_value=0, max_value=60), st.sampled_from(ZONES)),
    min_size=1,
    max_size=5,
).filter(lambda drawn: any(count for count, _ in drawn))


@st.composite
def courses(draw: st.DrawFn, *, with_instructor_zone: bool = False) -> dict[str, Any]:
    """Return any valid course, as the ``recommend`` command's JSON."""
    kinds = draw(st.lists(st.sampled_from(list(ObjectiveKind)), min_size=1, max_size=12))
    blooms = draw(st.lists(st.sampled_from(list(BloomLevel)), max_size=len(kinds)))
    instructor = st.sampled_from(ZONES)
    return course_data(
        kinds=kinds,
        blooms=blooms,
        discipline=draw(st.sampled_from(list(Discipline))).value,
        profile=draw(st.sampled_from(list(LearnerProfileKind))),
        bandwidth=draw(st.sampled_from(list(Bandwidth))),
        lab_access=draw(st.booleans()),
        lms=draw(st.booleans()),
        segments=draw(segments),
        instructor_timezone=draw(instructor if with_instructor_zone else instructor | st.none()),
        start_date=draw(st.sampled_from(START_DATES)),
    )


def share_of(data: dict[str, Any]) -> float:
    return advise(data).live_share


def advise(data: dict[str, Any]) -> Recommendation:
    return recommend(CourseFacts.model_validate(data), load_default_ruleset())


def distance(zone: str, data: dict[str, Any]) -> float:
    """Return how far ``zone``'s clock is from the instructor's on the course's date."""
    on = date.fromisoformat(data["start_date"]) if data["start_date"] else REFERENCE_DATE
    return zone_distance_hours(zone, data["instructor_timezone"], on)


@settings(deadline=None)
@given(courses())
def test_the_share_stays_between_zero_and_one_inside_its_tolerance_band(data):
    result = advise(data)

    assert 0 <= result.tolerance.low <= result.live_share <= result.tolerance.high <= 1


@settings(deadline=None)
@given(courses())
def test_the_factors_always_add_up_exactly_to_the_share(data):
    result = advise(data)

    explained = round(result.baseline * 1000) + sum(
        round(points * 10) for _, points in result.factor_points
    )
    assert explained == round(result.live_share * 1000)


@settings(deadline=None)
@given(courses())
def test_adding_an_interactive_skill_outcome_never_lowers_the_live_share(data):
    more_skills = dict(
        data, outcomes=[*data["outcomes"], {"text": "Practise", "bloom": "apply", "kind": SKILL}]
    )

    assert share_of(more_skills) >= share_of(data)


@settings(deadline=None)
@given(courses(), st.sampled_from(WORSE_BANDWIDTH))
def test_making_bandwidth_worse_never_raises_the_live_share(data, change):
    better, worse = change
    data["learners"]["bandwidth"] = better.value
    with_worse = dict(data, learners=dict(data["learners"], bandwidth=worse.value))

    assert share_of(with_worse) <= share_of(data)


@settings(deadline=None)
@given(courses(with_instructor_zone=True), st.data())
def test_moving_learners_to_a_farther_time_zone_never_raises_the_live_share(data, draw):
    segments = data["learners"]["segments"]
    index = draw.draw(st.integers(min_value=0, max_value=len(segments) - 1))
    farther = draw.draw(st.sampled_from(ZONES))
    assume(distance(farther, data) >= distance(segments[index]["timezone"], data))
    moved = [dict(segment) for segment in segments]
    moved[index]["timezone"] = farther

    assert share_of(dict(data, learners=dict(data["learners"], segments=moved))) <= share_of(data)


@settings(deadline=None)
@given(courses(with_instructor_zone=True), st.data())
def test_splitting_learners_off_into_a_farther_time_zone_never_raises_the_live_share(data, draw):
    segments = data["learners"]["segments"]
    index = draw.draw(st.integers(min_value=0, max_value=len(segments) - 1))
    leaving = draw.draw(st.integers(min_value=0, max_value=segments[index]["count"]))
    farther = draw.draw(st.sampled_from(ZONES))
    assume(distance(farther, data) >= distance(segments[index]["timezone"], data))
    spread = [dict(segment) for segment in segments]
    spread[index]["count"] -= leaving
    spread.append({"count": leaving, "timezone": farther, "name": "Moved away"})

    assert share_of(dict(data, learners=dict(data["learners"], segments=spread))) <= share_of(data)


@settings(deadline=None)
@given(
    discipline=st.sampled_from(list(Discipline)),
    outcomes=st.integers(min_value=1, max_value=10),
    start_date=st.sampled_from(START_DATES),
    far_away=st.sampled_from(["Asia/Tokyo", "America/Los_Angeles", "Australia/Sydney"]),
    bandwidth=st.sampled_from([Bandwidth.VARIABLE, Bandwidth.LOW]),
)
def test_a_course_that_fits_row_two_fully_gets_thirty_percent_whatever_else_varies(
    discipline, outcomes, start_date, far_away, bandwidth
):
    data = course_data(
        kinds=[ObjectiveKind.KNOWLEDGE_ACQUISITION] * outcomes,
        discipline=discipline.value,
        profile=LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
        bandwidth=bandwidth,
        lab_access=False,
        segments=((10, "Europe/London"), (10, far_away)),
        start_date=start_date,
    )

    assert share_of(data) == 0.30
