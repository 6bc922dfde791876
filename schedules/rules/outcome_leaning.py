"""Whether each learning outcome leans toward live or self-paced time (seed 003).

Seed 003 lays Bloom's taxonomy along Gagné's nine events of instruction: events 1-4 (Bloom's
remember and understand) suit self-paced work, events 5-7 (apply and analyse) are where live
time pays most, and events 8-9 (evaluate and create) suit self-paced work again.
"""

from dataclasses import dataclass

from courses.choices import BloomLevel, ObjectiveKind
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
    # A skill to practise leans live by its kind (seed 000's matrix); where its Bloom level
    # leans it self-paced instead, the page says why beside it, naming kind and level.
    skill_why: str = ""


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
    "A skill, but one to remember or understand first: that is Gagné's events 1-4 (gain "
    "attention, state objectives, recall prior learning, present content), which suit "
    "self-paced work; practise it with feedback live later (seed 003).",
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
    # seed 003 on the top of Bloom's taxonomy: "We are now at the highest levels of Bloom's
    # taxonomy, where we ask learners to evaluate their learning and use it to create
    # something new. The privacy and time for creative self-reflection provided by
    # asynchronous learning work well for activities of this nature." So a skill to create
    # rightly leans self-paced; the leaning stays, and its reason says so.
    "A skill, but at the top of Bloom's taxonomy: evaluating and creating something new are "
    "Gagné's events 8-9, where 'the privacy and time for creative self-reflection provided "
    "by asynchronous learning work well', so it leans self-paced; give the practice leading "
    "up to it live feedback (seed 003).",
)
_STAGE_OF = {
    BloomLevel.REMEMBER: _PREPARE,
    BloomLevel.UNDERSTAND: _PREPARE,
    BloomLevel.APPLY: _PRACTISE,
    BloomLevel.ANALYZE: _PRACTISE,
    BloomLevel.EVALUATE: _TRANSFER,
    BloomLevel.CREATE: _TRANSFER,
}


def _why(stage: _Stage, kind: ObjectiveKind) -> str:
    """Return why an outcome of ``kind`` at ``stage`` leans as it does."""
    if kind == ObjectiveKind.INTERACTIVE_SKILL_MASTERY and stage.skill_why:
        return stage.skill_why
    return stage.why


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
                why=_why(stage, outcome.kind),
            )
        )
    return tuple(leanings)
