"""Reads that join or aggregate course data for pages."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import CharField, Prefetch, StringAgg, Value
from django.db.models.functions import Cast

from courses.access import courses_taught_by
from courses.choices import AccessibilityNeed, Device
from courses.models import Course, LearnerSegment
from schedules.models import DISPLAY_ORDER, ActivityBlock, Pilot
from schedules.reviews.selectors import edited_since_among, status_label
from schedules.rules.blend import BlendSummary, summarise_blend
from schedules.rules.checks.repeats import learner_blocks


@dataclass(frozen=True, slots=True)
class CourseRow:
    """A course as the dashboard lists it."""

    course: Course
    blend: BlendSummary
    recommended_percent: int | None
    status_label: str  # "Approved · edited since" when the blend changed after submitting
    edited_since: bool = False
    pilot: Pilot | None = None


@dataclass(frozen=True, slots=True)
class _Session:
    """What recognising a repeated session needs of a dashboard block (``SessionLike``)."""

    id: int
    title: str
    is_live: bool
    activity_type: str
    duration_minutes: int
    weeks: Sequence[int]
    outcome_ids: Sequence[int]


def _session(block: ActivityBlock) -> _Session:
    """Return ``block`` as a session, its outcomes read from the ``outcome_key`` annotation."""
    key: str = getattr(block, "outcome_key", "") or ""
    return _Session(
        block.pk,
        block.title,
        block.is_live,
        block.activity_type,
        block.duration_minutes,
        block.weeks,
        sorted(int(part) for part in key.split(",") if part),
    )


def dashboard_rows(user: User | AnonymousUser) -> Sequence[CourseRow]:
    """Return the courses ``user`` teaches with their blend and review status, in a fixed
    number of queries whatever the size (three, and five more once one was submitted).

    The learners' blend, as the editor, course page, versions and review page count it: a
    session offered twice (a repeat for other time zones) once. Recognising a repeat needs
    each block's outcomes; they come with the blocks, aggregated into one text column, so
    that reading them costs no query of its own.
    """
    courses = (
        courses_taught_by(user)
        .select_related("schedule", "schedule__pilot")
        .prefetch_related(
            Prefetch(
                "schedule__blocks",
                queryset=ActivityBlock.objects.only(
                    "schedule_id",
                    "modality",
                    "duration_minutes",
                    "weeks",
                    "title",
                    "activity_type",
                ).annotate(
                    outcome_key=StringAgg(
                        Cast("outcomes__id", output_field=CharField()),
                        delimiter=Value(","),
                        default=Value(""),
                    )
                ),
            )
        )
        .order_by("-updated", "pk")
    )
    listed = list(courses)
    edited = edited_since_among(listed)
    rows = []
    for course in listed:
        schedule = getattr(course, "schedule", None)
        blocks = list(schedule.blocks.all()) if schedule else []
        once = {session.id for session in learner_blocks([_session(b) for b in blocks])}
        rows.append(
            CourseRow(
                course=course,
                blend=summarise_blend([b for b in blocks if b.pk in once], weeks=course.weeks),
                recommended_percent=schedule.recommended_live_share if schedule else None,
                status_label=(
                    status_label(schedule.status, edited_since=schedule.pk in edited)
                    if schedule
                    else "No schedule yet"
                ),
                edited_since=schedule is not None and schedule.pk in edited,
                pilot=getattr(schedule, "pilot", None) if schedule else None,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class CourseOverview:
    """Everything the course page shows, loaded in a fixed number of queries."""

    course: Course
    blocks: Sequence[ActivityBlock]
    segments: Sequence[LearnerSegment]
    blend: BlendSummary
    pilot: Pilot | None = None

    @property
    def devices(self) -> list[str]:
        """Return the learners' devices in words, in the order of the list ("Laptop")."""
        profile = getattr(self.course, "learner_profile", None)
        chosen = set(profile.devices) if profile else set()
        return [str(label) for value, label in Device.choices if value in chosen]

    @property
    def accessibility_needs(self) -> list[str]:
        """Return the learners' accessibility needs in words ("Captions")."""
        profile = getattr(self.course, "learner_profile", None)
        chosen = set(profile.accessibility_needs) if profile else set()
        return [str(label) for value, label in AccessibilityNeed.choices if value in chosen]


def course_overview(course: Course) -> CourseOverview:
    """Return ``course`` with its outcomes, learners, blocks and blend summary."""
    course = (
        Course.objects.select_related("owner", "learner_profile", "schedule", "schedule__pilot")
        .prefetch_related("outcomes")
        .get(pk=course.pk)
    )
    schedule = getattr(course, "schedule", None)
    blocks = (
        list(schedule.blocks.prefetch_related("outcomes").order_by(*DISPLAY_ORDER))
        if schedule
        else []
    )
    profile = getattr(course, "learner_profile", None)
    segments = list(profile.segments.all()) if profile else []
    return CourseOverview(
        course=course,
        blocks=blocks,
        segments=segments,
        # The learners' blend: a session offered twice (a repeat for other time zones) once.
        blend=summarise_blend(learner_blocks(blocks), weeks=course.weeks),
        pilot=getattr(schedule, "pilot", None) if schedule else None,
    )
