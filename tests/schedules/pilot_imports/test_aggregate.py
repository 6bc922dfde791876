from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from schedules.pilot_imports import (
    Completion,
    Evidence,
    PilotAggregate,
    Record,
    held_back,
)

from .helpers import load


def event(learner: str, at: datetime, **fields) -> Record:
    return Record(
        key=fields.pop("key", hash((learner, at))),
        learner=learner,
        evidence=fields.pop("evidence", Evidence.EVENT),
        activity=fields.pop("activity", "Forum"),
        at=at,
        **fields,
    )


def test_a_file_imported_twice_is_counted_once():
    _, records = load("zoom_participants_new.csv")
    _, again = load("zoom_participants_new.csv")
    pilot = PilotAggregate("Europe/Berlin").add_all(records).add_all(again)
    assert pilot.duplicates == len(records)
    assert sum(cell.minutes for cell in pilot.cells.values()) == 63 + 19 + 38 + 60


def test_completion_and_the_best_score_are_kept_per_learner_and_activity():
    at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    pilot = PilotAggregate("UTC").add_all(
        [
            event("p1", at, key=1, evidence=Evidence.SCORE, activity="Quiz", score=0.4),
            event("p1", at, key=2, evidence=Evidence.SCORE, activity="Quiz", score=0.9),
            event(
                "p1",
                at,
                key=3,
                evidence=Evidence.COMPLETION,
                activity="Quiz",
                completion=Completion.FAILED,
            ),
            event(
                "p2",
                at,
                key=4,
                evidence=Evidence.COMPLETION,
                activity="Quiz",
                completion=Completion.NOT_COMPLETED,
            ),
        ]
    )
    assert pilot.cells[("p1", "Quiz")].score == 0.9
    assert pilot.cells[("p1", "Quiz")].completed  # completed, without the pass grade
    assert not pilot.cells[("p2", "Quiz")].completed
    assert pilot.learners == {"p1", "p2"}


def test_the_heatmap_counts_by_weekday_and_hour_in_the_zone_asked_for():
    # Tuesday 1 December 2026, 23:30 UTC is Wednesday 00:30 in Berlin.
    at = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    records = [event(f"p{n}", at) for n in range(5)]
    berlin = PilotAggregate("Europe/Berlin").add_all(records).heatmap()
    utc = PilotAggregate("UTC").add_all(records).heatmap()
    assert berlin[2][0] == 5
    assert utc[1][23] == 5
    assert sum(v or 0 for row in berlin for v in row) == 5


def test_heatmap_cells_behind_fewer_than_five_learners_are_hidden():
    at = datetime(2026, 12, 1, 10, tzinfo=UTC)
    four = [event(f"p{n}", replace_minute(at, n)) for n in range(4)] * 3
    pilot = PilotAggregate("UTC").add_all([r._replace(key=i) for i, r in enumerate(four)])
    grid = pilot.heatmap()
    assert grid[1][10] is None  # 12 events, but only 4 learners: hidden
    assert grid[1][11] == 0  # nobody: nothing to hide
    assert pilot.heatmap(minimum=4)[1][10] == 12


def test_suppression_hides_one_to_four_learners_and_shows_none_or_five():
    assert [held_back(n) for n in range(7)] == [False, True, True, True, True, False, False]


def replace_minute(at: datetime, minute: int) -> datetime:
    return at.replace(minute=minute)


@settings(max_examples=100, deadline=None)
@given(
    stays=st.lists(
        st.tuples(st.sampled_from(["p1", "p2", "p3"]), st.integers(0, 600), st.integers(1, 90)),
        max_size=30,
    ),
    repeats=st.integers(1, 3),
)
def test_attended_minutes_are_the_sum_of_the_stays_however_often_a_file_is_folded_in(
    stays, repeats
):
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    records = [
        Record(
            key=n,
            learner=learner,
            evidence=Evidence.ATTENDANCE,
            activity="Live seminar",
            at=start + timedelta(minutes=offset),
            until=start + timedelta(minutes=offset + minutes),
            minutes=float(minutes),
        )
        for n, (learner, offset, minutes) in enumerate(stays)
    ]
    pilot = PilotAggregate("Europe/Berlin")
    for _ in range(repeats):
        pilot.add_all(records)
    for who in {learner for learner, _, _ in stays}:
        cell = pilot.cells[(who, "Live seminar")]
        assert cell.minutes == sum(m for person, _, m in stays if person == who)
        mine = [(offset, offset + m) for person, offset, m in stays if person == who]
        assert cell.first == start + timedelta(minutes=min(begin for begin, _ in mine))
        assert cell.last == start + timedelta(minutes=max(end for _, end in mine))
    assert pilot.duplicates == len(records) * (repeats - 1)
