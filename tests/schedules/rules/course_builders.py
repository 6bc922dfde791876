"""Build the engine's input for tests: a valid course as JSON-ready data, or as facts.

Each keyword changes one thing; the defaults are a course that fits seed 000's first row
(skills, full-time local learners, reliable bandwidth and a lab). Outcomes without a Bloom
level in ``blooms`` are at "apply".
"""

from collections.abc import Sequence
from typing import Any

from courses.choices import Bandwidth, BloomLevel, LearnerProfileKind, ObjectiveKind
from schedules.rules.facts import CourseFacts

SKILL = ObjectiveKind.INTERACTIVE_SKILL_MASTERY
KNOWLEDGE = ObjectiveKind.KNOWLEDGE_ACQUISITION
MIXED = ObjectiveKind.MIXED


def course_data(
    *,
    kinds: Sequence[ObjectiveKind] = (SKILL, SKILL, SKILL),
    blooms: Sequence[BloomLevel] = (),
    discipline: str = "stem",
    profile: LearnerProfileKind = LearnerProfileKind.FULL_TIME_LOCAL,
    bandwidth: Bandwidth = Bandwidth.RELIABLE,
    lab_access: bool = True,
    lms: bool = False,
    segments: Sequence[tuple[int, str]] = ((30, "Europe/London"),),
    instructor_timezone: str | None = "Europe/London",
    start_date: str | None = "2027-01-11",
) -> dict[str, Any]:
    """Return a course as the ``recommend`` command's JSON would give it."""
    return {
        "discipline": discipline,
        "weekly_hours": 6,
        "weeks": 12,
        "cohort_size": max(1, sum(count for count, _ in segments)),
        "context": "university",
        "start_date": start_date,
        "instructor_timezone": instructor_timezone,
        "outcomes": [
            {"text": f"Outcome {number}", "bloom": bloom.value, "kind": kind.value}
            for number, (kind, bloom) in enumerate(
                zip(kinds, [*blooms, *[BloomLevel.APPLY] * len(kinds)], strict=False), start=1
            )
        ],
        "learners": {
            "profile": profile.value,
            "bandwidth": bandwidth.value,
            "lab_access": lab_access,
            "lms": lms,
            "devices": ["laptop"],
            "accessibility": [],
            "segments": [
                {"count": count, "timezone": zone, "name": f"Group {number}"}
                for number, (count, zone) in enumerate(segments, start=1)
            ],
        },
    }


def course_facts(**changes: Any) -> CourseFacts:
    """Return validated facts for ``course_data(**changes)``."""
    return CourseFacts.model_validate(course_data(**changes))


# Courses that fit one row of seed 000's matrix on all three columns.
FITS_ROW_ONE: dict[str, Any] = {}
FITS_ROW_TWO: dict[str, Any] = {
    "kinds": (KNOWLEDGE, KNOWLEDGE, KNOWLEDGE, KNOWLEDGE),
    "profile": LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
    "bandwidth": Bandwidth.VARIABLE,
    "lab_access": False,
    "segments": ((20, "Europe/London"), (12, "America/New_York"), (8, "Asia/Singapore")),
}
FITS_ROW_THREE: dict[str, Any] = {
    "kinds": (MIXED, MIXED),
    "profile": LearnerProfileKind.HYBRID,
    "bandwidth": Bandwidth.VARIABLE,
    "lab_access": False,
    "lms": True,
    "segments": ((18, "Europe/London"), (6, "Europe/Paris")),
}
