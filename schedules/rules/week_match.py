"""Which of seed 000's sample weeks a course should start from, matched on its needs.

Seed 000 describes each week by whom it suits, not only by its share: week A (50% live)
uses "synchronous sessions for high-interaction tasks", week B (33%) "supports both
structure and flexibility, often ideal for mixed cohorts", and week C (17%) "suits learners
who need maximum scheduling flexibility but still benefit from targeted live interaction".
The course's needs pick the week; its recommended share only rules out weeks too far from
it (more than twice the tolerance) or beyond the instructor's live hours, and the reason
says how far the chosen week is from the recommendation and what to change.
"""

from courses.choices import LearnerProfileKind, ObjectiveKind
from schedules.rules.compiled import CompiledRules
from schedules.rules.course_profile import CourseProfile
from schedules.rules.recommendation import SampleWeekMatch
from schedules.rules.sample_weeks import SAMPLE_WEEKS

# A quarter of an hour: the step in which the reason suggests adding or removing live time.
_HOUR_STEP = 0.25


def flexibility_need(course: CourseProfile, rules: CompiledRules) -> str | None:
    """Return why the learners need maximum scheduling flexibility (week C), or None."""
    if course.reach < rules.shared_hour_reach:
        return (
            f"the best weekly live hour reaches only {round(course.reach * 100)}% of learners "
            f"inside their waking hours"
        )
    if course.mobile_share >= rules.mobile_only_share:
        return f"{round(course.mobile_share * 100)}% of learners have only a phone or tablet"
    if course.cohort_size >= rules.large_cohort_size:
        return f"a cohort of {course.cohort_size:,} learners cannot meet live as one group"
    knowledge = course.kind_counts.get(ObjectiveKind.KNOWLEDGE_ACQUISITION, 0)
    if (
        course.learner_profile == LearnerProfileKind.DISTRIBUTED_PROFESSIONALS
        and knowledge * 2 > course.outcome_count
    ):
        return "distributed working professionals acquiring knowledge fit study around work"
    return None


def _preferred(course: CourseProfile, rules: CompiledRules) -> tuple[str, str]:
    """Return the letter of the week the course's needs point to, and why."""
    flexible = flexibility_need(course, rules)
    if flexible is not None:
        return "C", (
            f"week C 'suits learners who need maximum scheduling flexibility' (seed 000): "
            f"{flexible}"
        )
    knowledge = course.kind_counts.get(ObjectiveKind.KNOWLEDGE_ACQUISITION, 0)
    if (
        course.learner_profile == LearnerProfileKind.FULL_TIME_LOCAL
        and knowledge * 2 <= course.outcome_count
    ):
        return "A", (
            "week A's live seminar and lab suit skills to practise with a local cohort that "
            "shares the day (seed 000: 'Use synchronous sessions for high-interaction tasks')"
        )
    return "B", (
        "week B 'supports both structure and flexibility, often ideal for mixed cohorts' (seed 000)"
    )


def match_sample_week(
    course: CourseProfile, rules: CompiledRules, share_points: float
) -> SampleWeekMatch:
    """Return the sample week to start from, with the reason, for a share in points."""
    weeks = {letter: week.live_share * 100 for letter, week in SAMPLE_WEEKS.items()}
    capacity = course.capacity_points
    eligible = [
        letter
        for letter, points in weeks.items()
        if abs(points - share_points) <= 2 * rules.tolerance_points
        and (capacity is None or points <= capacity + 0.5)
    ]
    letter, why = _preferred(course, rules)
    if letter not in eligible:
        pool = eligible or list(weeks)
        letter = min(pool, key=lambda key: abs(weeks[key] - share_points))
        why = f"closest to the recommended {share_points:.0f}% live among the weeks that fit"
    week = SAMPLE_WEEKS[letter]
    return SampleWeekMatch(
        letter,
        week.title,
        round(week.live_share, 3),
        reason=f"Start from week {letter}: {why}{_gap(weeks[letter], share_points, course)}.",
    )


def _gap(week_points: float, share_points: float, course: CourseProfile) -> str:
    """Return how to bring the week to the recommended share, or "" when it is there."""
    gap = share_points - week_points
    hours = round(abs(gap) * course.weekly_hours / 100 / _HOUR_STEP) * _HOUR_STEP
    if not hours:
        return ""
    way = "add" if gap > 0 else "move"
    where = "of live time" if gap > 0 else "of live time to self-paced work"
    return (
        f"; its {week_points:.0f}% live is {abs(gap):.0f} points "
        f"{'below' if gap > 0 else 'above'} the recommendation, so {way} about {hours:g} h "
        f"a week {where}"
    )
