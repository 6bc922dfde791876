"""The recommendation engine: seed 000's decision matrix, weighed for real courses.

How the live share is worked out (all shares in points, 0-100):

1. Each column of the matrix (priority, learners, tech) gets a *column share*: the baseline
   (50, seed 000's balanced split) moved toward each row's share by how much that row
   speaks for the column (``matching.ColumnShares``).
2. The matrix part of the result is the weighted mean of the column shares; its factors are
   ``weight × (column share − baseline)``, so they add up to it exactly.
3. The matrix's tech column speaks of bandwidth and time zones, so low bandwidth (the share
   of learners on it, segment by segment) and the spread of waking hours (how short of the
   rule set's reach the best weekly live hour falls) are scaled by ``1 - best row fit``,
   the part of the course the matrix does not already account for.
4. What no row describes applies in full, from a neutral point the seed's rows sit at:
   cohort size (small cohorts gain, large ones lose, on a log scale), phones and tablets, Bloom
   levels that suit self-paced work more than the outcome's kind says, and an open,
   self-directed context. A course that fits a row and is ordinary in these respects gets
   exactly that row's share.
5. The instructor's live-teaching hours cap the share (seed 003), and the result is held
   within the rule set's bounds (min/max live share); each shows as a factor when it acts.
6. The sum is rounded to a tenth of a point; the factors are rounded so that they still add
   up to it exactly. Discipline guidance moves no points: it says which activities go live.

With the default rule set, adding a skill outcome to apply or analyse never lowers the
share; more learners, less shared waking time, more learners on phones, worse bandwidth or
fewer live hours never raise it; and it stays within the bounds (see the property tests).
"""

import math
from collections.abc import Sequence

from courses.choices import CourseContext, ObjectiveKind
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
        findings=_findings(course, compiled),
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
    # seed 000 calls the matrix "a starting point": bandwidth, which its tech column speaks
    # of, fills in only what the best row leaves uncovered.
    uncovered = 1 - best.overall
    if course.low_share and rules.low_bandwidth_points:
        sizes.append(("low_bandwidth", -rules.low_bandwidth_points * course.low_share * uncovered))
    # Row 2's "time zones" already prices in learners who cannot attend live, so the spread
    # of the cohort's waking hours, too, fills in only what the best row leaves uncovered.
    spread = spread_fraction(course.reach, rules.shared_hour_reach)
    if spread and rules.spread_points:
        sizes.append(("spread", -rules.spread_points * spread * uncovered))
    # What no row describes applies in full, from the point the seed's rows sit at.
    cohort = cohort_size_points(course.cohort_size, rules)
    if cohort:
        sizes.append(("cohort_size", cohort))
    if course.mobile_share and rules.mobile_points:
        sizes.append(("devices", -rules.mobile_points * course.mobile_share))
    if course.bloom_pull and rules.bloom_points:
        sizes.append(("bloom", -rules.bloom_points * course.bloom_pull))
    if course.context == CourseContext.OPEN and rules.open_context_points:
        sizes.append(("context", -rules.open_context_points))
    total = baseline + sum(size for _, size in sizes)
    capacity = course.capacity_points
    if capacity is not None and total > capacity:
        sizes.append(("capacity", capacity - total))
        total = capacity
    bounded = min(rules.max_live_points, max(rules.min_live_points, total))
    if bounded != total:
        sizes.append(("bounds", bounded - total))
    return sizes


def cohort_size_points(size: int, rules: CompiledRules) -> float:
    """Return the cohort-size factor in points: + below the small size (in full for one
    learner), 0 up to the ordinary size, - above it on a log scale (in full from the large
    size). Never rises with the size."""
    if size > rules.neutral_cohort_size:
        span = math.log(rules.large_cohort_size / rules.neutral_cohort_size)
        part = min(1.0, math.log(size / rules.neutral_cohort_size) / span)
        return -rules.large_cohort_points * part
    small = rules.small_cohort_size
    if size < small:
        return rules.small_cohort_points * (small - size) / (small - 1)
    return 0.0


def spread_fraction(reach: float, wanted: float) -> float:
    """Return how far short of ``wanted`` the reach of one live hour falls (0-1)."""
    return max(0.0, wanted - reach) / wanted


def _findings(course: CourseProfile, rules: CompiledRules) -> tuple[str, ...]:
    """Return what in the course's description is contradictory or impossible, and what the
    engine did about it: never a silent default."""
    findings = []
    if course.learner_count > course.stated_cohort_size:
        findings.append(
            f"Your segments hold {course.learner_count} learners, more than the cohort of "
            f"{course.stated_cohort_size}, so the recommendation counts {course.learner_count}. "
            f"Correct the cohort size or the segments' head counts."
        )
    skills = course.kind_counts.get(ObjectiveKind.INTERACTIVE_SKILL_MASTERY, 0)
    if course.live_hours_available == 0 and skills:
        findings.append(
            f"You have no live teaching hours, yet {skills} of your {course.outcome_count} "
            f"outcomes are skills to practise, which seed 003 places in live guided practice "
            f"and feedback (Gagné's events 5–7). So the recommendation is 0% live: build "
            f"guided practice with feedback into self-paced work, or find live hours."
        )
    capacity = course.capacity_points
    if capacity is not None and capacity < rules.min_live_points:
        findings.append(
            f"The rules ask for at least {rules.min_live_points:g}% live, more than your "
            f"{course.live_hours_available:g} live teaching hours a week allow "
            f"({capacity:.0f}% of {course.weekly_hours:g} hours), so the minimum is kept."
        )
    return tuple(findings)


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
