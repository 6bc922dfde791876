"""Reads for schedules: the editor's data, and stored courses as the rules engine's facts."""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from courses.choices import Modality
from courses.models import Course, LearnerSegment
from schedules.blend import BlendSummary, summarise_blend
from schedules.charts import Gauge, Timeline, WeekView, gauge, timeline, week_view
from schedules.models import ActivityBlock, Schedule


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
class BlockLoad:
    """Just what the blend arithmetic needs of a block: loaded for every block, cheaply."""

    pk: int
    modality: str
    duration_minutes: int
    weeks: list[int]

    @property
    def is_live(self) -> bool:
        return self.modality == Modality.LIVE

    def runs_in_week(self, week: int) -> bool:
        return not self.weeks or week in self.weeks


@dataclass(frozen=True, slots=True)
class EditorData:
    """What the blend editor shows, loaded in a fixed number of queries.

    The charts summarise every block; full block objects are loaded only for the week on
    show, which is what the week view and the block list display.
    """

    course: Course
    schedule: Schedule
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


def editor_data(course: Course, *, week: int = 1, tolerance_points: int = 10) -> EditorData:
    """Return ``course``'s blend with its charts, for the editor and its fragments."""
    schedule = Schedule.objects.select_related("course").get(course=course)
    week = max(1, min(week, course.weeks))
    loads = [
        BlockLoad(*row)
        for row in schedule.blocks.values_list("pk", "modality", "duration_minutes", "weeks")
    ]
    summary = summarise_blend(loads, weeks=course.weeks)
    in_week = [load.pk for load in loads if load.runs_in_week(week)]
    week_blocks = list(
        ActivityBlock.objects.filter(pk__in=in_week).order_by("day", "start_time", "position")
    )
    recommended = schedule.recommended_live_share
    return EditorData(
        course=course,
        schedule=schedule,
        block_count=len(loads),
        week_blocks=week_blocks,
        summary=summary,
        timeline=timeline(
            summary,
            weekly_hours=course.weekly_hours,
            recommended_share=None if recommended is None else recommended / 100,
        ),
        gauge=gauge(summary.live_percent, recommended, tolerance_points),
        week_view=week_view(week_blocks, week=week),
    )
