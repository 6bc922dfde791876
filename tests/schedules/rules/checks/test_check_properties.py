"""Monotonic relations of the blend checks, over generated blends: more of a flaw never makes
a finding milder, more of a remedy never makes one worse."""

from dataclasses import replace
from datetime import time

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.rules.checks import BlendFacts, BlockFacts, Severity, run_checks
from schedules.rules.checks.activities import monotony
from schedules.rules.checks.load import split_drift, weekly_hours_off_target
from schedules.rules.choices import ActivityType, Modality, Weekday
from tests.schedules.rules.checks.panel_schedules import READING, SEMINAR, WEEK_A, course

RANK = {None: 0, Severity.INFO: 1, Severity.WARNING: 2, Severity.PROBLEM: 3}
KINDS = [
    ActivityType.READING,
    ActivityType.QUIZ,
    ActivityType.DISCUSSION_FORUM,
    ActivityType.PEER_REVIEW,
    ActivityType.RECORDED_LECTURE,
]


def _block(number: int, kind: ActivityType, day: int, weeks: tuple[int, ...]) -> BlockFacts:
    return BlockFacts(
        id=1000 + number,
        title=f"Block {number}",
        modality=Modality.SELF_PACED,
        activity_type=kind,
        day=Weekday(day),
        due_day=Weekday(day),
        duration_minutes=30,
        weeks=weeks,
        gagne_events=(4,),
    )


blocks_strategy = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, 6),
        st.sets(st.integers(1, 12), max_size=4).map(lambda weeks: tuple(sorted(weeks))),
    ),
    min_size=1,
    max_size=8,
).map(lambda rows: tuple(_block(n, *row) for n, row in enumerate(rows)))


def _severity(facts: BlendFacts) -> Severity | None:
    found = monotony(facts)
    return found[0].severity if found else None


@settings(max_examples=150, deadline=None)
@given(blocks=blocks_strategy, extra=st.integers(1, 6))
def test_more_repeats_of_the_commonest_activity_never_lower_monotony_severity(blocks, extra):
    facts = course(blocks)
    # The commonest over the course: a block counts once for each week it runs.
    runs = {b.activity_type: 0 for b in blocks}
    for b in blocks:
        runs[b.activity_type] += len(b.weeks) or facts.weeks
    commonest = max(runs, key=lambda kind: runs[kind])
    more = tuple(_block(100 + n, commonest, n % 7, ()) for n in range(extra))
    grown = replace(facts, blocks=(*blocks, *more))
    assert RANK[_severity(grown)] >= RANK[_severity(facts)]


@settings(max_examples=100, deadline=None)
@given(share=st.floats(0.0, 1.0), more=st.floats(0.0, 0.5))
def test_monotony_severity_grows_with_the_share_of_one_activity_type(share, more):
    from schedules.rules.checks.activities import monotony_severity

    facts = course()
    assert (
        RANK[monotony_severity(min(1.0, share + more), facts)]
        >= RANK[monotony_severity(share, facts)]
    )


@settings(max_examples=60, deadline=None)
@given(
    day=st.integers(0, 6),
    hour=st.integers(0, 23),
)
def test_a_repeat_session_never_changes_the_learners_hours_or_split(day, hour):
    base = course((*WEEK_A,))
    repeat = replace(
        SEMINAR,
        id=999,
        title=f"{SEMINAR.title} (repeat)",
        day=Weekday(day),
        start_time=time(hour),
    )
    repeated = replace(base, blocks=(*base.blocks, repeat))
    for check in (weekly_hours_off_target, split_drift):
        learners = [f for f in check(repeated) if f.check != "live-beyond-capacity"]
        assert learners == [f for f in check(base) if f.check != "live-beyond-capacity"]


@settings(max_examples=60, deadline=None)
@given(day=st.integers(0, 6), due=st.integers(0, 6), weeks=st.sets(st.integers(1, 12), max_size=4))
def test_more_self_paced_preparation_never_adds_unprepared_weeks(day, due, weeks):
    def unprepared(facts: BlendFacts) -> set[tuple[str | None, int]]:
        return {
            (f.block_title, week)
            for f in run_checks(facts)
            if f.check == "live-without-preparation"
            for week in f.weeks
        }

    base = course(tuple(b for b in WEEK_A if b is not READING))
    prep = replace(
        READING,
        id=998,
        day=Weekday(day),
        due_day=Weekday(max(day, due)),
        weeks=tuple(sorted(weeks)),
    )
    assert unprepared(replace(base, blocks=(*base.blocks, prep))) <= unprepared(base)
