"""The checks' facts come from the stored course, with the published rules' thresholds."""

from datetime import date, time

import pytest

from courses.models import Course
from schedules.editor.selectors import blend_facts
from schedules.rules.checks import run_checks
from schedules.rulesets.selectors import validate_spec
from schedules.rulesets.services import ruleset_draft_save, ruleset_draft_start, ruleset_publish
from tests.factories import ActivityBlockFactory, CourseFactory, LearnerSegmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_published_threshold_changes_what_the_checks_flag():
    course = CourseFactory(cohort_size=30)
    LearnerSegmentFactory(profile__course=course, head_count=30)
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Seminar")
    assert "large-live-group" in {f.check for f in run_checks(blend_facts(course))}

    admin = UserFactory(rule_admin=True)
    draft = ruleset_draft_start(by=admin)
    spec = dict(draft.spec)
    spec["thresholds"] = {**spec["thresholds"], "co_facilitator_group_size": 40}
    ruleset_draft_save(draft=draft, spec=validate_spec(spec))
    ruleset_publish(draft=draft, by=admin, note="Bigger seminars are fine here")

    assert "large-live-group" not in {f.check for f in run_checks(blend_facts(course))}


def test_segments_and_outcomes_served_come_from_the_database():
    course = CourseFactory(timezone="Europe/London")
    LearnerSegmentFactory(profile__course=course, timezone="Pacific/Auckland", head_count=12)
    block = ActivityBlockFactory(schedule=course.schedule)
    facts = blend_facts(course)
    assert [(s.timezone, s.head_count) for s in facts.segments] == [("Pacific/Auckland", 12)]
    assert [b.id for b in facts.blocks] == [block.pk]


def test_the_checks_thresholds_match_the_shipped_rule_set():
    from schedules.rules.checks import CheckThresholds
    from schedules.rules.spec import load_default_ruleset
    from schedules.rulesets.selectors import thresholds_of

    assert thresholds_of(load_default_ruleset()) == CheckThresholds()


def test_a_session_the_clocks_skip_is_flagged_only_on_a_dated_course():
    course = CourseFactory(weeks=3, start_date=date(2027, 3, 1), timezone="America/New_York")
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Night lab", day=6, start_time=time(2, 30)
    )
    [finding] = [f for f in run_checks(blend_facts(course)) if f.check == "live-time-clock-change"]
    assert "Sunday 14 March 2027" in finding.message
    assert finding.weeks == (2,)

    # Without a start date the facts use a reference date: nothing about particular days.
    Course.objects.filter(pk=course.pk).update(start_date=None)
    facts = blend_facts(course)
    assert facts.dated is False
    assert "live-time-clock-change" not in {f.check for f in run_checks(facts)}


def test_the_share_mainly_on_phones_the_instructor_gives_is_the_checks_mobile_share():
    segment = LearnerSegmentFactory(profile__devices=["laptop"], head_count=20)
    course = segment.profile.course
    assert blend_facts(course).mobile_share == 0
    segment.profile.phone_share = 70
    segment.profile.save()
    assert blend_facts(course).mobile_share == pytest.approx(0.7)
    ActivityBlockFactory(schedule=course.schedule, live=True, activity_type="live_lab")
    assert "multi-document-on-mobile" in {f.check for f in run_checks(blend_facts(course))}


def test_each_segment_brings_its_own_bandwidth_devices_and_needs_to_the_checks():
    course = CourseFactory(cohort_size=40)
    campus = LearnerSegmentFactory(profile__course=course, name="Campus", head_count=30)
    LearnerSegmentFactory(
        profile=campus.profile,
        name="Field staff",
        head_count=10,
        bandwidth="low",
        devices=["phone"],
        accessibility_needs=["transcripts"],
    )
    facts = blend_facts(course)
    groups = {group.name: group for group in facts.groups}
    # Campus gives no bandwidth of its own: the cohort's (reliable) stands.
    assert (groups["Campus"].bandwidth, groups["Campus"].mobile_only) == ("reliable", False)
    assert (groups["Field staff"].bandwidth, groups["Field staff"].mobile_only) == ("low", True)
    assert groups["Field staff"].needs == {"transcripts"}


def test_a_low_bandwidth_segment_is_named_even_in_a_cohort_marked_reliable():
    course = CourseFactory(cohort_size=40)
    campus = LearnerSegmentFactory(profile__course=course, name="Campus", head_count=30)
    LearnerSegmentFactory(
        profile=campus.profile, name="Field staff", head_count=10, bandwidth="low"
    )
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Lab", breakouts=True)
    [finding] = [
        f for f in run_checks(blend_facts(course)) if f.check == "no-low-bandwidth-alternative"
    ]
    assert "10 of 40 learners (Field staff) have low bandwidth" in finding.message


def test_captions_the_cohort_declared_are_a_problem_on_an_uncaptioned_live_session():
    course = CourseFactory(cohort_size=12)
    LearnerSegmentFactory(
        profile__course=course, profile__accessibility_needs=["captions"], head_count=12
    )
    ActivityBlockFactory(schedule=course.schedule, live=True, title="Seminar")
    [finding] = [
        f for f in run_checks(blend_facts(course)) if f.check == "accessibility-need-unmet"
    ]
    assert finding.severity == "problem"
    assert finding.block_title == "Seminar"


def test_an_admin_can_make_monotony_a_problem_sooner():
    course = CourseFactory(weeks=4)
    for day in range(4):
        ActivityBlockFactory(schedule=course.schedule, day=day, due_day=day)
    ActivityBlockFactory(schedule=course.schedule, activity_type="quiz", day=4, due_day=4)
    [before] = [f for f in run_checks(blend_facts(course)) if f.check == "monotony"]
    assert before.severity == "warning"  # 80% readings: from 75% a warning

    admin = UserFactory(rule_admin=True)
    draft = ruleset_draft_start(by=admin)
    spec = dict(draft.spec)
    spec["thresholds"] = {**spec["thresholds"], "monotony_problem_share": 0.8}
    ruleset_draft_save(draft=draft, spec=validate_spec(spec))
    ruleset_publish(draft=draft, by=admin, note="Variety matters here")

    [after] = [f for f in run_checks(blend_facts(course)) if f.check == "monotony"]
    assert after.severity == "problem"
