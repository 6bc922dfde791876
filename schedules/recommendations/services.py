"""Recommendations: the engine applied to stored courses with a stored rule set.

``recommendation_refresh`` keeps one course's stored recommendation in step with its
outcomes and learners; ``impact_preview`` says what a draft would change before it is
published. Moving every course to a newly published version is the worker's job
(``schedules.recommendations.recompute``).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from courses.models import Course
from courses.people import person_name
from schedules.models import RuleSet, Schedule
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


def described_courses(chunk: int = 2000) -> Iterator[tuple[Course, CourseFacts]]:
    """Yield every course that has what a recommendation needs, with its engine facts."""
    courses = courses_with_facts(
        Course.objects.select_related("schedule", "owner")
        # The stored explanation is large JSON; only its share is compared here.
        .defer("schedule__recommendation")
        .order_by("pk")
    )
    for course in courses.iterator(chunk_size=chunk):
        if not missing_for_recommendation(course):
            yield course, CourseFacts.model_validate(facts_data(course))


@dataclass(frozen=True, slots=True)
class Impact:
    """How a draft would change one course's recommended live share."""

    course_id: int
    title: str
    owner: str
    before: int | None
    after: int

    @property
    def change(self) -> int:
        return self.after - (self.before or 0)


def impact_preview(*, draft: RuleSet) -> list[Impact]:
    """Return the courses whose recommendation the draft would change, biggest change first."""
    spec = spec_of(draft)
    impacts = []
    for course, facts in described_courses():
        after = recommend(facts, spec).live_percent
        before = course.schedule.recommended_live_share
        if after != before:
            impacts.append(
                Impact(course.pk, course.title, person_name(course.owner), before, after)
            )
    impacts.sort(key=lambda impact: (-abs(impact.change), impact.title))
    return impacts
