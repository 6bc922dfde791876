"""A rule set prepared for fast evaluation: plain frozen dataclasses, built once per rule set.

Pydantic stays at the edges. ``compile_rules`` turns a validated ``RuleSetSpec`` into the
numbers the engine multiplies (normalised column weights, bandwidths as ranks, shares as
points) and remembers the result for the spec object it was given, so ``recommend`` can be
called in a loop with the same spec at no extra cost.
"""

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.choices import ActivityType
from schedules.rules.spec import MatrixRowSpec, RuleSetSpec

# The bandwidth column is ordinal (seed 000 names reliable, variable and low bandwidth): a
# course one step away from what a row asks for half meets that condition, two steps not at all.
BANDWIDTH_RANK = {Bandwidth.LOW: 0, Bandwidth.VARIABLE: 1, Bandwidth.RELIABLE: 2}
BANDWIDTH_STEPS = len(BANDWIDTH_RANK) - 1

_CACHE_SIZE = 16


@dataclass(frozen=True, slots=True)
class CompiledRow:
    """One matrix row, ready to be matched against a course."""

    id: str
    label: str
    share_points: float
    pull_points: float
    priority: ObjectiveKind
    learner_profile: LearnerProfileKind
    local_only: bool
    bandwidth_credit: tuple[float, ...]
    lab_access: bool | None
    lms: bool | None
    multiple_timezones: bool | None
    condition_count: int
    source: str


@dataclass(frozen=True, slots=True)
class DisciplineGuidance:
    """Where a discipline's activities go, live or self-paced, and its advice (seed 000)."""

    advice: str
    live: tuple[ActivityType, ...]
    self_paced: tuple[ActivityType, ...]
    source: str


@dataclass(frozen=True, slots=True)
class CompiledRules:
    """Everything ``recommend`` reads from a rule set."""

    rows: tuple[CompiledRow, ...]
    weight_priority: float
    weight_learners: float
    weight_tech: float
    baseline_points: float
    share_span_points: float
    disciplines: Mapping[Discipline, DisciplineGuidance]
    tolerance_points: float
    local_timezone_hours: float
    far_timezone_hours: float
    waking_start_hour: int
    waking_end_hour: int
    low_bandwidth_points: float
    large_cohort_points: float
    small_cohort_points: float
    spread_points: float
    mobile_points: float
    bloom_points: float
    open_context_points: float
    outcome_need_share: float
    small_cohort_size: int
    neutral_cohort_size: int
    large_cohort_size: int
    shared_hour_reach: float
    mobile_only_share: float
    min_live_points: float
    max_live_points: float


_compiled: OrderedDict[int, tuple[RuleSetSpec, CompiledRules]] = OrderedDict()


def compile_rules(spec: RuleSetSpec) -> CompiledRules:
    """Return ``spec`` prepared for the engine, compiling it only the first time it is seen.

    Remembered by identity for the last few specs (a spec is frozen, so it cannot change
    under us); the cache holds a reference to each spec, so an id is never reused for
    another one while it is cached.
    """
    entry = _compiled.get(id(spec))
    if entry is not None and entry[0] is spec:
        return entry[1]
    compiled = _compile(spec)
    _compiled[id(spec)] = (spec, compiled)
    if len(_compiled) > _CACHE_SIZE:
        _compiled.popitem(last=False)
    return compiled


def _compile(spec: RuleSetSpec) -> CompiledRules:
    """Return the engine's view of ``spec``."""
    weights = spec.column_weights
    total = weights.priority + weights.learners + weights.tech
    rows = tuple(_row(row, spec.baseline_points) for row in spec.matrix)
    shares = [row.share_points for row in rows]
    thresholds = spec.thresholds
    sizes = spec.factor_sizes
    return CompiledRules(
        rows=rows,
        weight_priority=weights.priority / total,
        weight_learners=weights.learners / total,
        weight_tech=weights.tech / total,
        baseline_points=float(spec.baseline_points),
        share_span_points=max(shares) - min(shares),
        disciplines={
            discipline: DisciplineGuidance(
                guide.advice, guide.live_activities, guide.self_paced_activities, guide.source
            )
            for discipline, guide in spec.discipline_adjustments.items()
        },
        tolerance_points=float(spec.tolerance.points),
        local_timezone_hours=thresholds.local_timezone_hours,
        far_timezone_hours=thresholds.far_timezone_hours,
        waking_start_hour=thresholds.waking_hours_start,
        waking_end_hour=thresholds.waking_hours_end,
        low_bandwidth_points=sizes.low_bandwidth_points,
        large_cohort_points=sizes.large_cohort_points,
        small_cohort_points=sizes.small_cohort_points,
        spread_points=sizes.spread_points,
        mobile_points=sizes.mobile_points,
        bloom_points=sizes.bloom_points,
        open_context_points=sizes.open_context_points,
        outcome_need_share=sizes.outcome_need_share,
        small_cohort_size=thresholds.small_cohort_size,
        neutral_cohort_size=thresholds.neutral_cohort_size,
        large_cohort_size=thresholds.large_cohort_size,
        shared_hour_reach=thresholds.shared_hour_reach,
        mobile_only_share=thresholds.mobile_only_share,
        min_live_points=float(thresholds.min_live_share),
        max_live_points=float(thresholds.max_live_share),
    )


def _row(row: MatrixRowSpec, baseline: float) -> CompiledRow:
    """Return one matrix row with its bandwidths as ranks and its conditions counted.

    ``pull_points`` is how far the row's share is from the baseline; ``local_only`` says that
    only learners close to the instructor fit the row ("full-time, local", seed 000).
    """
    tech = row.tech
    optional = (tech.lab_access, tech.lms, tech.multiple_timezones)
    ranks = tuple(sorted({BANDWIDTH_RANK[value] for value in tech.bandwidths}))
    return CompiledRow(
        id=row.id,
        label=row.label,
        share_points=float(row.live_share),
        pull_points=float(row.live_share - baseline),
        priority=row.priority,
        learner_profile=row.learner_profile,
        local_only=row.learner_profile == LearnerProfileKind.FULL_TIME_LOCAL,
        bandwidth_credit=tuple(
            _bandwidth_credit(rank, ranks) for rank in range(len(BANDWIDTH_RANK))
        ),
        lab_access=tech.lab_access,
        lms=tech.lms,
        multiple_timezones=tech.multiple_timezones,
        condition_count=(1 if tech.bandwidths else 0) + sum(v is not None for v in optional),
        source=row.source,
    )


def _bandwidth_credit(course_rank: int, allowed: tuple[int, ...]) -> float:
    """Return how much of a row's bandwidth condition a course of ``course_rank`` meets.

    1 when the row allows it, less by half for each step to the nearest allowed level; 0 when
    the row sets no bandwidth condition (it is then not counted either).
    """
    if not allowed:
        return 0.0
    steps = min(abs(course_rank - rank) for rank in allowed)
    return 1 - steps / BANDWIDTH_STEPS
