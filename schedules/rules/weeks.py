"""Week lists as people write them: "1-4, 6, 9-12" ⇄ [1, 2, 3, 4, 6, 9, 10, 11, 12].

People may type a hyphen or an en dash; BlendPlan writes ranges with an en dash ("1–4").
"""

import re
from collections.abc import Sequence
from itertools import groupby

_PART = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


class WeeksError(ValueError):
    """Week text that names no weeks, or weeks outside the course: ``problems`` says each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def parse_weeks(text: str, *, last_week: int) -> list[int]:
    """Return the sorted week numbers ``text`` names; empty text means every week (``[]``).

    Raises WeeksError (a ValueError) when ``text`` is malformed or names a week outside
    1..``last_week``, with a sentence for every problem in the order they were typed ("0 is
    not a week … 13–15 are beyond the course's 12 weeks … “abc” is not a week …").
    """
    if not text.strip():
        return []
    weeks: set[int] = set()
    problems: list[str] = []
    for part in text.split(","):
        typed = part.strip()
        if not typed:
            continue
        match = _PART.match(part)
        if match is None:
            problems.append(f"“{typed}” is not a week or a range of weeks; write e.g. 1-4, 6, 9.")
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first > last:
            problems.append(f"The range “{typed}” runs backwards; write {last}-{first}.")
            continue
        problem = _outside(first, last, last_week)
        if problem:
            problems.append(problem)
            continue
        weeks.update(range(first, last + 1))
    if problems:
        raise WeeksError(problems)
    return sorted(weeks)


def _outside(first: int, last: int, last_week: int) -> str | None:
    """Return what is wrong with the weeks ``first``..``last``, or None when they are fine."""
    if first < 1:
        return (
            f"{first} is not a week: weeks are numbered from 1."
            if first == last
            else (f"The range {first}–{last} starts before week 1: weeks are numbered from 1.")
        )
    if last > last_week:
        beyond = f"{first}–{last} are" if first < last else f"{first} is"
        return f"{beyond} beyond the course's {last_week} weeks."
    return None


def format_weeks(weeks: Sequence[int]) -> str:
    """Return ``weeks`` written compactly ("1–4, 6"); an empty list is "" (every week)."""
    ordered = sorted(set(weeks))
    # Consecutive weeks share the same (week - position) key, so each group is one run.
    runs = [
        [week for _, week in run]
        for _, run in groupby(enumerate(ordered), key=lambda item: item[1] - item[0])
    ]
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def weeks_phrase(weeks: Sequence[int]) -> str:
    """Return e.g. "week 3", "weeks 1–8" or "weeks 1–3, 9, 12–15" (``weeks`` not empty)."""
    return f"week{'s' if len(set(weeks)) > 1 else ''} {format_weeks(weeks)}"
