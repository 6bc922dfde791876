"""Reads for schedules: the editor's data, and stored courses as the rules engine's facts."""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from courses.choices import (
    Bandwidth,
    Device,
    ObjectiveKind,
)
from courses.models import Course, LearnerSegment
from schedules.blend import BlendSummary, summarise_blend
from schedules.block_facts import schedule_block_facts
from schedules.charts import Gauge, Timeline, WeekView, gauge, timeline, week_view
from schedules.models import DISPLAY_ORDER, ActivityBlock, FindingDismissal, Schedule
from schedules.rules.checks import (
    BlendFacts,
    CheckThresholds,
    FindingsSummary,
    OutcomeRef,
    run_checks,
)
from schedules.rules.timezones import Segment
from schedules.rulesets import published_spec, thresholds_of


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
        {"name": segment.name, "count": segment.head_count, "timezone": segment.timezone}
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


def describable(courses: Iterable[Course]) -> Iterator[Course]:
    """Yield the courses that have what a recommendation needs."""
    return (course for course in courses if not missing_for_recommendation(course))


@dataclass(frozen=True, slots=True)
class EditorData:
    """What the blend editor shows, loaded in a fixed number of queries.

    The charts summarise every block; full block objects are loaded only for the week on
    show, which is what the week view and the block list display.
    """

    course: Course
    schedule: Schedule
    facts: BlendFacts
    block_count: int
    week_blocks: Sequence[ActivityBlock]
    summary: BlendSummary
    timeline: Timeline
    gauge: Gauge
    week_view: WeekView

    @property
    def block_url_prefix(self) -> str:
        """Return the URL every block's actions start with (one reverse, not one per block)."""
        return reverse("schedules:block_edit", args=[self.course.pk, 0]).removesuffix("0/edit/")

    @property
    def live_hours_per_week(self) -> float:
        weeks = len(self.summary.weeks) or 1
        return round(self.summary.live_minutes / 60 / weeks, 1)

    @property
    def hours_per_week(self) -> float:
        weeks = len(self.summary.weeks) or 1
        return round(self.summary.total_minutes / 60 / weeks, 1)


def findings_of(
    schedule: Schedule, facts: BlendFacts
) -> tuple[list[FindingDismissal], FindingsSummary]:
    """Return ``schedule``'s dismissals and its findings, with the dismissed set aside."""
    dismissals = list(
        FindingDismissal.objects.filter(schedule=schedule).select_related("dismissed_by")
    )
    keys = frozenset(dismissal.key for dismissal in dismissals)
    return dismissals, FindingsSummary(tuple(run_checks(facts)), keys)


def with_blend_facts(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Return ``courses`` with what ``editor_data`` and ``blend_facts`` read about them."""
    return courses_with_facts(courses).select_related("schedule")


def editor_data(course: Course, *, week: int = 1) -> EditorData:
    """Return ``course``'s blend with its charts and the checks' facts, in a few queries.

    ``course`` comes loaded by ``with_blend_facts`` (otherwise its related rows are read
    one by one). The facts hold every block, lightly: the charts summarise them, and full
    block objects are loaded only for the week on show.
    """
    schedule = course.schedule
    facts = _facts_of(course, thresholds=thresholds_of(published_spec()))
    week = max(1, min(week, course.weeks))
    summary = summarise_blend(facts.blocks, weeks=course.weeks)
    in_week = [block.id for block in facts.blocks if block.runs_in(week)]
    week_blocks = list(ActivityBlock.objects.filter(pk__in=in_week).order_by(*DISPLAY_ORDER))
    recommended = schedule.recommended_live_share
    return EditorData(
        course=course,
        schedule=schedule,
        facts=facts,
        block_count=len(facts.blocks),
        week_blocks=week_blocks,
        summary=summary,
        timeline=timeline(
            summary,
            weekly_hours=course.weekly_hours,
            recommended_share=None if recommended is None else recommended / 100,
        ),
        gauge=gauge(summary.live_percent, recommended, facts.thresholds.split_tolerance_points),
        week_view=week_view(week_blocks, week=week),
    )


MOBILE_ONLY = {Device.PHONE, Device.TABLET}
# Used when a course has no start date yet: fixed, never today's date, so the findings do not
# change from one day to the next (the same reference date as the recommendation).
REFERENCE_START = date(2027, 1, 11)


def _mobile_share(course: Course, segments: Sequence[LearnerSegment]) -> float:
    """Return the share of learners whose devices are only phones or tablets (0-1)."""
    profile = getattr(course, "learner_profile", None)
    cohort_devices = set(profile.devices) if profile else set()
    heads = mobile = 0
    for segment in segments:
        devices = set(segment.devices) or cohort_devices
        heads += segment.head_count
        if devices and devices <= MOBILE_ONLY:
            mobile += segment.head_count
    if not heads:
        return 1.0 if cohort_devices and cohort_devices <= MOBILE_ONLY else 0.0
    return mobile / heads


def blend_facts(course: Course, *, thresholds: CheckThresholds | None = None) -> BlendFacts:
    """Return ``course``'s blend as the checks' facts, in a few queries whatever its size.

    The thresholds are the published rule set's unless others are given.
    """
    if thresholds is None:
        thresholds = thresholds_of(published_spec())
    return _facts_of(_course_for_facts(course), thresholds=thresholds)


def _course_for_facts(course: Course) -> Course:
    return with_blend_facts(Course.objects.filter(pk=course.pk)).get()


def _facts_of(course: Course, *, thresholds: CheckThresholds) -> BlendFacts:
    """Return the facts of ``course`` as loaded by ``_course_for_facts``."""
    profile = getattr(course, "learner_profile", None)
    segments = list(profile.segments.all()) if profile else []
    schedule = course.schedule
    blocks = schedule_block_facts(schedule)
    recommended = schedule.recommended_live_share
    return BlendFacts(
        weeks=course.weeks,
        weekly_hours=float(course.weekly_hours),
        live_hours_available=float(course.live_hours_available),
        cohort_size=course.cohort_size,
        timezone=course.timezone,
        start_date=course.start_date or REFERENCE_START,
        bandwidth=Bandwidth(profile.bandwidth) if profile else Bandwidth.RELIABLE,
        mobile_share=_mobile_share(course, segments),
        segments=tuple(
            Segment(segment.name, segment.head_count, segment.timezone) for segment in segments
        )
        or (Segment("Whole cohort", course.cohort_size, course.timezone),),
        outcomes=tuple(
            OutcomeRef(outcome.pk, outcome.text, ObjectiveKind(outcome.kind))
            for outcome in course.outcomes.all()
        ),
        blocks=blocks,
        recommended_live_share=None if recommended is None else recommended / 100,
        thresholds=thresholds,
    )


@dataclass(frozen=True, slots=True)
class RecommendationPanel:
    """The recommendation as a course page shows it, next to the blend as it stands."""

    course: Course
    recommendation: dict[str, Any]
    missing: list[str]
    gauge: Gauge

    @property
    def updated_by_rules(self) -> int | None:
        value = self.recommendation.get("updated_by_rules")
        return value if isinstance(value, int) else None

    @property
    def top_rules(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = self.recommendation.get("matched_rules", [])
        return rules[:3]


def recommendation_panel(course: Course, *, actual_percent: int | None) -> RecommendationPanel:
    """Return the recommendation panel of ``course`` (loaded with ``courses_with_facts``)."""
    schedule = getattr(course, "schedule", None)
    recommendation = dict(schedule.recommendation) if schedule else {}
    tolerance = recommendation.get("tolerance", {}).get("points", 10)
    recommended = schedule.recommended_live_share if schedule else None
    return RecommendationPanel(
        course=course,
        recommendation=recommendation,
        missing=missing_for_recommendation(course),
        gauge=gauge(actual_percent, recommended, round(tolerance)),
    )
