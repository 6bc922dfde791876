"""How well a course fits each matrix row, column by column, and how much each row speaks
for each column.

Fits run from 0 to 1:

- priority: the share of the course's outcomes whose kind is the row's priority;
- learners: 1 when the cohort is of the row's profile, else 0; for a "full-time, local" row
  only the learners within ``local_timezone_hours`` of the instructor count;
- tech: the share of the row's tech conditions the course meets, bandwidth being ordinal
  (one step away from what the row asks for meets half the condition).

A row's overall fit is the weighted mean of its three column fits. Memberships say how much
each row determines a column's share; see ``ColumnShares`` and ``_split``.
"""

from collections.abc import Sequence
from operator import mul
from typing import NamedTuple

from courses.choices import Bandwidth
from schedules.rules.compiled import BANDWIDTH_RANK, CompiledRow, CompiledRules
from schedules.rules.course_profile import CourseProfile


class RowFit(NamedTuple):
    """How well a course fits one row: per column, overall, and whether it fits fully."""

    row: CompiledRow
    priority: float
    learners: float
    tech: float
    overall: float
    full: bool


class Fits:
    """The course's fit to every row, column by column, as lists in the rule set's order.

    Lists rather than one object per row: this runs on every evaluation. ``best`` is the
    index of the row with the highest overall fit (the first listed on a tie).
    """

    __slots__ = ("best", "full", "learners", "overall", "priority", "rows", "tech")

    def __init__(self, course: CourseProfile, rules: CompiledRules) -> None:
        self.rows = rules.rows
        self.priority: list[float] = []
        self.learners: list[float] = []
        self.tech: list[float] = []
        self.overall: list[float] = []
        self.full: list[bool] = []
        kind_counts, outcomes = course.kind_counts, course.outcome_count
        local_share = course.local_share
        weight_priority, weight_learners = rules.weight_priority, rules.weight_learners
        weight_tech = rules.weight_tech
        for row in rules.rows:
            priority = kind_counts.get(row.priority, 0) / outcomes
            if course.learner_profile != row.learner_profile:
                learners = 0.0
            else:
                learners = local_share if row.local_only else 1.0
            tech = tech_fit(course, row)
            full = priority == 1 and learners == 1 and tech == 1
            # Set exactly when the row fits fully: weights that do not sum to 1 in floating
            # point must not turn a full fit into 0.9999999999999999.
            overall = (
                1.0
                if full
                else weight_priority * priority + weight_learners * learners + weight_tech * tech
            )
            self.priority.append(priority)
            self.learners.append(learners)
            self.tech.append(tech)
            self.overall.append(overall)
            self.full.append(full)
        self.best = self.overall.index(max(self.overall))

    def row_fit(self, index: int) -> RowFit:
        """Return the fit to the row at ``index``."""
        return RowFit(
            self.rows[index],
            self.priority[index],
            self.learners[index],
            self.tech[index],
            self.overall[index],
            self.full[index],
        )

    @property
    def best_fit(self) -> RowFit:
        """Return the fit to the best-fitting row."""
        return self.row_fit(self.best)


def tech_fit(course: CourseProfile, row: CompiledRow) -> float:
    """Return the share of the row's tech conditions the course meets (1 if it sets none).

    Bandwidth is ordinal: one step away from what the row allows meets half the condition.
    """
    if not row.condition_count:
        return 1.0
    met = row.bandwidth_credit[course.bandwidth_rank]
    if row.lab_access is not None and course.lab_access == row.lab_access:
        met += 1
    if row.lms is not None and course.lms == row.lms:
        met += 1
    if row.multiple_timezones is not None and course.multiple_timezones == row.multiple_timezones:
        met += 1
    return met / row.condition_count


class ColumnShares:
    """Each column's share in points, and how much each row speaks for it.

    A column's memberships are ``keep × base`` plus the takeover shared by the rows that fit
    the column fully (see ``_split``); the share is the baseline moved by each row's pull
    (its share minus the baseline) in proportion to its membership.
    """

    __slots__ = ("_splits", "points")

    def __init__(self, fits: Fits, baseline: float) -> None:
        overall = fits.overall
        pulls = [row.pull_points for row in fits.rows]
        self._splits = (
            _split(fits.priority, overall),
            _split(fits.learners, overall),
            _split(fits.tech, overall),
        )
        points = []
        for base, keep, takeover in self._splits:
            share = baseline + keep * sum(map(mul, base, pulls))
            for index, part in takeover.items():
                share += part * pulls[index]
            points.append(share)
        self.points = tuple(points)

    def memberships(self, column: int) -> list[float]:
        """Return how much each row determines column ``column`` (0 priority, 1 learners,
        2 tech): each 0-1, summing to at most 1, the rest staying with the baseline."""
        base, keep, takeover = self._splits[column]
        memberships = [keep * value for value in base]
        for index, part in takeover.items():
            memberships[index] += part
        return memberships


def _split(
    column_fits: Sequence[float], overall: Sequence[float]
) -> tuple[Sequence[float], float, dict[int, float]]:
    """Return how much each row determines one column, in three parts.

    Start from the fits themselves (the *base*), scaled down if they add up to more than 1;
    what is left over when they add up to less stays with the baseline. Rows that the course
    meets fully on this column then *take over* a part of the column equal to the best
    overall fit among them, shared in proportion to the odds of their overall fits (a row
    that fits on every column takes it all); the base *keeps* the rest. The takeover is what
    makes a course fitting one row on every column get exactly that row's share, even where
    another row's conditions overlap (a course can meet rows 2 and 3 of seed 000's tech
    column at once).

    Returns the base, the share of it kept, and the takeover as row index to membership.
    """
    total = sum(column_fits)
    base = column_fits if total <= 1 else [fit / total for fit in column_fits]
    if 1 not in column_fits:
        return base, 1.0, {}
    full = [index for index, fit in enumerate(column_fits) if fit == 1]
    if len(full) == 1:
        # The usual case, without the sharing arithmetic below.
        takeover = overall[full[0]]
        return base, 1 - takeover, {full[0]: takeover}
    takeover = max(overall[index] for index in full)
    shares = _takeover_shares(full, overall)
    return base, 1 - takeover, {index: takeover * share for index, share in shares.items()}


def _takeover_shares(full: list[int], overall: Sequence[float]) -> dict[int, float]:
    """Return how rows that fit a column fully share it: by the odds of their overall fit."""
    exact = [index for index in full if overall[index] == 1]
    if exact:
        return {index: 1 / len(exact) for index in exact}
    odds = {index: overall[index] / (1 - overall[index]) for index in full}
    total = sum(odds.values())
    if not total:
        return {index: 1 / len(full) for index in full}
    return {index: value / total for index, value in odds.items()}


def timezone_rows_membership(columns: ColumnShares, rules: CompiledRules) -> float:
    """Return how much the rows that name time zones determine the tech column (0-1)."""
    memberships = columns.memberships(2)
    return min(
        1.0,
        sum(
            membership
            for membership, row in zip(memberships, rules.rows, strict=True)
            if row.multiple_timezones
        ),
    )


def bandwidth_fit(course: CourseProfile, fits: Fits, rules: CompiledRules) -> float:
    """Return how far the matrix already prices the course's low bandwidth (0-1).

    The best fit among the rows that allow low bandwidth (seed 000's row 2: "variable
    bandwidth"), 1 for a row the course fits fully. Otherwise the row's bandwidth condition
    counts as met (the course has learners on low bandwidth) and its time-zone condition as
    unmet (the spread factor weighs time zones), so that neither worse bandwidth nor learners
    farther away lessen the low-bandwidth factor: both only ever lower the share.
    """
    best = 0.0
    low = BANDWIDTH_RANK[Bandwidth.LOW]
    for index, row in enumerate(fits.rows):
        if row.bandwidth_credit[low] < 1:
            continue
        if fits.full[index]:
            return 1.0
        met = 1.0
        if row.lab_access is not None and course.lab_access == row.lab_access:
            met += 1
        if row.lms is not None and course.lms == row.lms:
            met += 1
        fit = (
            rules.weight_priority * fits.priority[index]
            + rules.weight_learners * fits.learners[index]
            + rules.weight_tech * met / row.condition_count
        )
        best = max(best, fit)
    return best
