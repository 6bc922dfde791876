"""Formative results per outcome from the pilot's imported scores (issue #16: "formative
results per outcome where a grades export gives them"; seed 001: learning analytics on
"engagement, pace, and performance"). Plain Python over (outcome, learner, activity, best
score) rows, which the evidence page groups in the database.

A learner's result on an outcome is the mean of their best score on each scored activity
mapped to a block that serves the outcome; the outcome's figures are the mean of those
results and the share of learners at or above the pass mark (``PILOT_PASS_MARK_PERCENT``).
A figure about fewer than five learners is hidden (``held_back``, our privacy rule).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schedules.pilot_imports import held_back
from schedules.rules.checks import Finding, Severity

# Our threshold, not a seed's: under half the learners at the pass mark is worth a look.
LAGGING_SHARE = 50


@dataclass(frozen=True, slots=True)
class OutcomeResult:
    outcome_id: int
    text: str
    learners: int
    mean: int | None  # percent; None when hidden
    passed: int | None  # percent of the learners at or above the pass mark; None when hidden

    @property
    def hidden(self) -> bool:
        return held_back(self.learners)


def outcome_results(
    rows: Iterable[tuple[int, str, int, float]],
    outcomes: dict[int, str],
    pass_mark: int,
) -> list[OutcomeResult]:
    """Return each outcome's results, in the order of ``outcomes``, from (outcome id,
    learner, activity id, best score 0..1) rows; an outcome with no score is left out."""
    scores: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for outcome_id, learner, _activity, best in rows:
        scores[outcome_id][learner].append(best)
    results = []
    for outcome_id, text in outcomes.items():
        by_learner = scores.get(outcome_id)
        if not by_learner:
            continue
        means = [sum(values) / len(values) for values in by_learner.values()]
        hidden = held_back(len(means))
        results.append(
            OutcomeResult(
                outcome_id=outcome_id,
                text=text,
                learners=len(means),
                mean=None if hidden else round(sum(means) * 100 / len(means)),
                passed=None
                if hidden
                else round(
                    sum(round(mean * 100, 6) >= pass_mark for mean in means) * 100 / len(means)
                ),
            )
        )
    return results


def lagging_outcomes(results: Sequence[OutcomeResult], pass_mark: int) -> list[Finding]:
    """A finding per outcome under ``LAGGING_SHARE``% of whose learners reached the pass
    mark (figures about fewer than five learners are not judged)."""
    return [
        Finding(
            check="pilot-outcome-lags",
            severity=Severity.WARNING,
            message=f"Outcome “{row.text}”: {row.passed}% of {row.learners} learners reached "
            f"the pass mark of {pass_mark}% in the pilot's scored work (mean {row.mean}%) "
            "(seed 001).",
            fix="Add a formative check with feedback on it before the live session, or give "
            "the blocks that serve it more time.",
            source="seed 001",
            subject=f"outcome-{row.outcome_id}",
        )
        for row in results
        if row.passed is not None and row.passed < LAGGING_SHARE
    ]
