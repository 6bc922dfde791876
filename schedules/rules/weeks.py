"""Week lists as people write them: "1-4, 6, 9-12" ⇄ [1, 2, 3, 4, 6, 9, 10, 11, 12].

People may type a hyphen or an en dash; BlendPlan writes ranges with an en dash ("1–4").
"""

import re
from collections.abc import Sequence
from itertools import groupby

_PART = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


def parse_weeks(text: str, *, last_week: int) -> list[int]:
    """Return the sorted week numbers ``text`` names; empty text means every week (``[]``).

    Raises ValueError with a sentence a person understands when ``text`` is malformed or
    names a week outside 1..``last_week``.
    """
    if not text.strip():
        return []
    weeks: set[int] = set()
    for part in text.split(","):
        if not part.strip():
            continue
        match = _PART.match(part)
        if match is None:
            raise ValueError(
                f"“{part.strip()}” is not a week or a range of weeks; write e.g. 1-4, 6, 9."
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first > last:
            raise ValueError(f"The range “{part.strip()}” runs backwards; write {last}-{first}.")
        if first < 1 or last > last_week:
            raise ValueError(
                f"The course runs weeks 1 to {last_week}; “{part.strip()}” is outside it."
            )
        weeks.update(range(first, last + 1))
    return sorted(weeks)


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
