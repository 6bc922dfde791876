"""docs/recommendation.md's worked examples, run through the engine so they cannot drift.

Each example names a course of the expert panel on its "Panel course:" line; its table
lists the baseline, every factor the engine gives (and no other) and the share, to a
tenth of a point.
"""

import re
from pathlib import Path

import pytest

from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.spec import load_default_ruleset
from tests.schedules.rules.test_expert_panel import CASES

DOC = Path(__file__).resolve().parents[3] / "docs" / "recommendation.md"
EXAMPLE = re.compile(r'^Panel course: "(?P<name>[^"]+)"\.$', re.MULTILINE)
ROW = re.compile(r"^\| (?P<name>`\w+`|Baseline|\*\*Share\*\*) \| (?P<points>[^|]+) \|", re.M)


def examples() -> list[tuple[str, str]]:
    """Return each worked example's panel course name and its text up to the next one."""
    text = DOC.read_text(encoding="utf-8")
    found = list(EXAMPLE.finditer(text))
    ends = [match.start() for match in found[1:]] + [len(text)]
    return [
        (match["name"], text[match.end() : end]) for match, end in zip(found, ends, strict=True)
    ]


def points(text: str) -> float:
    return float(text.strip().strip("*").replace("−", "-"))


def test_the_doc_works_at_least_two_examples() -> None:
    assert len(examples()) >= 2


@pytest.mark.parametrize(("name", "text"), examples(), ids=[name for name, _ in examples()])
def test_a_worked_example_agrees_with_the_engine(name: str, text: str) -> None:
    [case] = [case for case in CASES if case.name == name]
    result = recommend(CourseFacts.model_validate(case.data), load_default_ruleset())
    rows = {match["name"].strip("`"): points(match["points"]) for match in ROW.finditer(text)}

    assert rows.pop("Baseline") == result.baseline * 100
    assert rows.pop("**Share**") == pytest.approx(result.live_share * 100)
    assert rows == pytest.approx(dict(result.factor_points))
