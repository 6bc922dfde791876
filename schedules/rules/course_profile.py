"""The few numbers the matrix and the factors are worked out from, once per course."""

from datetime import date, time
from functools import lru_cache
from typing import NamedTuple

from courses.choices import (
    Bandwidth,
    BloomLevel,
    CourseContext,
    Device,
    Discipline,
    LearnerProfileKind,
    ObjectiveKind,
)
from schedules.rules.compiled import BANDWIDTH_RANK, CompiledRules
from schedules.rules.facts import CourseFacts, OutcomeFacts, SegmentFacts
from schedules.rules.timezones.coverage import WakingHours
from schedules.rules.timezones.offsets import REFERENCE_DATE, clock_distance_hours, utc_offset_hours
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.slots import suggest_slots

MOBILE_ONLY = frozenset({Device.PHONE, Device.TABLET})
SHARED_HOUR_MINUTES = 60

_PREPARE = (BloomLevel.REMEMBER, BloomLevel.UNDERSTAND)
_TRANSFER = (BloomLevel.EVALUATE, BloomLevel.CREATE)
# seed 003: remember/understand (Gagné 1-4) and evaluate/create (8-9) suit self-paced work,
# apply/analyse (5-7) live time. How much an outcome leans further toward self-paced work
# than its kind already says (the matrix counts kinds): a skill only to remember or
# understand fully, a skill to evaluate or create half; mixed outcomes half as much;
# knowledge outcomes never (the matrix already leans them self-paced).
_SELF_PACED_PULL = {
    (ObjectiveKind.INTERACTIVE_SKILL_MASTERY, _PREPARE): 1.0,
    (ObjectiveKind.INTERACTIVE_SKILL_MASTERY, _TRANSFER): 0.5,
    (ObjectiveKind.MIXED, _PREPARE): 0.5,
    (ObjectiveKind.MIXED, _TRANSFER): 0.25,
}


def self_paced_pull(outcome: OutcomeFacts) -> float:
    """Return how much ``outcome``'s Bloom level leans it toward self-paced work beyond its
    kind (0-1, seed 003)."""
    for (kind, levels), pull in _SELF_PACED_PULL.items():
        if outcome.kind == kind and outcome.bloom in levels:
            return pull
    return 0.0


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
    cohort_size: int  # the larger of the stated cohort and the learners in segments
    stated_cohort_size: int
    reach: float  # share of learners the best weekly live hour reaches in waking hours
    mobile_share: float  # share of learners with only a phone or tablet
    low_share: float  # share of learners on low bandwidth
    bloom_pull: float  # mean self-paced pull of the outcomes' Bloom levels (0-1)
    context: CourseContext | None
    weekly_hours: float
    live_hours_available: float | None

    @property
    def local_share(self) -> float:
        """Return the share of learners close enough to the instructor to count as local."""
        return self.local_count / self.learner_count

    @property
    def far_share(self) -> float:
        """Return the share of learners far from the instructor's clock."""
        return self.far_count / self.learner_count

    @property
    def capacity_points(self) -> float | None:
        """Return the largest live share, in points, the instructor's live hours allow
        (None: not limited)."""
        if self.live_hours_available is None:
            return None
        return min(100.0, 100 * self.live_hours_available / self.weekly_hours)

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
    total = local = far = mobile = low = 0
    for segment in segments:
        distance = zone_distance_hours(segment.timezone, home, on)
        total += segment.count
        if distance <= local_limit:
            local += segment.count
        if distance >= far_limit:
            far += segment.count
        devices = set(segment.devices if segment.devices is not None else learners.devices)
        if devices and devices <= MOBILE_ONLY:
            mobile += segment.count
        if (segment.bandwidth or learners.bandwidth) == Bandwidth.LOW:
            low += segment.count
    reach = shared_hour_reach(
        tuple((segment.count, segment.timezone) for segment in segments if segment.count),
        on,
        facts.weeks,
        rules.waking_start_hour,
        rules.waking_end_hour,
    )
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
        max(facts.cohort_size, total),
        facts.cohort_size,
        reach,
        mobile / total,
        low / total,
        _bloom_pull(facts.outcomes),
        facts.context,
        facts.weekly_hours,
        facts.live_hours_available,
    )


def _bloom_pull(outcomes: tuple[OutcomeFacts, ...]) -> float:
    """Return the mean self-paced pull of the outcomes the matrix does not already lean
    self-paced: knowledge outcomes are left to the matrix, so they neither add to the Bloom
    factor nor dilute it (adding one never raises the share)."""
    weighed = [o for o in outcomes if o.kind != ObjectiveKind.KNOWLEDGE_ACQUISITION]
    return sum(map(self_paced_pull, weighed)) / len(weighed) if weighed else 0.0


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


@lru_cache(maxsize=4096)
def shared_hour_reach(
    segments: tuple[tuple[int, str], ...], on: date, weeks: int, start_hour: int, end_hour: int
) -> float:
    """Return the share of learners (0-1) that the best weekly one-hour live session reaches
    inside their waking hours in every course week: how far the cohort shares its day."""
    end = time(23, 59) if end_hour >= 24 else time(end_hour)
    suggestions = suggest_slots(
        [Segment(zone, count, zone) for count, zone in segments],
        start_date=on,
        weeks=weeks,
        view_timezone="UTC",
        waking=WakingHours(start=time(start_hour), end=end),
        duration_minutes=SHARED_HOUR_MINUTES,
    )
    return suggestions.single.share
