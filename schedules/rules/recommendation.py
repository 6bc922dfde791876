"""What the engine answers: a recommended live share and everything that explains it.

Frozen dataclasses. A ``Recommendation`` holds the numbers ``recommend`` worked out (the
share, each factor's size, the confidence); the objects that present them (factors with
their sentences, reasons, matched rows, outcome leanings, the tolerance band, the nearest
sample week) are built when read, which keeps the engine fast enough to re-run on every
edit. ``to_dict()`` gives all of it as plain JSON-ready data (enums as their values): what a
schedule stores and the ``recommend`` command prints.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

from courses.choices import BloomLevel, ObjectiveKind
from schedules.rules.choices import Modality
from schedules.rules.sample_weeks import SAMPLE_WEEKS


@dataclass(frozen=True, slots=True)
class MatchedRule:
    """One matrix row: how well the course fits it and how much it shaped the result.

    ``influence`` is the weighted share of the three columns that this row determined (0-1).
    """

    id: str
    label: str
    live_share: float
    source: str
    priority_fit: float
    learners_fit: float
    tech_fit: float
    overall_fit: float
    fits_fully: bool
    influence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "live_share": self.live_share,
            "source": self.source,
            "fit": {
                "priority": self.priority_fit,
                "learners": self.learners_fit,
                "tech": self.tech_fit,
                "overall": self.overall_fit,
            },
            "fits_fully": self.fits_fully,
            "influence": self.influence,
        }


@dataclass(frozen=True, slots=True)
class Factor:
    """One reason the share moved from the baseline, in signed share points (+ = more live)."""

    name: str
    label: str
    points: float
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "points": self.points,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class Confidence:
    """How sure the engine is (0-1), as a label (high, medium, low) and a sentence.

    ``agreement`` (0-1) says how close the three columns' shares are to each other.
    """

    value: float
    label: str
    agreement: float
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "label": self.label,
            "agreement": self.agreement,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class ToleranceBand:
    """The range of live shares (0-1) that still counts as following the recommendation."""

    low: float
    high: float
    points: float

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "points": self.points}


@dataclass(frozen=True, slots=True)
class SampleWeekMatch:
    """The seed 000 sample week to start from, and why (the course's needs, or its share)."""

    letter: str
    title: str
    live_share: float
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "letter": self.letter,
            "title": self.title,
            "live_share": self.live_share,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class OutcomeLeaning:
    """Whether one outcome leans live or self-paced, with Gagné's events and why (seed 003)."""

    index: int
    text: str
    bloom: BloomLevel
    kind: ObjectiveKind
    leaning: Modality
    gagne_events: tuple[int, ...]
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "bloom": self.bloom.value,
            "kind": self.kind.value,
            "leaning": self.leaning.value,
            "gagne_events": list(self.gagne_events),
            "why": self.why,
        }


class Explainer(Protocol):
    """What writes the parts of a recommendation that are only needed when read."""

    def factors(self, sizes: tuple[tuple[str, float], ...]) -> tuple[Factor, ...]: ...

    def confidence_sentence(self, label: str, agreement: float) -> str: ...

    def matched_rules(self) -> tuple[MatchedRule, ...]: ...

    def reasons(self, factors: tuple[Factor, ...]) -> tuple[str, ...]: ...

    def outcome_leanings(self) -> tuple[OutcomeLeaning, ...]: ...

    def advice(self) -> tuple[str, ...]: ...

    def sample_week(self, live_share: float) -> SampleWeekMatch: ...


# seed 000's sample weeks A, B and C (50%, 33% and 17% live), with their exact shares.
_SAMPLE_WEEKS = tuple(
    (week.live_share, SampleWeekMatch(week.letter, week.title, round(week.live_share, 3)))
    for week in SAMPLE_WEEKS.values()
)


def nearest_sample_week(live_share: float) -> SampleWeekMatch:
    """Return the sample week whose live share is closest (the first listed on a tie).

    By share alone; a recommendation's ``nearest_sample_week`` is matched on the course's
    needs (``schedules.rules.week_match``)."""
    return min(_SAMPLE_WEEKS, key=lambda week: abs(week[0] - live_share))[1]


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommended live share (0-1) and its explanation.

    ``factor_points`` holds each factor's name and signed size in share points; they add up
    exactly, to the tenth of a point, to the result (``findings`` says what in the course's
    description was contradictory or impossible, and what the engine did about it):
    ``baseline * 100 + sum(points) == live_share * 100`` (compare in tenths, or with a
    tolerance of 1e-9, as these are floats). The properties below are built each time they
    are read; keep the result (or ``to_dict()``) when it is needed more than once.
    """

    live_share: float
    baseline: float
    tolerance_points: float
    factor_points: tuple[tuple[str, float], ...]
    confidence_value: float
    confidence_label: str
    agreement: float
    rule_version: int | None
    explainer: Explainer = field(repr=False, compare=False)
    findings: tuple[str, ...] = ()

    @property
    def live_percent(self) -> int:
        """Return the live share as a whole percentage, as schedules store it."""
        return round(self.live_share * 100)

    @property
    def tolerance(self) -> ToleranceBand:
        """Return the band of live shares that still follow the recommendation."""
        tenths, width = round(self.live_share * 1000), round(self.tolerance_points * 10)
        return ToleranceBand(
            low=max(0, tenths - width) / 1000,
            high=min(1000, tenths + width) / 1000,
            points=self.tolerance_points,
        )

    @property
    def factors(self) -> tuple[Factor, ...]:
        """Return what moved the share from the baseline, with a sentence each."""
        return self.explainer.factors(self.factor_points)

    @property
    def confidence(self) -> Confidence:
        """Return how sure the engine is, and why."""
        sentence = self.explainer.confidence_sentence(self.confidence_label, self.agreement)
        return Confidence(self.confidence_value, self.confidence_label, self.agreement, sentence)

    @property
    def nearest_sample_week(self) -> SampleWeekMatch:
        """Return the seed 000 sample week (A, B or C) to start from, matched on the
        course's needs among the weeks near the recommended share, with the reason."""
        return self.explainer.sample_week(self.live_share)

    @property
    def matched_rules(self) -> tuple[MatchedRule, ...]:
        """Return every matrix row, best-fitting first, with its fits and influence."""
        return self.explainer.matched_rules()

    @property
    def reasons(self) -> tuple[str, ...]:
        """Return the headline, then the sentence of each factor that moved the split."""
        return self.explainer.reasons(self.factors)

    @property
    def outcome_leanings(self) -> tuple[OutcomeLeaning, ...]:
        """Return whether each outcome leans live or self-paced, and why (seed 003)."""
        return self.explainer.outcome_leanings()

    @property
    def advice(self) -> tuple[str, ...]:
        """Return the discipline's guidance (seed 000): its advice and which activities go
        live and which self-paced, if the rule set gives any."""
        return self.explainer.advice()

    def to_dict(self) -> dict[str, Any]:
        """Return the recommendation as JSON-ready data."""
        factors = self.factors
        return {
            "live_share": self.live_share,
            "baseline": self.baseline,
            "tolerance": self.tolerance.to_dict(),
            "matched_rules": [rule.to_dict() for rule in self.matched_rules],
            "confidence": self.confidence.to_dict(),
            "factors": [factor.to_dict() for factor in factors],
            "reasons": list(self.explainer.reasons(factors)),
            "nearest_sample_week": self.nearest_sample_week.to_dict(),
            "outcome_leanings": [leaning.to_dict() for leaning in self.outcome_leanings],
            "advice": list(self.advice),
            "findings": list(self.findings),
            "rule_version": self.rule_version,
        }
