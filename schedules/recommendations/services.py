"""Recommendations: the engine applied to stored courses with a stored rule set.

``recommendation_refresh`` keeps one course's stored recommendation in step with its
outcomes and learners. What a draft would change before it is published
(``schedules.recommendations.impact``) and moving every course to a newly published version
(``schedules.recommendations.recompute``) are the worker's jobs.
"""

from courses.models import Course
from schedules.models import Schedule
from schedules.recommendations.selectors import (
    courses_with_facts,
    facts_data,
    missing_for_recommendation,
)
from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.recommendation import Recommendation
from schedules.rulesets.selectors import published_ruleset, spec_of


def store_recommendation(
    schedule: Schedule, recommendation: Recommendation | None, version: int | None
) -> None:
    """Put ``recommendation`` (None: no recommendation) and its rules ``version`` on
    ``schedule``, unsaved."""
    if recommendation is None:
        schedule.recommended_live_share = None
        schedule.recommendation = {}
    else:
        schedule.recommended_live_share = recommendation.live_percent
        schedule.recommendation = recommendation.to_dict()
    schedule.rules_version = version


def recommendation_refresh(*, course: Course) -> Recommendation | None:
    """Recompute and store ``course``'s recommendation under the published rules.

    Returns it, or None (and clears the stored one) while outcomes or learners are missing.
    """
    course = courses_with_facts(Course.objects.filter(pk=course.pk)).get()
    ruleset = published_ruleset()
    schedule, _ = Schedule.objects.get_or_create(course=course)
    recommendation = None
    if not missing_for_recommendation(course):
        facts = CourseFacts.model_validate(facts_data(course))
        recommendation = recommend(facts, spec_of(ruleset), rule_version=ruleset.version)
    store_recommendation(schedule, recommendation, ruleset.version if recommendation else None)
    schedule.save(update_fields=["recommended_live_share", "recommendation", "rules_version"])
    return recommendation
