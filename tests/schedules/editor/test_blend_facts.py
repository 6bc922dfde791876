"""The checks' facts come from the stored course, with the published rules' thresholds."""

import pytest

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
