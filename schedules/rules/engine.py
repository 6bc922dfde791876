"""The recommendation engine: seed 000's decision matrix, weighed for real courses.

How the live share is worked out (all shares in points, 0-100):

1. Each column of the matrix (priority, learners, tech) gets a *column share*: the baseline
   (50, seed 000's balanced split) moved toward each row's share by how much that row
   speaks for the column (``matching.ColumnShares``).
2. The matrix part of the result is the weighted mean of the column shares; its factors are
   ``weight × (column share − baseline)``, so they add up to it exactly.
3. A course that fits no row fully also gets its discipline's lean and the extra factors
   (low bandwidth, learners far from the instructor), each scaled by ``1 − best row fit``:
   the part of the course the matrix does not already account for. A course that fits a
   row on all three columns therefore gets exactly that row's share, whatever its discipline.
4. The sum is clamped to 0-100 (shown as a factor when it happens) and rounded to a tenth of
   a point; the factors are rounded so that they still add up to it exactly.

With the default rule set, adding a skill outcome never lowers the share, and worse
bandwidth or learners spread further from the instructor never raise it (see the property
tests). An admin who makes the extra factors add up to more than the 20-point step between
rows, or gives a discipline a lean toward self-paced time, can break that.
"""

from collections.abc import Sequence

from schedules.rules.compiled import CompiledRules, compile_rules
from schedules.rules.course_profile import CourseProfile, describe_course
from schedules.rules.explanation import Explanation
from schedules.rules.facts import CourseFacts
from schedules.rules.matching import ColumnShares, Fits, RowFit
from schedules.rules.recommendation import Recommendation
from schedules.rules.spec import RuleSetSpec

HIGH_CONFIDENCE = 0.75
MEDIUM_CONFIDENCE = 0.5
# Confidence is the best row's fit, discounted by up to half when the columns disagree.
AGREEMENT_WEIGHT = 0.5


def recommend(
    facts: CourseFacts, rules: RuleSetSpec | CompiledRules, *, rule_version: int | None = None
) -> Recommendation:
    """Return the recommended live share for a course, with the reasons for it.

    ``rules`` may be a validated spec (compiled on first use and remembered) or the result of
    ``compile_rules``. Deterministic: the same facts and rules give the same recommendation.
    """
    compiled = rules if isinstance(rules, CompiledRules) else compile_rules(rules)
    course = describe_course(facts, compiled)
    fits = Fits(course, compiled)
    best = fits.best_fit
    columns = ColumnShares(fits, compiled.baseline_points)
    sizes = _factor_sizes(course, compiled, best, columns.points)
    raw_tenths = [raw * 10 for _, raw in sizes]
    baseline_tenths = round(compiled.baseline_points * 10)
    total_tenths = round(compiled.baseline_points * 10 + sum(raw_tenths))
    tenths = apportion(raw_tenths, total_tenths - baseline_tenths)
    value, label, agreement = _confidence(best.overall, columns.points, compiled)
    return Recommendation(
        live_share=total_tenths / 1000,
        baseline=compiled.baseline_points / 100,
        tolerance_points=compiled.tolerance_points,
        factor_points=tuple(
            (name, size / 10) for (name, _), size in zip(sizes, tenths, strict=True)
        ),
        confidence_value=value,
        confidence_label=label,
        agreement=agreement,
        rule_version=rule_version,
        explainer=Explanation(facts, course, compiled, fits, best, columns),
    )


def _factor_sizes(
    course: CourseProfile, rules: CompiledRules, best: RowFit, column_points: Sequence[float]
) -> list[tuple[str, float]]:
    """Return every factor's name and unrounded size in points, the three columns first."""
    baseline = rules.baseline_points
    priority, learners, tech = column_points
    sizes = [
        ("priority", rules.weight_priority * (priority - baseline)),
        ("learners", rules.weight_learners * (learners - baseline)),
        ("tech", rules.weight_tech * (tech - baseline)),
    ]
    # seed 000 calls the matrix "a starting point": what it does not cover about the course
    # is filled in by the discipline's lean and the extra factors, in proportion.
    uncovered = 1 - best.overall
    lean = rules.disciplines.get(course.discipline)
    if lean is not None and lean.points:
        sizes.append(("discipline", lean.points * uncovered))
    if course.bandwidth_rank == 0 and rules.low_bandwidth_points:
        sizes.append(("low_bandwidth", -rules.low_bandwidth_points * uncovered))
    if course.far_count and rules.far_learners_points:
        sizes.append(("far_learners", -rules.far_learners_points * course.far_share * uncovered))
    unclamped = baseline + sum(size for _, size in sizes)
    if not 0 <= unclamped <= 100:
        sizes.append(("clamped", min(100.0, max(0.0, unclamped)) - unclamped))
    return sizes


def apportion(raw_tenths: Sequence[float], target: int) -> list[int]:
    """Return whole numbers close to ``raw_tenths`` that add up to exactly ``target``.

    Each value is rounded; if the rounded values miss the target, the units still missing
    (or in excess) go to the values that rounding moved the most the other way (earlier
    values first on ties), so rounding never makes the factors disagree with their total.
    """
    rounded = [round(value) for value in raw_tenths]
    missing = target - sum(rounded)
    if not missing:
        return rounded
    step = 1 if missing > 0 else -1
    order = sorted(
        range(len(rounded)),
        key=lambda index: (step * (rounded[index] - raw_tenths[index]), index),
    )
    for turn in range(abs(missing)):
        rounded[order[turn % len(order)]] += step
    return rounded


def _confidence(
    best_fit: float, column_points: Sequence[float], rules: CompiledRules
) -> tuple[float, str, float]:
    """Return how sure the engine is (0-1), as a label, and how well the columns agree (0-1).

    The best row's fit, discounted by up to half as the three column shares spread over the
    whole range of the rule set's shares.
    """
    span = rules.share_span_points
    spread = max(column_points) - min(column_points)
    agreement = 1.0 if span == 0 else round(max(0.0, 1 - spread / span), 3)
    value = round(best_fit * (1 - AGREEMENT_WEIGHT * (1 - agreement)), 2)
    if value >= HIGH_CONFIDENCE:
        return value, "high", agreement
    if value >= MEDIUM_CONFIDENCE:
        return value, "medium", agreement
    return value, "low", agreement
