"""The few numbers the matrix is matched on, worked out once from a course's facts."""

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.compiled import BANDWIDTH_RANK, CompiledRules
from schedules.rules.facts import CourseFacts, SegmentFacts
from schedules.rules.timezones.offsets import REFERENCE_DATE, clock_distance_hours, utc_offset_hours


class CourseProfile(NamedTuple):
    """A course as the matrix sees it: outcome mix, learners and where they are, tech.

    A named tuple rather than a frozen dataclass: it is built on every evaluation, and
    tuples are several times cheaper to make.
    """

    discipline: Discipline
    outcome_count: int
    kind_counts: dict[ObjectiveKind, int]
    learner_profile: LearnerProfileKind
    learner_count: int
    local_count: int
    far_count: int
    bandwidth: Bandwidth
    bandwidth_rank: int
    lab_access: bool
    lms: bool

    @property
    def local_share(self) -> float:
        """Return the share of learners close enough to the instructor to count as local."""
        return self.local_count / self.learner_count

    @property
    def far_share(self) -> float:
        """Return the share of learners far from the instructor's clock."""
        return self.far_count / self.learner_count

    @property
    def multiple_timezones(self) -> bool:
        """Return whether some learners live on clocks well apart from the instructor's."""
        return self.local_count < self.learner_count


def describe_course(facts: CourseFacts, rules: CompiledRules) -> CourseProfile:
    """Return the matrix's view of ``facts``, with distances measured on the start date.

    Without a start date, the fixed ``REFERENCE_DATE`` is used, never today's date, so a
    recommendation does not change with the day it is asked for.
    """
    kind_counts: dict[ObjectiveKind, int] = {}
    for outcome in facts.outcomes:
        kind_counts[outcome.kind] = kind_counts.get(outcome.kind, 0) + 1
    on = facts.start_date or REFERENCE_DATE
    learners = facts.learners
    segments = learners.segments
    home = facts.instructor_timezone or _largest(segments).timezone
    local_limit, far_limit = rules.local_timezone_hours, rules.far_timezone_hours
    total = local = far = 0
    for segment in segments:
        distance = zone_distance_hours(segment.timezone, home, on)
        total += segment.count
        if distance <= local_limit:
            local += segment.count
        if distance >= far_limit:
            far += segment.count
    return CourseProfile(
        facts.discipline,
        len(facts.outcomes),
        kind_counts,
        learners.profile,
        total,
        local,
        far,
        learners.bandwidth,
        BANDWIDTH_RANK[learners.bandwidth],
        learners.lab_access,
        learners.lms,
    )


def _largest(segments: tuple[SegmentFacts, ...]) -> SegmentFacts:
    """Return the segment with the most learners, the first listed on a tie."""
    largest = segments[0]
    for segment in segments:
        if segment.count > largest.count:
            largest = segment
    return largest


@lru_cache(maxsize=16384)
def zone_distance_hours(zone: str, home: str, on: date) -> float:
    """Return how many hours apart the clocks of ``zone`` and ``home`` are on ``on`` (0-12)."""
    return clock_distance_hours(utc_offset_hours(zone, on), utc_offset_hours(home, on))
