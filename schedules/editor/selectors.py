"""Reads for the blend editor: its data, the checks' facts and the findings."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, Subquery
from django.urls import reverse

from blendplan.reused_sql import reused_rows
from courses.choices import AccessibilityNeed, Bandwidth, Device, ObjectiveKind
from courses.models import Course, LearnerSegment
from schedules.charts import Gauge, Timeline, WeekView, gauge, timeline, week_view
from schedules.editor.block_facts import checked_findings, kept_blocks, schedule_block_facts
from schedules.models import (
    DISPLAY_ORDER,
    ActivityBlock,
    FindingDismissal,
    ReviewComment,
    Schedule,
    ScheduleVersion,
)
from schedules.recommendations.selectors import courses_with_facts
from schedules.rules.blend import BlendSummary, summarise_blend
from schedules.rules.checks import (
    BlendFacts,
    CheckThresholds,
    FindingsSummary,
    LearnerGroup,
    OutcomeRef,
)
from schedules.rules.checks.repeats import learner_blocks
from schedules.rules.timezones.segments import Segment
from schedules.rulesets.selectors import published_spec, thresholds_of


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
    dismissals = reused_rows("dismissals of a schedule", _dismissals, schedule.pk)
    keys = frozenset(dismissal.key for dismissal in dismissals)
    return dismissals, FindingsSummary(checked_findings(facts), keys)


def _dismissals(schedule_id: int) -> QuerySet[FindingDismissal]:
    return FindingDismissal.objects.filter(schedule_id=schedule_id).select_related("dismissed_by")


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
    # The learners' blend: a session offered twice (a repeat for other time zones) once.
    summary = summarise_blend(learner_blocks(facts.blocks), weeks=course.weeks)
    in_week = [block.id for block in facts.blocks if block.runs_in(week)]
    # Made from the rows kept with the facts just listed (in display order, as they are).
    week_blocks = kept_blocks(schedule, in_week)
    if week_blocks is None:
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
    """Return the share of learners whose devices are only phones or tablets (0-1), or the
    share mainly on phones when the instructor gave it."""
    profile = getattr(course, "learner_profile", None)
    if profile is not None and profile.phone_share is not None:
        return float(profile.phone_share) / 100
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


def _groups(course: Course, segments: Sequence[LearnerSegment]) -> tuple[LearnerGroup, ...]:
    """Return the segments as the checks' learner groups: each with its own bandwidth and
    devices, or the cohort's where it gives none, and the needs it declared."""
    profile = getattr(course, "learner_profile", None)
    cohort_bandwidth = Bandwidth(profile.bandwidth) if profile else Bandwidth.RELIABLE
    cohort_devices = set(profile.devices) if profile else set()
    return tuple(
        LearnerGroup(
            name=segment.name,
            head_count=segment.head_count,
            bandwidth=Bandwidth(segment.bandwidth) if segment.bandwidth else cohort_bandwidth,
            mobile_only=bool(devices := set(segment.devices) or cohort_devices)
            and devices <= MOBILE_ONLY,
            needs=frozenset(AccessibilityNeed(need) for need in segment.accessibility_needs),
        )
        for segment in segments
    )


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
        dated=course.start_date is not None,
        bandwidth=Bandwidth(profile.bandwidth) if profile else Bandwidth.RELIABLE,
        mobile_share=_mobile_share(course, segments),
        segments=tuple(
            Segment(segment.name, segment.head_count, segment.timezone) for segment in segments
        )
        or (Segment("Whole cohort", course.cohort_size, course.timezone),),
        groups=_groups(course, segments),
        accessibility_needs=frozenset(
            AccessibilityNeed(need) for need in (profile.accessibility_needs if profile else [])
        ),
        outcomes=tuple(
            OutcomeRef(outcome.pk, outcome.text, ObjectiveKind(outcome.kind))
            for outcome in course.outcomes.all()
        ),
        blocks=blocks,
        recommended_live_share=None if recommended is None else recommended / 100,
        thresholds=thresholds,
    )


def _latest_comments(
    schedule_id: int,
) -> QuerySet[ReviewComment, tuple[int, int | None, int | None, int]]:
    """The comments on a schedule's latest submitted version, oldest first: (id, parent id,
    block id, version number)."""
    # The latest version of this schedule: a subquery of its own, not one per comment row.
    latest = ScheduleVersion.objects.filter(schedule_id=schedule_id).order_by("-number")
    return (
        ReviewComment.objects.filter(
            version__schedule_id=schedule_id, version=Subquery(latest.values("pk")[:1])
        )
        .order_by("created", "pk")
        .values_list("pk", "parent_id", "block_id", "version__number")
    )


@dataclass(frozen=True, slots=True)
class BlockComments:
    """The review comments on one block of the latest version: how many, and where."""

    count: int
    url: str


def review_comments_by_block(schedule: Schedule) -> dict[int, BlockComments]:
    """Return, for each block the reviewers (or instructors) commented on in the latest
    submitted version, how many comments it has (replies included) and the review page's
    address at its first thread. One query; an empty dict before the first submission.
    """
    rows = reused_rows("review comments of a schedule", _latest_comments, schedule.pk)
    review = reverse("schedules:review", args=[schedule.pk])
    thread_block: dict[int, int | None] = {}
    counts: dict[int, BlockComments] = {}
    for pk, parent_id, block_id, number in rows:
        if parent_id is None:
            thread_block[pk] = block_id
        block = block_id if parent_id is None else thread_block.get(parent_id)
        if block is None:
            continue
        seen = counts.get(block)
        url = seen.url if seen else f"{review}?version={number}#comment-{pk}"
        counts[block] = BlockComments((seen.count if seen else 0) + 1, url)
    return counts
