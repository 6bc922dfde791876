"""Reads for recommendations: stored courses as the engine's facts, and the panel pages show."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from courses.models import Course, LearnerSegment
from schedules.charts import Gauge, gauge
from schedules.rulesets.selectors import published_recompute_job


def courses_with_facts(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Return ``courses`` with everything ``facts_data`` reads loaded in four queries."""
    return courses.select_related("learner_profile").prefetch_related(
        "outcomes",
        Prefetch(
            "learner_profile__segments",
            queryset=LearnerSegment.objects.order_by("-head_count", "name", "pk"),
        ),
    )


def missing_for_recommendation(course: Course) -> list[str]:
    """Return what the instructor still has to describe before a recommendation can be made."""
    missing = []
    if not course.outcomes.all():
        missing.append("at least one learning outcome")
    if getattr(course, "learner_profile", None) is None:
        missing.append("the learners (a learner profile)")
    return missing


def facts_data(course: Course) -> dict[str, Any]:
    """Return ``course`` as the engine's input JSON (the ``recommend`` command's spec).

    A profile without segments stands for the whole cohort in the instructor's time zone.
    """
    profile = course.learner_profile
    segments = [
        {
            "name": segment.name,
            "count": segment.head_count,
            "timezone": segment.timezone,
            "bandwidth": segment.bandwidth or None,
            "devices": list(segment.devices) or None,
        }
        for segment in profile.segments.all()
    ] or [{"name": "Whole cohort", "count": course.cohort_size, "timezone": course.timezone}]
    return {
        "discipline": course.discipline,
        "weekly_hours": float(course.weekly_hours),
        "weeks": course.weeks,
        "cohort_size": course.cohort_size,
        "context": course.context,
        "start_date": course.start_date.isoformat() if course.start_date else None,
        "instructor_timezone": course.timezone,
        "live_hours_available": float(course.live_hours_available),
        "outcomes": [
            {"text": outcome.text, "bloom": outcome.bloom_level, "kind": outcome.kind}
            for outcome in course.outcomes.all()
        ],
        "learners": {
            "profile": profile.kind,
            "bandwidth": profile.bandwidth,
            "lab_access": profile.lab_access,
            "lms": profile.lms_present,
            "devices": list(profile.devices),
            "accessibility": list(profile.accessibility_needs),
            "segments": segments,
        },
    }


@dataclass(frozen=True, slots=True)
class RecommendationPanel:
    """The recommendation as a course page shows it, next to the blend as it stands."""

    course: Course
    recommendation: dict[str, Any]
    missing: list[str]
    gauge: Gauge
    # The published version, while this course's stored recommendation is from an older one:
    # the worker is moving it (``newer_rules_pending``) or could not (it failed for it).
    newer_rules: int | None = None
    newer_rules_pending: bool = False

    @property
    def updated_by_rules(self) -> int | None:
        value = self.recommendation.get("updated_by_rules")
        return value if isinstance(value, int) else None

    @property
    def updated_from_percent(self) -> int | None:
        """The live share before the rules of ``updated_by_rules`` moved it, when known."""
        value = self.recommendation.get("updated_from_percent")
        return value if isinstance(value, int) else None

    @property
    def top_rules(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = self.recommendation.get("matched_rules", [])
        return rules[:3]


def recommendation_panel(course: Course, *, actual_percent: int | None) -> RecommendationPanel:
    """Return the recommendation panel of ``course`` (loaded with ``courses_with_facts``).

    A recommendation from older rules than the published ones says so: the page is not
    the place to recompute it (a read does not write, and on SQLite it would queue behind
    the worker's batches for the write lock), and the worker is about to.
    """
    schedule = getattr(course, "schedule", None)
    recommendation = dict(schedule.recommendation) if schedule else {}
    tolerance = recommendation.get("tolerance", {}).get("points", 10)
    recommended = schedule.recommended_live_share if schedule else None
    newer_rules, pending = None, False
    stored_version = schedule.rules_version if schedule else None
    if stored_version is not None and (job := published_recompute_job()) is not None:
        version = job.ruleset.version
        if version is not None and stored_version < version:
            newer_rules, pending = version, job.is_active
    return RecommendationPanel(
        course=course,
        recommendation=recommendation,
        missing=missing_for_recommendation(course),
        gauge=gauge(actual_percent, recommended, round(tolerance)),
        newer_rules=newer_rules,
        newer_rules_pending=pending,
    )
