"""Whether each learning outcome leans toward live or self-paced time (seed 003).

Seed 003 lays Bloom's taxonomy along Gagné's nine events of instruction: events 1-4 (Bloom's
remember and understand) suit self-paced work, events 5-7 (apply and analyse) are where live
time pays most, and events 8-9 (evaluate and create) suit self-paced work again.
"""

from dataclasses import dataclass

from courses.choices import BloomLevel
from schedules.rules.choices import GagneEvent, Modality
from schedules.rules.facts import OutcomeFacts
from schedules.rules.recommendation import OutcomeLeaning


def _events(*events: GagneEvent) -> tuple[int, ...]:
    """Return Gagné event numbers as plain ints, as they appear in JSON."""
    return tuple(int(event) for event in events)


@dataclass(frozen=True, slots=True)
class _Stage:
    leaning: Modality
    gagne_events: tuple[int, ...]
    why: str


_PREPARE = _Stage(
    Modality.SELF_PACED,
    _events(
        GagneEvent.GAIN_ATTENTION,
        GagneEvent.STATE_OBJECTIVES,
        GagneEvent.RECALL_PRIOR,
        GagneEvent.PRESENT_CONTENT,
    ),
    "Remembering and understanding match Gagné's events 1-4 (gain attention, state "
    "objectives, recall prior learning, present content), which suit self-paced work "
    "(seed 003).",
)
_PRACTISE = _Stage(
    Modality.LIVE,
    _events(GagneEvent.GUIDE_LEARNING, GagneEvent.ELICIT_PERFORMANCE, GagneEvent.FEEDBACK),
    "Applying and analysing match Gagné's events 5-7 (guided practice, performance, "
    "feedback), where live time pays most (seed 003).",
)
_TRANSFER = _Stage(
    Modality.SELF_PACED,
    _events(GagneEvent.ASSESS_PERFORMANCE, GagneEvent.RETENTION_TRANSFER),
    "Evaluating and creating match Gagné's events 8-9 (assess performance, retention and "
    "transfer), which suit self-paced work with time for reflection (seed 003).",
)
_STAGE_OF = {
    BloomLevel.REMEMBER: _PREPARE,
    BloomLevel.UNDERSTAND: _PREPARE,
    BloomLevel.APPLY: _PRACTISE,
    BloomLevel.ANALYZE: _PRACTISE,
    BloomLevel.EVALUATE: _TRANSFER,
    BloomLevel.CREATE: _TRANSFER,
}


def outcome_leanings(outcomes: tuple[OutcomeFacts, ...]) -> tuple[OutcomeLeaning, ...]:
    """Return each outcome's leaning, in the order given, numbered from 0."""
    leanings = []
    for index, outcome in enumerate(outcomes):
        stage = _STAGE_OF[outcome.bloom]
        leanings.append(
            OutcomeLeaning(
                index=index,
                text=outcome.text,
                bloom=outcome.bloom,
                kind=outcome.kind,
                leaning=stage.leaning,
                gagne_events=stage.gagne_events,
                why=stage.why,
            )
        )
    return tuple(leanings)
