"""The sentences that explain a recommendation, one per factor, plus headline and confidence.

Each sentence says what about the course pulled the split and which way ("→ more live
time"); sizes in points appear only where a rule-set number was scaled, so that an admin can
trace it back to the rule set.
"""

import math

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.compiled import CompiledRow, CompiledRules, DisciplineGuidance
from schedules.rules.course_profile import CourseProfile
from schedules.rules.matching import RowFit

_KIND_PHRASE = {
    ObjectiveKind.INTERACTIVE_SKILL_MASTERY: "skills to practise",
    ObjectiveKind.KNOWLEDGE_ACQUISITION: "knowledge to acquire",
    ObjectiveKind.MIXED: "mixed objectives",
}
# One outcome of a kind, and several, as a list of kinds counts them ("1 skill to practise,
# 2 knowledge outcomes").
_KIND_COUNTED = {
    ObjectiveKind.INTERACTIVE_SKILL_MASTERY: ("skill to practise", "skills to practise"),
    ObjectiveKind.KNOWLEDGE_ACQUISITION: ("knowledge outcome", "knowledge outcomes"),
    ObjectiveKind.MIXED: ("mixed outcome", "mixed outcomes"),
}
_PROFILE_PHRASE = {
    LearnerProfileKind.FULL_TIME_LOCAL: "Learners are full-time and local",
    LearnerProfileKind.DISTRIBUTED_PROFESSIONALS: "Learners are distributed working professionals",
    LearnerProfileKind.HYBRID: "The cohort is hybrid",
}


def percent(share: float) -> str:
    """Return a 0-1 share as a whole percentage, e.g. "67%"."""
    return f"{round(share * 100)}%"


def fit_percent(fit: float) -> int:
    """Return a 0-1 fit as a whole percentage, rounded down: only a full fit reads 100%."""
    return math.floor(fit * 100)


def direction(tenths: int) -> str:
    """Return which way a factor of ``tenths`` tenths of a point moved the split."""
    if tenths > 0:
        return "more live time"
    if tenths < 0:
        return "less live time"
    return "no change to the split"


def headline(best: RowFit) -> str:
    """Return the first reason: an exact match, or which row the blend is closest to."""
    row = best.row
    if best.full:
        return (
            f"The course fits '{row.label}' on all three columns → exactly its "
            f"{row.share_points:g}% live ({row.source})"
        )
    return (
        f"No row of the rule set fits the course fully; the closest, '{row.label}' "
        f"({row.share_points:g}% live), fits {fit_percent(best.overall)}%, so the split is a "
        f"weighted blend of the rows"
    )


def priority_sentence(course: CourseProfile, tenths: int) -> str:
    """Return e.g. "Most outcomes are skills to practise (4 of 5) → more live time"."""
    total = course.outcome_count
    counts = sorted(
        ((course.kind_counts.get(kind, 0), kind) for kind in ObjectiveKind),
        key=lambda item: -item[0],
    )
    top_count, top_kind = counts[0]
    if top_count == total:
        what = {1: "The one outcome is", 2: "Both outcomes are"}.get(
            total, f"All {total} outcomes are"
        )
        return f"{what} {_KIND_PHRASE[top_kind]} → {direction(tenths)}"
    if top_count * 2 > total:
        return (
            f"Most outcomes are {_KIND_PHRASE[top_kind]} ({top_count} of {total}) → "
            f"{direction(tenths)}"
        )
    mix = ", ".join(f"{count} {_KIND_COUNTED[kind][count != 1]}" for count, kind in counts if count)
    return f"The outcomes are split ({mix}) → {direction(tenths)}"


def learners_sentence(course: CourseProfile, rules: CompiledRules, tenths: int) -> str:
    """Return e.g. "Learners are distributed working professionals → less live time"."""
    profile = course.learner_profile
    text = _PROFILE_PHRASE[profile]
    if not any(row.learner_profile == profile for row in rules.rows):
        return f"{text}, which no row of the rule set describes → {direction(tenths)}"
    if profile == LearnerProfileKind.FULL_TIME_LOCAL and course.local_count < course.learner_count:
        away = course.learner_count - course.local_count
        return (
            f"{text}, but {away} of {course.learner_count} are more than "
            f"{rules.local_timezone_hours:g} hours from the instructor, so only "
            f"{percent(course.local_share)} count as local → {direction(tenths)}"
        )
    return f"{text} → {direction(tenths)}"


def tech_sentence(course: CourseProfile, closest: CompiledRow | None, tenths: int) -> str:
    """Return which row the course's tech and logistics fit best, and which way that pulled."""
    summary = _tech_summary(course)
    if closest is None:
        return f"Tech and logistics ({summary}) meet no row's conditions → {direction(tenths)}"
    return (
        f"Tech and logistics ({summary}) fit '{closest.label}' ({closest.share_points:g}% live) "
        f"best → {direction(tenths)}"
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


def scaled(size: float, priced: float, per: str = "") -> str:
    """Return how a rule-set size was scaled by the part of the course the matrix has not
    priced, e.g. "10 points scaled to 39%, as a row allowing low bandwidth fits 61%"."""
    points = f"{size:g} point{'' if size == 1 else 's'}{per}"
    if priced >= 1:
        return f"{points}, not applied: the course fits a row allowing low bandwidth fully"
    fit = fit_percent(priced)
    return f"{points}, scaled to {100 - fit}% as a row allowing low bandwidth fits {fit}%"


def discipline_advice(discipline: Discipline, guide: DisciplineGuidance) -> tuple[str, ...]:
    """Return a discipline's advice, then which activities go live and which self-paced."""
    lines = [guide.advice] if guide.advice else []
    if guide.live or guide.self_paced:
        live = ", ".join(str(activity.label) for activity in guide.live) or "none named"
        own = ", ".join(str(activity.label) for activity in guide.self_paced) or "none named"
        lines.append(
            f"{discipline.label}: live: {live}; self-paced: {own} (seed 000 discipline "
            f"guidance, which says where activities go, not how much live time)."
        )
    return tuple(lines)


def low_bandwidth_sentence(size: float, share: float, priced: float) -> str:
    """Return the low-bandwidth factor's sentence."""
    per = f" × {percent(share)} of learners" if share < 1 else ""
    return (
        f"{percent(share)} of learners have low bandwidth → less live time "
        f"({scaled(size, priced, per)})"
    )


def cohort_size_sentence(course: CourseProfile, rules: CompiledRules, tenths: int) -> str:
    """Return why the cohort's size moved the split."""
    size = course.cohort_size
    if tenths < 0:
        return (
            f"A cohort of {size:,} learners is larger than {rules.neutral_cohort_size} → less "
            f"live time (seed 003: 'Impossible to meet individual needs all at once in a large "
            f"group Zoom call'; {rules.large_cohort_points:g} points in full from "
            f"{rules.large_cohort_size:,} learners, on a log scale)"
        )
    return (
        f"A cohort of {size} learners is smaller than {rules.small_cohort_size} → more live "
        f"time (seed 003: live time 'allows for immediate adjustments to the needs of each "
        f"member of the group'; {rules.small_cohort_points:g} points in full for one learner)"
    )


def spread_sentence(course: CourseProfile, rules: CompiledRules, unpriced: float) -> str:
    """Return why learners who share few waking hours get less live time; ``unpriced`` is
    the part of the tech column that no row naming time zones speaks for (0-1)."""
    scale = (
        ""
        if unpriced >= 1
        else f", × {percent(unpriced)} as a row naming time zones already weighs the rest"
    )
    return (
        f"The best weekly live hour reaches only {percent(course.reach)} of learners inside "
        f"their waking hours, short of {percent(rules.shared_hour_reach)} → less live time "
        f"(seed 003: for those 'in far-flung time zones, asynchronous learning may be the "
        f"ONLY type of learning they can take advantage of'; {rules.spread_points:g} points "
        f"when a live hour reaches no one, in proportion{scale})"
    )


def outcome_need_sentence(course: CourseProfile, rules: CompiledRules) -> str:
    """Return why knowledge outcomes withdrew the learners' and tech columns' pull toward
    live time."""
    knowledge = course.kind_counts.get(ObjectiveKind.KNOWLEDGE_ACQUISITION, 0)
    share = knowledge / course.outcome_count
    scale = "" if rules.outcome_need_share == 1 else f" × {percent(rules.outcome_need_share)}"
    return (
        f"{knowledge} of {course.outcome_count} outcomes are knowledge to acquire, which asks "
        f"for no live time: the learners and tech that make live time possible do not make "
        f"it needed → less live time (seed 000: 'your learning outcomes, learner "
        f"constraints, and assessment strategy should drive the blend'; their pull toward "
        f"live time × {percent(share)}{scale})"
    )


def devices_sentence(course: CourseProfile, rules: CompiledRules) -> str:
    """Return why a cohort on phones and tablets gets less live time."""
    return (
        f"{percent(course.mobile_share)} of learners have only a phone or tablet → less live "
        f"time (seed 002: on such devices 'it may be difficult to access multiple documents "
        f"and platforms at once'; {rules.mobile_points:g} points × {percent(course.mobile_share)})"
    )


def bloom_sentence(course: CourseProfile, rules: CompiledRules, leaning: int) -> str:
    """Return why Bloom levels that suit self-paced work moved the split."""
    return (
        f"{leaning} of {course.outcome_count} outcomes sit at Bloom levels that suit "
        f"self-paced work more than their kind says (skills or mixed objectives to remember, "
        f"understand, evaluate or create) → less live time (seed 003: remembering and "
        f"understanding are Gagné's events 1-4, evaluating and creating events 8-9, both "
        f"self-paced; {rules.bloom_points:g} points × {percent(course.bloom_pull)})"
    )


def context_sentence(rules: CompiledRules) -> str:
    """Return why an open, self-directed course gets less live time."""
    return (
        f"The course is open and self-directed → less live time (seed 003: 'A best practice "
        f"for adult learning is to allow the learner to control the pace of instruction'; "
        f"{rules.open_context_points:g} points)"
    )


def capacity_sentence(course: CourseProfile) -> str:
    """Return why the instructor's live hours capped the share."""
    return (
        f"The instructor has {course.live_hours_available:g} live teaching hours a week, "
        f"{course.capacity_points or 0:.1f}% of the {course.weekly_hours:g}-hour load → the "
        f"share is held to it "
        f"(seed 003: live time 'is limited by the amount of time they have available for "
        f"live online teaching')"
    )


def bounds_sentence(rules: CompiledRules, unbounded: float, bounded: float) -> str:
    """Return why the share was held within the rule set's bounds."""
    return (
        f"The factors add up to {unbounded:.1f}%, outside the rule set's bounds "
        f"({rules.min_live_points:g}-{rules.max_live_points:g}% live), so the share is held "
        f"at {bounded:g}%"
    )


def confidence_sentence(
    label: str, best: RowFit, agreement: float, lowest: float, highest: float
) -> str:
    """Return why the engine is as sure as it is."""
    if agreement >= 0.75:
        columns = "the three columns agree"
    elif agreement >= 0.4:
        columns = "the three columns partly agree"
    else:
        columns = f"the columns pull apart ({lowest:.0f}% to {highest:.0f}% live)"
    return (
        f"{label.capitalize()} confidence: the closest row, '{best.row.label}', fits "
        f"{fit_percent(best.overall)}% and {columns}"
    )
