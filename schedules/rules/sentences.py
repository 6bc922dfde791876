"""The sentences that explain a recommendation, one per factor, plus headline and confidence.

One voice throughout, written to the instructor: what about *your* course or learners moved
the split, which way ("so live time gets more weight" / "so self-paced work gets more
weight"), by how much in share points ("+2.2 points", the factor's own apportioned number,
so the sentence and the factor table agree), and on whose word (a seed, which pages show as
a citation). Where a rule-set size was scaled, the sentence says so in words ("up to 10 for
a whole cohort"), so that an admin can still trace it back to the rule set.
"""

import math

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.compiled import CompiledRow, CompiledRules, DisciplineGuidance
from schedules.rules.course_profile import CourseProfile
from schedules.rules.matching import RowFit

_KIND_PHRASE = {
    ObjectiveKind.INTERACTIVE_SKILL_MASTERY: "skills to practise",
    ObjectiveKind.KNOWLEDGE_ACQUISITION: "knowledge to take in",
    ObjectiveKind.MIXED: "a mix of skills and knowledge",
}
_KIND_SINGLE = {
    ObjectiveKind.INTERACTIVE_SKILL_MASTERY: "a skill to practise",
    ObjectiveKind.KNOWLEDGE_ACQUISITION: "knowledge to take in",
    ObjectiveKind.MIXED: "a mix of skills and knowledge",
}
# One outcome of a kind, and several, as a list of kinds counts them ("1 skill to practise,
# 2 knowledge outcomes").
_KIND_COUNTED = {
    ObjectiveKind.INTERACTIVE_SKILL_MASTERY: ("skill to practise", "skills to practise"),
    ObjectiveKind.KNOWLEDGE_ACQUISITION: ("knowledge outcome", "knowledge outcomes"),
    ObjectiveKind.MIXED: ("mixed outcome", "mixed outcomes"),
}
_PROFILE_PHRASE = {
    LearnerProfileKind.FULL_TIME_LOCAL: "Your learners are full-time and local",
    LearnerProfileKind.DISTRIBUTED_PROFESSIONALS: (
        "Your learners are working professionals spread over several places"
    ),
    LearnerProfileKind.HYBRID: "Your cohort is hybrid, some together and some remote",
}


def percent(share: float) -> str:
    """Return a 0-1 share as a whole percentage, e.g. "67%"."""
    return f"{round(share * 100)}%"


def fit_percent(fit: float) -> int:
    """Return a 0-1 fit as a whole percentage, rounded down: only a full fit reads 100%."""
    return math.floor(fit * 100)


def signed(points: float) -> str:
    """Return share points with their sign and unit: "+2.2 points", "−1 point", "no points"."""
    if not points:
        return "no points"
    sign = "+" if points > 0 else "−"
    size = abs(points)
    return f"{sign}{size:g} point{'' if size == 1 else 's'}"


def direction(points: float) -> str:
    """Return which way a factor of ``points`` moved the split, as the end of a sentence."""
    if points > 0:
        return "so live time gets more weight"
    if points < 0:
        return "so self-paced work gets more weight"
    return "which leaves the split where it is"


def _moved(points: float) -> str:
    """Return the direction with the points: "so live time gets more weight (+2.2 points)"."""
    if not points:
        return direction(points)
    return f"{direction(points)} ({signed(points)})"


def _of_learners(share: float) -> str:
    """Return a share of the learners as words: "All your learners", "25% of your learners"."""
    if share >= 1:
        return "All your learners"
    return f"{percent(share)} of your learners"


def _partly(best: RowFit) -> str:
    """Return why a size counts only in part: the closest row already describes the rest."""
    fit = fit_percent(best.overall)
    return (
        f"counted at {100 - fit}% because the closest matrix row, '{best.row.label}', already "
        f"describes {fit}% of your course"
    )


def _hours(hours: float) -> str:
    """Return "1 hour", "2.5 hours"."""
    return f"{hours:g} hour{'' if hours == 1 else 's'}"


def _signed_number(value: float) -> str:
    """Return a number to one decimal with a true minus sign: "−5.0", "95.0"."""
    return f"{value:.1f}".replace("-", "−")


def _discipline_name(discipline: Discipline) -> str:
    """Return a discipline's name inside a sentence: "STEM", "humanities"."""
    label = str(discipline.label)
    return label if label.isupper() else label.lower()


def headline(best: RowFit) -> str:
    """Return the first reason: an exact match, or which row the blend is closest to."""
    row = best.row
    if best.full:
        return (
            f"Your course matches '{row.label}' on outcomes, learners and technology, so the "
            f"recommendation is that row's {row.share_points:g}% live ({row.source})"
        )
    return (
        f"No row of the decision matrix describes your course exactly. The closest, "
        f"'{row.label}' ({row.share_points:g}% live), matches it {fit_percent(best.overall)}%, "
        f"so the split blends the rows by how well each one matches"
    )


def priority_sentence(course: CourseProfile, points: float) -> str:
    """Return e.g. "Most of your outcomes (4 of 5) are skills to practise, so live time gets
    more weight (+4.4 points)"."""
    total = course.outcome_count
    counts = sorted(
        ((course.kind_counts.get(kind, 0), kind) for kind in ObjectiveKind),
        key=lambda item: -item[0],
    )
    top_count, top_kind = counts[0]
    if top_count == total:
        if total == 1:
            return f"Your one outcome is {_KIND_SINGLE[top_kind]}, {_moved(points)}"
        what = "Both your outcomes are" if total == 2 else f"All {total} of your outcomes are"
        return f"{what} {_KIND_PHRASE[top_kind]}, {_moved(points)}"
    if top_count * 2 > total:
        return (
            f"Most of your outcomes ({top_count} of {total}) are {_KIND_PHRASE[top_kind]}, "
            f"{_moved(points)}"
        )
    mix = ", ".join(f"{count} {_KIND_COUNTED[kind][count != 1]}" for count, kind in counts if count)
    return f"Your outcomes are evenly mixed ({mix}), {_moved(points)}"


def learners_sentence(course: CourseProfile, rules: CompiledRules, points: float) -> str:
    """Return e.g. "Your learners are working professionals spread over several places, so
    self-paced work gets more weight (−6.7 points)"."""
    profile = course.learner_profile
    text = _PROFILE_PHRASE[profile]
    if not any(row.learner_profile == profile for row in rules.rows):
        return f"{text}. No row of the decision matrix describes such a cohort, {_moved(points)}"
    if profile == LearnerProfileKind.FULL_TIME_LOCAL and course.local_count < course.learner_count:
        away = course.learner_count - course.local_count
        return (
            f"{text}, but {away} of {course.learner_count} are more than "
            f"{rules.local_timezone_hours:g} hours ahead of or behind you, and only "
            f"{percent(course.local_share)} count as local, {_moved(points)}"
        )
    return f"{text}, {_moved(points)}"


def tech_sentence(course: CourseProfile, closest: CompiledRow | None, points: float) -> str:
    """Return which row the course's technology and logistics match best, and which way that
    pulled."""
    summary = _tech_summary(course)
    if closest is None:
        return f"Your technology and logistics ({summary}) match no row, {_moved(points)}"
    return (
        f"Your technology and logistics ({summary}) are closest to '{closest.label}' "
        f"({closest.share_points:g}% live), {_moved(points)}"
    )


def _tech_summary(course: CourseProfile) -> str:
    """Return e.g. "variable bandwidth, no lab, an LMS, learners across time zones"."""
    bandwidth = {
        Bandwidth.RELIABLE: "reliable bandwidth",
        Bandwidth.VARIABLE: "variable bandwidth",
        Bandwidth.LOW: "low bandwidth",
    }[course.bandwidth]
    lab = "lab access" if course.lab_access else "no lab"
    lms = "an LMS" if course.lms else "no LMS"
    zones = "learners across time zones" if course.multiple_timezones else "learners close by"
    return f"{bandwidth}, {lab}, {lms}, {zones}"


def discipline_advice(discipline: Discipline, guide: DisciplineGuidance) -> tuple[str, ...]:
    """Return a discipline's advice, then which activities go live and which self-paced."""
    lines = [guide.advice] if guide.advice else []
    if guide.live or guide.self_paced:
        live = ", ".join(str(activity.label) for activity in guide.live) or "none named"
        own = ", ".join(str(activity.label) for activity in guide.self_paced) or "none named"
        lines.append(
            f"In {_discipline_name(discipline)} courses, run these live: {live}; and these "
            f"self-paced: {own} (seed 000). This guidance says where activities go; it does "
            f"not change how much live time is recommended."
        )
    return tuple(lines)


def low_bandwidth_sentence(size: float, share: float, priced: float, points: float) -> str:
    """Return the low-bandwidth factor's sentence; ``priced`` is how far a matrix row that
    allows low bandwidth already describes the course (0-1)."""
    if priced >= 1:
        return (
            f"{_of_learners(share)} have low bandwidth; the matrix row your course matches "
            f"already allows for that, {direction(0)} (seeds 000, 001)"
        )
    whom = "" if share >= 1 else f", for the {percent(share)} who do"
    fit = fit_percent(priced)
    partly = (
        ""
        if fit == 0
        else f", counted at {100 - fit}% because a matrix row that allows low bandwidth "
        f"already describes {fit}% of your course"
    )
    return (
        f"{_of_learners(share)} have low bandwidth, {direction(points)} ({signed(points)}: up "
        f"to {size:g} when the whole cohort does{whom}{partly}; seeds 000, 001)"
    )


def cohort_size_sentence(course: CourseProfile, rules: CompiledRules, points: float) -> str:
    """Return why the cohort's size moved the split."""
    size = course.cohort_size
    if points < 0 or size > rules.neutral_cohort_size:
        return (
            f"With {size:,} learners your cohort is larger than {rules.neutral_cohort_size}, "
            f"{direction(points)} ({signed(points)}, growing with size up to "
            f"{rules.large_cohort_points:g} at {rules.large_cohort_size:,} learners). In a "
            f"large group it is 'impossible to meet individual needs all at once' (seed 003)"
        )
    return (
        f"With {size} learners your cohort is smaller than {rules.small_cohort_size}, "
        f"{direction(points)} ({signed(points)}, up to {rules.small_cohort_points:g} for a "
        f"single learner): live time 'allows for immediate adjustments to the needs of each "
        f"member of the group' (seed 003)"
    )


def spread_sentence(
    course: CourseProfile, rules: CompiledRules, unpriced: float, points: float
) -> str:
    """Return why learners who share few waking hours get less live time; ``unpriced`` is
    the part of the tech column that no matrix row naming time zones speaks for (0-1)."""
    if unpriced <= 0:
        return (
            f"Even the best hour of the week for a live session falls in the waking hours of "
            f"only {percent(course.reach)} of your learners; the matrix row your course matches "
            f"already allows for learners across time zones, {direction(0)} (seed 003)"
        )
    partly = (
        ""
        if unpriced >= 1
        else f"; counted at {percent(unpriced)} because a matrix row naming time zones "
        f"already allows for the rest"
    )
    return (
        f"Even the best hour of the week for a live session falls in the waking hours of only "
        f"{percent(course.reach)} of your learners (the rules look for "
        f"{percent(rules.shared_hour_reach)}), {direction(points)} ({signed(points)}: up to "
        f"{rules.spread_points:g} when no hour suits anyone{partly}). For learners 'in "
        f"far-flung time zones, asynchronous learning may be the ONLY type of learning they can "
        f"take advantage of' (seed 003)"
    )


def outcome_need_sentence(course: CourseProfile, rules: CompiledRules, points: float) -> str:
    """Return why knowledge outcomes withdrew the learners' and tech columns' pull toward
    live time."""
    knowledge = course.kind_counts.get(ObjectiveKind.KNOWLEDGE_ACQUISITION, 0)
    share = knowledge / course.outcome_count
    tuned = (
        ""
        if rules.outcome_need_share == 1
        else f", as the rules count it at {percent(rules.outcome_need_share)}"
    )
    return (
        f"{knowledge} of your {course.outcome_count} outcomes are knowledge to take in, which "
        f"needs no live time: learners and technology that make live time possible do not make "
        f"it needed, {direction(points)} ({signed(points)}: the pull of your learners and "
        f"technology towards live time counts only for the {percent(1 - share)} of outcomes "
        f"that are not knowledge{tuned}). Seed 000: 'your learning outcomes, learner "
        f"constraints, and assessment strategy should drive the blend'"
    )


def devices_sentence(course: CourseProfile, rules: CompiledRules, points: float) -> str:
    """Return why a cohort on phones and tablets gets less live time."""
    return (
        f"{_of_learners(course.mobile_share)} have only a phone or tablet, {direction(points)} "
        f"({signed(points)}: up to {rules.mobile_points:g} when the whole cohort does). On such "
        f"devices 'it may be difficult to access multiple documents and platforms at once' "
        f"(seed 002)"
    )


def bloom_sentence(course: CourseProfile, rules: CompiledRules, leaning: int, points: float) -> str:
    """Return why Bloom levels that suit self-paced work moved the split."""
    which = "asks" if leaning == 1 else "ask"
    count = course.outcome_count
    whose = (
        f"All {count} of your outcomes"
        if leaning == count
        else f"{leaning} of your {count} outcomes"
    )
    return (
        f"{whose} {which} learners to remember, "
        f"understand, evaluate or create, which suits self-paced work more than the outcome's kind "
        f"suggests, {direction(points)} ({signed(points)}: up to {rules.bloom_points:g} when "
        f"every outcome is a skill only to remember or understand). Remembering and "
        f"understanding (Gagné's events 1–4) and evaluating and creating (events 8–9) work well "
        f"on the learner's own time (seed 003)"
    )


def context_sentence(rules: CompiledRules, points: float) -> str:
    """Return why an open, self-directed course gets less live time."""
    return (
        f"Your course is open and self-directed, {_moved(points)}: 'A best practice for adult "
        f"learning is to allow the learner to control the pace of instruction' (seed 003)"
    )


def capacity_sentence(course: CourseProfile, points: float) -> str:
    """Return why the instructor's live hours capped the share."""
    return (
        f"You can teach live {_hours(course.live_hours_available or 0)} a week, "
        f"{course.capacity_points or 0:.1f}% of the {course.weekly_hours:g}-hour weekly load, "
        f"so the live share is held there ({signed(points)}): live time 'is limited by the "
        f"amount of time they have available for live online teaching' (seed 003)"
    )


def bounds_sentence(rules: CompiledRules, unbounded: float, bounded: float) -> str:
    """Return why the share was held within the rule set's bounds."""
    if unbounded > bounded:
        limit = f"above the rules' maximum of {rules.max_live_points:g}% live"
    else:
        limit = f"below the rules' minimum of {rules.min_live_points:g}% live"
    return (
        f"The factors add up to {_signed_number(unbounded)}% live, {limit}, so the recommendation "
        f"is held at {bounded:g}% ({signed(round(bounded - unbounded, 1))})"
    )


def confidence_sentence(
    label: str, best: RowFit, agreement: float, lowest: float, highest: float
) -> str:
    """Return why the engine is as sure as it is."""
    if agreement >= 0.75:
        columns = "your outcomes, learners and technology point the same way"
    elif agreement >= 0.4:
        columns = "your outcomes, learners and technology mostly point the same way"
    else:
        columns = (
            f"your outcomes, learners and technology point different ways ({lowest:.0f}% to "
            f"{highest:.0f}% live)"
        )
    return (
        f"{label.capitalize()} confidence: the closest matrix row, '{best.row.label}', matches "
        f"your course {fit_percent(best.overall)}%, and {columns}"
    )
