"""The words and details of a recommendation, written only when someone reads them.

``recommend`` works out every number and hands an ``Explanation`` to the
``Recommendation``; factor and confidence sentences, reasons, matched rows and outcome
leanings are produced from it on access (``to_dict()`` reads them all).
"""

from schedules.rules.compiled import CompiledRow, CompiledRules
from schedules.rules.course_profile import CourseProfile, self_paced_pull
from schedules.rules.facts import CourseFacts
from schedules.rules.matching import (
    ColumnShares,
    Fits,
    RowFit,
    bandwidth_fit,
    timezone_rows_membership,
)
from schedules.rules.outcome_leaning import outcome_leanings
from schedules.rules.recommendation import Factor, MatchedRule, OutcomeLeaning, SampleWeekMatch
from schedules.rules.sentences import (
    bloom_sentence,
    bounds_sentence,
    capacity_sentence,
    cohort_size_sentence,
    confidence_sentence,
    context_sentence,
    devices_sentence,
    discipline_advice,
    headline,
    learners_sentence,
    low_bandwidth_sentence,
    outcome_need_sentence,
    priority_sentence,
    spread_sentence,
    tech_sentence,
)
from schedules.rules.week_match import match_sample_week

FACTOR_LABELS = {
    "priority": "Learning outcomes",
    "learners": "Learners",
    "tech": "Tech and logistics",
    "outcome_need": "Outcomes that need no live time",
    "low_bandwidth": "Low bandwidth",
    "cohort_size": "Cohort size",
    "spread": "Shared waking hours",
    "devices": "Phones and tablets",
    "bloom": "Bloom levels",
    "context": "Context",
    "capacity": "Instructor's live hours",
    "bounds": "Rule set's bounds",
}


class Explanation:
    """Everything needed to explain one recommendation, kept from the engine's run."""

    __slots__ = ("best", "columns", "course", "facts", "fits", "rules")

    def __init__(
        self,
        facts: CourseFacts,
        course: CourseProfile,
        rules: CompiledRules,
        fits: Fits,
        best: RowFit,
        columns: ColumnShares,
    ) -> None:
        self.facts = facts
        self.course = course
        self.rules = rules
        self.fits = fits
        self.best = best
        self.columns = columns

    def factors(self, sizes: tuple[tuple[str, float], ...]) -> tuple[Factor, ...]:
        """Return each factor with its label and sentence, from its name and size in points."""
        total = self.rules.baseline_points + sum(points for _, points in sizes)
        return tuple(
            Factor(name, FACTOR_LABELS[name], points, self._sentence(name, points, total))
            for name, points in sizes
        )

    def advice(self) -> tuple[str, ...]:
        """Return the discipline's guidance from the rule set (seed 000): its advice and
        which activities go live and which self-paced, if any."""
        guide = self.rules.disciplines.get(self.course.discipline)
        return () if guide is None else discipline_advice(self.course.discipline, guide)

    def sample_week(self, live_share: float) -> SampleWeekMatch:
        """Return the sample week to start from, matched on the course's needs."""
        return match_sample_week(self.course, self.rules, live_share * 100)

    def _sentence(self, name: str, points: float, total: float) -> str:
        """Return the sentence of factor ``name``, which moved the split by ``points`` to a
        ``total`` share (in points)."""
        course, rules = self.course, self.rules
        if name == "priority":
            return priority_sentence(course, points)
        if name == "learners":
            return learners_sentence(course, rules, points)
        if name == "tech":
            return tech_sentence(course, self._closest_tech_row(), points)
        simple = {
            "low_bandwidth": lambda: low_bandwidth_sentence(
                rules.low_bandwidth_points,
                course.low_share,
                bandwidth_fit(course, self.fits, rules),
                points,
            ),
            "cohort_size": lambda: cohort_size_sentence(course, rules, points),
            "spread": lambda: spread_sentence(
                course, rules, 1 - timezone_rows_membership(self.columns, rules), points
            ),
            "outcome_need": lambda: outcome_need_sentence(course, rules, points),
            "devices": lambda: devices_sentence(course, rules, points),
            "bloom": lambda: bloom_sentence(course, rules, self._leaning_outcomes(), points),
            "context": lambda: context_sentence(rules, points),
            "capacity": lambda: capacity_sentence(course, points),
        }
        if name in simple:
            return simple[name]()
        return bounds_sentence(rules, total - points, total)

    def _leaning_outcomes(self) -> int:
        """Return how many outcomes sit at a Bloom level that leans self-paced (seed 003)."""
        return sum(1 for outcome in self.facts.outcomes if self_paced_pull(outcome))

    def confidence_sentence(self, label: str, agreement: float) -> str:
        """Return why the engine is as sure as it is."""
        points = self.columns.points
        return confidence_sentence(label, self.best, agreement, min(points), max(points))

    def _closest_tech_row(self) -> CompiledRow | None:
        """Return the row that speaks most for the tech column, or None if none does."""
        tech = self.columns.memberships(2)
        top = tech.index(max(tech))
        return self.fits.rows[top] if tech[top] > 0 else None

    def matched_rules(self) -> tuple[MatchedRule, ...]:
        """Return every row, best-fitting first, with its fits and its influence on the result."""
        rules, fits = self.rules, self.fits
        weights = (rules.weight_priority, rules.weight_learners, rules.weight_tech)
        memberships = [self.columns.memberships(column) for column in range(3)]
        ranked = sorted(range(len(fits.rows)), key=lambda index: (-fits.overall[index], index))
        matched = []
        for index in ranked:
            influence = sum(
                weight * members[index]
                for weight, members in zip(weights, memberships, strict=True)
            )
            fit = fits.row_fit(index)
            row = fit.row
            matched.append(
                MatchedRule(
                    id=row.id,
                    label=row.label,
                    live_share=row.share_points / 100,
                    source=row.source,
                    priority_fit=round(fit.priority, 3),
                    learners_fit=round(fit.learners, 3),
                    tech_fit=round(fit.tech, 3),
                    overall_fit=round(fit.overall, 3),
                    fits_fully=fit.full,
                    influence=round(influence, 3),
                )
            )
        return tuple(matched)

    def reasons(self, factors: tuple[Factor, ...]) -> tuple[str, ...]:
        """Return the headline, then the sentence of every factor that moved the split,
        largest first."""
        moved = sorted(
            (factor for factor in factors if factor.points), key=lambda factor: -abs(factor.points)
        )
        return (headline(self.best), *(factor.sentence for factor in moved))

    def outcome_leanings(self) -> tuple[OutcomeLeaning, ...]:
        """Return each outcome's leaning toward live or self-paced time (seed 003)."""
        return outcome_leanings(self.facts.outcomes)
