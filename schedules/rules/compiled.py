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
class DisciplineLean:
    """A discipline's lean in share points, and the advice shown with it (seed 000)."""

    points: float
    advice: str


@dataclass(frozen=True, slots=True)
class CompiledRules:
    """Everything ``recommend`` reads from a rule set."""

    rows: tuple[CompiledRow, ...]
    weight_priority: float
    weight_learners: float
    weight_tech: float
    baseline_points: float
    share_span_points: float
    disciplines: Mapping[Discipline, DisciplineLean]
    tolerance_points: float
    local_timezone_hours: float
    far_timezone_hours: float
    low_bandwidth_points: float
    far_learners_points: float


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
    return CompiledRules(
        rows=rows,
        weight_priority=weights.priority / total,
        weight_learners=weights.learners / total,
        weight_tech=weights.tech / total,
        baseline_points=float(spec.baseline_points),
        share_span_points=max(shares) - min(shares),
        disciplines={
            discipline: DisciplineLean(float(lean.points), lean.advice)
            for discipline, lean in spec.discipline_adjustments.items()
        },
        tolerance_points=float(spec.tolerance.points),
        local_timezone_hours=thresholds.local_timezone_hours,
        far_timezone_hours=thresholds.far_timezone_hours,
        low_bandwidth_points=spec.factor_sizes.low_bandwidth_points,
        far_learners_points=spec.factor_sizes.far_learners_points,
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
