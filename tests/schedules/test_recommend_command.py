"""``recommend SPEC.json``: the recommendation as JSON for LMS teams and scripts."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ROW_ONE: dict[str, Any] = {
    "discipline": "stem",
    "weekly_hours": 6,
    "weeks": 12,
    "cohort_size": 30,
    "outcomes": [
        {"text": "Titrate a solution", "bloom": "apply", "kind": "interactive_skill_mastery"}
    ],
    "learners": {
        "profile": "full_time_local",
        "bandwidth": "reliable",
        "lab_access": True,
        "lms": True,
        "segments": [{"count": 30, "timezone": "Europe/London"}],
    },
}
ROW_TWO: dict[str, Any] = {
    **ROW_ONE,
    "discipline": "business",
    "outcomes": [{"text": "Explain KPIs", "bloom": "understand", "kind": "knowledge_acquisition"}],
    "learners": {
        "profile": "distributed_professionals",
        "bandwidth": "variable",
        "lab_access": False,
        "lms": True,
        "segments": [
            {"count": 10, "timezone": "America/New_York"},
            {"count": 10, "timezone": "Europe/London"},
            {"count": 10, "timezone": "Asia/Singapore"},
        ],
    },
}
ROW_THREE: dict[str, Any] = {
    **ROW_ONE,
    "discipline": "humanities",
    "outcomes": [{"text": "Debate a source", "bloom": "analyze", "kind": "mixed"}],
    "learners": {
        "profile": "hybrid",
        "bandwidth": "reliable",
        "lab_access": False,
        "lms": True,
        "segments": [{"count": 30, "timezone": "Europe/London"}],
    },
}


def recommend(tmp_path, spec):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec) if isinstance(spec, dict) else spec)
    out = StringIO()
    call_command("recommend", str(path), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("spec", "share", "sample_week"),
    # The sample week is matched on the course's needs (seed 000: week C "suits learners who
    # need maximum scheduling flexibility", week B is "often ideal for mixed cohorts").
    [(ROW_ONE, 0.7, "A"), (ROW_TWO, 0.3, "C"), (ROW_THREE, 0.5, "B")],
)
def test_the_seeds_three_rows_come_out_at_70_30_and_50(tmp_path, spec, share, sample_week):
    result = recommend(tmp_path, spec)
    assert result["live_share"] == share
    assert result["rule_version"] == 1
    assert result["matched_rules"][0]["fits_fully"] is True
    assert result["confidence"]["label"] == "high"
    assert result["reasons"][0].startswith("Your course matches ")
    assert result["nearest_sample_week"]["letter"] == sample_week


def test_a_mixed_course_lands_between_the_rows_with_reasons(tmp_path):
    mixed = {**ROW_ONE, "outcomes": [*ROW_ONE["outcomes"], *ROW_TWO["outcomes"]]}
    result = recommend(tmp_path, mixed)
    assert 0.3 < result["live_share"] < 0.7
    assert "blends the rows" in result["reasons"][0]
    assert any("live time gets more weight" in reason for reason in result["reasons"][1:])


def test_a_bad_spec_is_refused_with_one_line_per_problem(tmp_path):
    bad = {**ROW_ONE, "weeks": 0, "learners": {**ROW_ONE["learners"], "bandwidth": "dial-up"}}
    with pytest.raises(CommandError) as refused:
        recommend(tmp_path, bad)
    message = str(refused.value)
    assert "weeks" in message
    assert "dial-up" in message


def test_malformed_json_is_refused(tmp_path):
    with pytest.raises(CommandError, match="refused"):
        recommend(tmp_path, "{oops")


def test_the_schema_describes_the_spec():
    out = StringIO()
    call_command("recommend", "--schema", stdout=out)
    schema = json.loads(out.getvalue())
    assert {"discipline", "outcomes", "learners"} <= set(schema["properties"])


def test_the_command_exits_non_zero_on_a_bad_spec(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{}")
    result = subprocess.run(
        [sys.executable, "manage.py", "recommend", str(path)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
    )
    assert result.returncode != 0
    assert "discipline" in result.stderr
