"""The recommendation engine: seed 000's decision matrix, weighed for real courses.

How the live share is worked out (all shares in points, 0-100):

1. Each column of the matrix (priority, learners, tech) gets a *column share*: the baseline
   (50, seed 000's balanced split) moved toward each row's share by how much that row
   speaks for the column (``matching.ColumnShares``).
2. The matrix part of the result is the weighted mean of the column shares; its factors are
   ``weight × (column share − baseline)``, so they add up to it exactly.
3. Outcomes drive the blend (seed 000): the learners' and tech columns' pull toward live
   time (a local cohort, a lab) is withdrawn in proportion to the share of outcomes of
   knowledge acquisition, times the rule set's ``outcome_need_share`` (factor
   ``outcome_need``). A course of skill or mixed outcomes keeps the matrix as it is.
4. The matrix's tech column speaks of bandwidth, so low bandwidth (the share of learners on
   it, segment by segment) is scaled by ``1 -`` the fit of the best row allowing low
   bandwidth (``matching.bandwidth_fit``: its bandwidth condition counted as met, its time
   zones as unmet), the part of the course the matrix does not already account for. It
   speaks of time zones too, so the spread of waking hours (how short of the rule set's
   reach the best weekly live hour falls) is scaled by ``1 - membership`` of the rows
   naming time zones in the tech column: what the tech column has not already priced in.
5. What no row describes applies in full, from a neutral point the seed's rows sit at:
   cohort size (small cohorts gain, large ones lose, on a log scale), phones and tablets,
   Bloom levels that suit self-paced work more than the outcome's kind says, and an open,
   self-directed context. A course that fits a row and is ordinary in these respects gets
   exactly that row's share.
6. The instructor's live-teaching hours cap the share (seed 003), and the result is held
   within the rule set's bounds (min/max live share); each shows as a factor when it acts.
7. The sum is rounded to a tenth of a point; the factors are rounded so that they still add
   up to it exactly. Discipline guidance moves no points: it says which activities go live.

With the default rule set, adding a skill outcome to apply or analyse never lowers the
share; more learners, less shared waking time, more learners on phones, worse bandwidth or
fewer live hours never raise it; and it stays within the bounds (see the property tests).
"""

import math
from collections.abc import Sequence

from courses.choices import CourseContext, LearnerProfileKind, ObjectiveKind
from schedules.rules.compiled import CompiledRules, compile_rules
from schedules.rules.course_profile import CourseProfile, describe_course
from schedules.rules.explanation import Explanation
from schedules.rules.facts import CourseFacts
from schedules.rules.matching import (
    ColumnShares,
    Fits,
    bandwidth_fit,
    timezone_rows_membership,
)
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
    sizes = _factor_sizes(course, compiled, fits, columns)
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
        findings=_findings(course, compiled, dict(sizes).get("capacity", 0.0)),
    )


def _factor_sizes(
    course: CourseProfile, rules: CompiledRules, fits: Fits, columns: ColumnShares
) -> list[tuple[str, float]]:
    """Return every factor's name and unrounded size in points, the three columns first."""
    baseline = rules.baseline_points
    priority, learners, tech = columns.points
    sizes = [
        ("priority", rules.weight_priority * (priority - baseline)),
        ("learners", rules.weight_learners * (learners - baseline)),
        ("tech", rules.weight_tech * (tech - baseline)),
    ]
    need = outcome_need_points(course, rules, sizes[1][1], sizes[2][1])
    if need:
        sizes.append(("outcome_need", need))
    # seed 000 calls the matrix "a starting point": bandwidth, which its tech column speaks
    # of, fills in only what the best row allowing low bandwidth leaves uncovered, that fit
    # read so that worse bandwidth or learners farther away never lessen it.
    uncovered = 1 - bandwidth_fit(course, fits, rules)
    if course.low_share and rules.low_bandwidth_points:
        sizes.append(("low_bandwidth", -rules.low_bandwidth_points * course.low_share * uncovered))
    spread = spread_points(course, rules, columns)
    if spread:
        sizes.append(("spread", spread))
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


def outcome_need_points(
    course: CourseProfile, rules: CompiledRules, learners: float, tech: float
) -> float:
    """Return the outcome-need factor in points (0 or less), from the learners' and tech
    factors.

    seed 000: "your learning outcomes, learner constraints, and assessment strategy should
    drive the blend", and "use synchronous time for interaction-intensive tasks". A local,
    well-equipped cohort makes live time possible, not needed: the learners' and tech
    columns' pull toward live time is withdrawn in proportion to the outcomes of knowledge
    acquisition, which ask for none (seed 000, STEM: "foundational content is
    asynchronous"). Their pull toward self-paced time (distance, bandwidth) stays whole, and
    a course of skill or mixed outcomes keeps the matrix as it is.
    """
    knowledge = course.kind_counts.get(ObjectiveKind.KNOWLEDGE_ACQUISITION, 0)
    toward_live = max(0.0, learners) + max(0.0, tech)
    if not (knowledge and toward_live and rules.outcome_need_share):
        return 0.0
    return -rules.outcome_need_share * knowledge / course.outcome_count * toward_live


def spread_points(course: CourseProfile, rules: CompiledRules, columns: ColumnShares) -> float:
    """Return the shared-waking-hours factor in points (0 or less).

    seed 003: for "those in far-flung time zones, asynchronous learning may be the ONLY type
    of learning they can take advantage of". Row 2's "time zones" (seed 000) already prices
    that in, but only as far as such a row speaks for the tech column, where time zones are
    weighed: a course whose tech column another row takes over (a seminar with an LMS and
    reliable bandwidth across three continents meets row 3's "moderate tech") gets the
    spread nearly in full, and a course fitting row 2 fully keeps exactly 30%.
    """
    spread = spread_fraction(course.reach, rules.shared_hour_reach)
    if not (spread and rules.spread_points):
        return 0.0
    return -rules.spread_points * spread * (1 - timezone_rows_membership(columns, rules))


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


def _findings(course: CourseProfile, rules: CompiledRules, capped_by: float) -> tuple[str, ...]:
    """Return what in the course's description is contradictory or impossible, and what the
    engine did about it: never a silent default.

    ``capped_by`` is the capacity factor (0 or less): how far the instructor's live hours
    held the share below what the rest of the description calls for.
    """
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
    hours = course.live_hours_available
    if hours is not None and hours > course.weekly_hours:
        findings.append(
            f"The instructor can teach {hours:g} live hours a week, more than the "
            f"{course.weekly_hours:g}-hour weekly load: the engine counts the whole load as "
            f"the most live time there can be. Correct the live teaching hours or the weekly "
            f"hours."
        )
    far_local = course.learner_count - course.local_count
    if course.learner_profile == LearnerProfileKind.FULL_TIME_LOCAL and far_local:
        findings.append(
            f"The cohort is described as full-time and local, yet {far_local} of "
            f"{course.learner_count} learners are more than {rules.local_timezone_hours:g} "
            f"hours from the instructor's clock: the matrix counts only the "
            f"{course.local_count} near learners as local. Correct the learners' profile or "
            f"the segments' time zones."
        )
    # seed 003: live time "is limited by the amount of time they have available for live
    # online teaching". The stored hours may be the course's default (4), never chosen, so
    # a cap that acts is said, with what the rest of the description asks for.
    if capped_by < 0 and not (hours == 0 and skills):
        held = course.capacity_points or 0.0
        wanted = min(rules.max_live_points, held - capped_by)
        findings.append(
            f"The instructor's {hours:g} live teaching hours a week hold live time to "
            f"{held:.0f}% of the {course.weekly_hours:g}-hour load, "
            f"below the {wanted:.0f}% the rest of the description calls for (seed 003: live "
            f"time 'is limited by the amount of time they have available for live online "
            f"teaching'). If you can teach more, raise the live teaching hours on the "
            f"course's settings; if {hours:g} is right, plan the blend within it."
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
