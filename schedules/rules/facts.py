"""What the recommendation engine is told about a course: pydantic models, frozen.

``CourseFacts`` is exactly the JSON a ``recommend`` command accepts and the selector builds
from stored courses::

    {"discipline": "stem", "weekly_hours": 6, "weeks": 12, "cohort_size": 30,
     "context": "university", "start_date": "2027-01-11", "instructor_timezone": "Europe/London",
     "outcomes": [{"text": "…", "bloom": "apply", "kind": "interactive_skill_mastery"}],
     "learners": {"profile": "full_time_local", "bandwidth": "reliable", "lab_access": true,
                  "lms": true, "devices": ["laptop"], "accessibility": [],
                  "segments": [{"count": 30, "timezone": "Europe/London", "name": "Campus"}]}}

Validation errors read as sentences through ``format_validation_errors``.
"""

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from courses.choices import (
    AccessibilityNeed,
    Bandwidth,
    BloomLevel,
    CourseContext,
    Device,
    Discipline,
    LearnerProfileKind,
    ObjectiveKind,
)
from schedules.rules.timezones.offsets import is_known_zone
from schedules.rules.validation_messages import (
    format_validation_errors,
    not_empty,
    problem,
    raise_problems,
)

__all__ = [
    "CourseFacts",
    "LearnerFacts",
    "OutcomeFacts",
    "SegmentFacts",
    "format_validation_errors",
]

MAX_WEEKS = 52
HOURS_PER_WEEK = 168


def _known_zone(name: str) -> str:
    """Return ``name`` unchanged if zoneinfo knows it; otherwise raise a readable error."""
    if not is_known_zone(name):
        raise PydanticCustomError(
            "unknown_time_zone",
            "{zone} is not a known IANA time zone (write it like 'Europe/London' or "
            "'America/New_York')",
            {"zone": repr(name)},
        )
    return name


TimeZoneName = Annotated[str, AfterValidator(_known_zone)]
NonEmptyText = Annotated[str, Field(min_length=1, max_length=500)]


class _Facts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class OutcomeFacts(_Facts):
    """One learning outcome: its text, Bloom level (seed 003) and kind of objective (seed 000)."""

    text: NonEmptyText
    bloom: BloomLevel
    kind: ObjectiveKind


class SegmentFacts(_Facts):
    """A group of learners who share a time zone, and their own bandwidth and devices when
    these differ from the cohort's (None: as the cohort)."""

    count: Annotated[int, Field(ge=0)]
    timezone: TimeZoneName
    name: Annotated[str, Field(max_length=200)] | None = None
    bandwidth: Bandwidth | None = None
    devices: tuple[Device, ...] | None = None


class LearnerFacts(_Facts):
    """Who the learners are and what they have (the matrix's learner and tech columns)."""

    profile: LearnerProfileKind
    bandwidth: Bandwidth
    lab_access: bool
    lms: bool
    devices: tuple[Device, ...] = ()
    accessibility: tuple[AccessibilityNeed, ...] = ()
    segments: Annotated[tuple[SegmentFacts, ...], AfterValidator(not_empty("segment of learners"))]

    @model_validator(mode="after")
    def _someone_is_in_a_segment(self) -> "LearnerFacts":
        if not any(segment.count for segment in self.segments):
            raise_problems(
                "LearnerFacts",
                [problem(("segments",), "at least one segment needs a learner (all counts are 0)")],
            )
        return self


class CourseFacts(_Facts):
    """Everything the engine reads about one course."""

    discipline: Discipline
    weekly_hours: Annotated[float, Field(gt=0, le=HOURS_PER_WEEK)]
    weeks: Annotated[int, Field(ge=1, le=MAX_WEEKS)]
    cohort_size: Annotated[int, Field(ge=1)]
    context: CourseContext | None = None
    start_date: date | None = None
    # When missing, the engine uses the zone of the largest segment (the first listed on a tie).
    instructor_timezone: TimeZoneName | None = None
    # The instructor's live-teaching hours per week (seed 003); None: not limited.
    live_hours_available: Annotated[float, Field(ge=0, le=HOURS_PER_WEEK)] | None = None
    outcomes: Annotated[tuple[OutcomeFacts, ...], AfterValidator(not_empty("learning outcome"))]
    learners: LearnerFacts
