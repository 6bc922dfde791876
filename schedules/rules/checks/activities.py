"""Checks that read what an activity does, not what it is called: its Gagné events, its
delivery (interactive or presentational), the outcomes it serves and the weeks it runs in
(seeds 003, 004).

A live lecture that guides practice, elicits performance and gives feedback (Gagné 5–7) is
live time well used; a seminar marked presentational is not. A graded live activity is
covered only by a self-paced assessment of the same outcome in the same week.
"""

from collections import Counter

from courses.choices import ObjectiveKind
from schedules.rules.checks.facts import BlendFacts, BlockFacts, OutcomeRef
from schedules.rules.checks.findings import Finding, Severity
from schedules.rules.checks.repeats import repeats_of
from schedules.rules.checks.wording import blocks_named, finding, quoted, when
from schedules.rules.choices import ActivityType, Weekday
from schedules.rules.weeks import weeks_phrase

PRESENTING_EVENTS = {1, 2, 3, 4}  # seed 003: Gagné 1-4 suit self-paced work
PRACTICE_EVENTS = {5, 6, 7}  # seed 003: Gagné 5-7 are where live time pays most
ASSESS_EVENT = 8
# Self-paced work that assesses by its nature (seed 003: "a computer graded test").
ASSESSING_TYPES = {ActivityType.QUIZ, ActivityType.LIVE_ASSESSMENT}
MONOTONY_MIN_BLOCKS = 3


def practises(block: BlockFacts) -> bool:
    """Whether ``block`` says it guides practice, elicits performance or gives feedback
    (Gagné 5–7) and is not delivered as a presentation."""
    return not block.presentational and bool(PRACTICE_EVENTS & set(block.gagne_events))


def presents(block: BlockFacts) -> str | None:
    """Return why ``block`` reads as presenting rather than interacting, or None."""
    if block.presentational:
        return "its delivery is presentational"
    if practises(block):
        return None
    events = set(block.gagne_events)
    if events and events <= PRESENTING_EVENTS:
        return "its Gagné events are only the first four (attention, objectives, recall, content)"
    if block.activity_type == ActivityType.LIVE_LECTURE:
        return "it is a lecture naming no guided practice, performance or feedback (Gagné 5–7)"
    return None


def passive_live_time(facts: BlendFacts) -> list[Finding]:
    """Live blocks that only present: "did that really have to be a meeting?" (seed 003);
    "defaulting to lecture in live time" (seed 000). Read from the block's delivery and its
    Gagné events; a lecture counts only when it names no practice."""
    found = []
    for block in facts.blocks:
        if not block.is_live or (reason := presents(block)) is None:
            continue
        found.append(
            finding(
                "passive-live-time",
                Severity.WARNING,
                block,
                f"{quoted(block)} ({when(block)}) spends {block.duration_minutes} minutes of "
                f"live time presenting: {reason}.",
                f"Move the presentation in {quoted(block)} to a recording due before it and use "
                f"its {block.duration_minutes} minutes for guided practice, performance and "
                "feedback (Gagné's events 5–7); if it already does that, mark it interactive "
                "and tick those events.",
                "seeds 000, 003",
            )
        )
    return found


def _done_by(block: BlockFacts) -> int:
    return max(block.day, block.due_day if block.due_day is not None else block.day)


def _prepared_weeks(facts: BlendFacts) -> tuple[list[int], list[int]]:
    """Return, per week (index 0 unused), the first and last day self-paced work is done by
    (8 and -1 when there is none)."""
    first = [8] * (facts.weeks + 2)
    last = [-1] * (facts.weeks + 2)
    for block in facts.blocks:
        if block.is_live:
            continue
        for week in block.weeks or range(1, facts.weeks + 1):
            if 1 <= week <= facts.weeks:
                first[week] = min(first[week], _done_by(block))
                last[week] = max(last[week], _done_by(block))
    return first, last


def live_without_preparation(facts: BlendFacts) -> list[Finding]:
    """Live sessions with no self-paced preparation in the seven days before them (seeds 003,
    004): work done by the session's day that week, or set late the week before (a reading
    due Sunday prepares Monday's seminar)."""
    first, last = _prepared_weeks(facts)
    found = []
    for live in (block for block in facts.blocks if block.is_live):
        weeks = live.weeks or range(1, facts.weeks + 1)
        unprepared = [
            week
            for week in weeks
            if 1 <= week <= facts.weeks
            and first[week] > live.day
            and not (week > 1 and last[week - 1] > live.day)
        ]
        if unprepared:
            day = Weekday(live.day).label
            found.append(
                finding(
                    "live-without-preparation",
                    Severity.WARNING,
                    live,
                    f"{quoted(live)} ({day}) has no self-paced preparation before it in "
                    f"{weeks_phrase(unprepared)}: nothing due by {day} that week, nor set late "
                    "the week before.",
                    f"Add a 20-minute pre-reading or short video due by {day} in "
                    f"{weeks_phrase(unprepared)}, on what {quoted(live)} practises, so the live "
                    "time builds on it.",
                    "seeds 003, 004",
                    weeks=unprepared,
                )
            )
    return found


def _graded(block: BlockFacts) -> bool:
    return block.activity_type == ActivityType.LIVE_ASSESSMENT or ASSESS_EVENT in block.gagne_events


def _assesses(block: BlockFacts) -> bool:
    return not block.is_live and (
        ASSESS_EVENT in block.gagne_events or block.activity_type in ASSESSING_TYPES
    )


def _outcome_names(facts: BlendFacts, ids: tuple[int, ...]) -> str:
    texts = [f"“{o.text}”" for o in facts.outcomes if o.id in ids]
    return ", ".join(texts) or "its outcomes"


def _alternatives(
    facts: BlendFacts, block: BlockFacts, offerings: tuple[BlockFacts, ...]
) -> list[BlockFacts]:
    """Return what stands in for graded live ``block``: self-paced assessments of one of its
    outcomes (any, when it names none), or another offering of the session."""
    wanted = set(block.outcome_ids)
    return [
        other
        for other in facts.blocks
        if other is not block
        and (
            other in offerings
            or (_assesses(other) and (not wanted or wanted & set(other.outcome_ids)))
        )
    ]


def graded_live_without_alternative(facts: BlendFacts) -> list[Finding]:
    """Graded live activity with no alternative, on the same outcome and in the same week,
    for learners who cannot attend (seed 002)."""
    found = []
    offerings = repeats_of(facts.blocks)
    for block in facts.blocks:
        if not (block.is_live and _graded(block)):
            continue
        alternatives = _alternatives(facts, block, offerings.get(block.id, ()))
        weeks = [w for w in block.weeks or range(1, facts.weeks + 1) if 1 <= w <= facts.weeks]
        uncovered = [w for w in weeks if not any(alt.runs_in(w) for alt in alternatives)]
        if not uncovered:
            continue
        outcomes = _outcome_names(facts, block.outcome_ids)
        elsewhere = [
            other
            for other in facts.blocks
            if _assesses(other) and other not in alternatives and any(map(other.runs_in, uncovered))
        ]
        aside = (
            f" ({blocks_named(elsewhere)} assess{'es' if len(elsewhere) == 1 else ''} other "
            "outcomes)"
            if elsewhere
            else ""
        )
        found.append(
            finding(
                "graded-live-without-alternative",
                Severity.WARNING,
                block,
                f"{quoted(block)} ({when(block)}) is graded live on {outcomes}, and in "
                f"{weeks_phrase(uncovered)} no self-paced assessment of that outcome stands in "
                f"for learners who cannot attend{aside}.",
                f"Offer a self-paced assessment of {outcomes} in {weeks_phrase(uncovered)} (a "
                "recorded submission or a quiz), or link an assessment that covers it to that "
                "outcome.",
                "seed 002",
                weeks=uncovered,
            )
        )
    return found


def _skill_finding(outcome: OutcomeRef, serving: list[BlockFacts]) -> Finding:
    presenting = [block for block in serving if block.is_live]
    if presenting:
        message = (
            f"The skill “{outcome.text}” is practised nowhere: {blocks_named(presenting)} "
            f"only {'presents' if len(presenting) == 1 else 'present'} it live, and nothing "
            "else guides practice with feedback."
        )
        fix = (
            f"Turn part of {quoted(presenting[0])} into guided practice with feedback "
            "(Gagné's events 5–7), or add a live lab or workshop on it."
        )
    else:
        message = (
            f"The skill “{outcome.text}” has no live or guided-practice activity: "
            f"{blocks_named(serving)} {'serves' if len(serving) == 1 else 'serve'} it "
            "self-paced without practice."
        )
        fix = (
            "Add a live practice session on it, or guided practice with feedback "
            "(Gagné's events 5–7) to one of those blocks."
        )
    return finding(
        "skill-without-practice",
        Severity.WARNING,
        None,
        message,
        fix,
        "seeds 000, 003",
        subject=f"outcome-{outcome.id}",
    )


def outcomes_not_served(facts: BlendFacts) -> list[Finding]:
    """Outcomes no block serves; skill outcomes that nothing practises: no live session that
    interacts and no guided practice (seeds 000, 003, 004)."""
    found = []
    for outcome in facts.outcomes:
        serving = [block for block in facts.blocks if outcome.id in block.outcome_ids]
        if not serving:
            found.append(
                finding(
                    "outcome-not-served",
                    Severity.WARNING,
                    None,
                    f"No activity serves the outcome “{outcome.text}”.",
                    "Link an activity to it, or add one that serves it.",
                    "seed 004 (backward design)",
                    subject=f"outcome-{outcome.id}",
                )
            )
        elif outcome.kind == ObjectiveKind.INTERACTIVE_SKILL_MASTERY and not any(
            practises(block) or (block.is_live and presents(block) is None) for block in serving
        ):
            found.append(_skill_finding(outcome, serving))
    return found


def _occurrences(facts: BlendFacts) -> Counter[ActivityType]:
    """Return how many times each kind of activity happens over the course."""
    counts: Counter[ActivityType] = Counter()
    for block in facts.blocks:
        runs = (
            len({w for w in block.weeks if 1 <= w <= facts.weeks}) if block.weeks else facts.weeks
        )
        counts[ActivityType(block.activity_type)] += runs
    return counts


def monotony_severity(share: float, facts: BlendFacts) -> Severity | None:
    """Return how serious one kind of activity making up ``share`` of the course is: a
    suggestion above the rules' share, a warning and then a problem as it grows."""
    limits = facts.thresholds
    if share >= limits.monotony_problem_share:
        return Severity.PROBLEM
    if share >= limits.monotony_warning_share:
        return Severity.WARNING
    if share > limits.monotony_share:
        return Severity.INFO
    return None


def monotony(facts: BlendFacts) -> list[Finding]:
    """The same activity type nearly everywhere, week after week (seed 004: "The goal is not
    to use just one method"), more serious the larger its share of all the activities."""
    # A draft of one or two blocks has no method to judge yet.
    if len(facts.blocks) < MONOTONY_MIN_BLOCKS:
        return []
    counts = _occurrences(facts)
    total = sum(counts.values())
    if total < MONOTONY_MIN_BLOCKS:
        return []
    kind, count = counts.most_common(1)[0]
    share = count / total
    severity = monotony_severity(share, facts)
    if severity is None:
        return []
    same = [block for block in facts.blocks if block.activity_type == kind]
    return [
        finding(
            "monotony",
            severity,
            None,
            f"{'All' if count == total else f'{count} of the'} {total} activities over "
            f"{facts.weeks} weeks ({share:.0%}) are "
            f"“{kind.label}”: {blocks_named(same)}.",
            f"Vary the activities: turn some of {blocks_named(same, 2)} into another kind "
            "(a discussion, a live practice session, a peer review or a reflection), at least "
            f"until no kind is more than {facts.thresholds.monotony_share:.0%} of them.",
            "seed 004",
        )
    ]
