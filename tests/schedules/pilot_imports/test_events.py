from datetime import UTC, datetime

import pytest

from schedules.pilot_imports import (
    Completion,
    ErrorCode,
    Evidence,
    FormatKind,
    PilotImportError,
)
from schedules.pilot_imports.run import pseudonymiser

from .helpers import SECRET, load, records_of

learner = pseudonymiser(SECRET)


def test_xapi_statements_become_completion_event_and_score_records():
    run, records = load("xapi_statements.json")
    assert run.kind is FormatKind.XAPI
    completed, viewed, scored = records
    assert completed.evidence is Evidence.COMPLETION
    assert completed.completion is Completion.COMPLETED
    assert completed.score == 0.9
    assert completed.minutes == 24.5
    assert completed.activity == "Titration simulation"
    assert completed.learner == learner("ana.diaz@example.edu")
    assert viewed.evidence is Evidence.EVENT
    assert viewed.activity == "Week 1 recorded lecture"
    assert viewed.at == datetime(2026, 12, 1, 6, 45, 10, tzinfo=UTC)
    assert viewed.learner == learner("b.okafor")
    assert scored.evidence is Evidence.SCORE
    assert scored.score == 0.7


def test_times_with_an_offset_need_no_zone_so_none_is_said_to_be_assumed():
    run, _ = load("xapi_statements.json", uploader_zone="Asia/Tokyo")
    assert not any("Times read as" in said for said in run.assumptions)
    template, _ = load("template.csv", uploader_zone="Asia/Tokyo")
    assert "Times read as Asia/Tokyo." in template.assumptions


def test_an_xapi_statement_without_a_timestamp_is_a_problem_and_the_rest_imports():
    run, records = load("xapi_statements.json")
    assert [(p.line, p.message) for p in run.problems] == [(3, "Statement 3 has no timestamp.")]
    assert len(records) == 3


def test_statements_one_per_line_are_numbered_by_line():
    content = (
        b'{"actor": {"name": "A"}, "verb": {"id": "x/experienced"}, "object": {"id": "o"},'
        b' "timestamp": "2026-12-01T10:00:00Z"}\n'
        b'{"actor": {"name": "B"}, "verb": {"id": "x/experienced"}, "object": {"id": "o"}}\n'
    )
    run, records = records_of(content)
    assert len(records) == 1
    assert run.problems[0].line == 2


def test_broken_json_is_refused_with_where_it_broke():
    with pytest.raises(PilotImportError) as refused:
        records_of(b'{"statements": [{"actor": {"name": "A"}, "verb": ')
    assert refused.value.code is ErrorCode.BAD_JSON
    assert "line 1" in refused.value.message


def test_json_nested_too_deeply_is_refused_not_crashed():
    with pytest.raises(PilotImportError) as refused:
        records_of(b'{"actor": 1, "verb": ' + b"[" * 100_000)
    assert refused.value.code is ErrorCode.BAD_JSON


def test_a_caliper_envelope_gives_events_and_the_assignees_score():
    run, records = load("caliper_envelope.json")
    assert run.kind is FormatKind.CALIPER
    navigated, graded = records
    assert navigated.activity == "Week 1 overview"
    assert navigated.action == "NavigatedTo"
    assert graded.evidence is Evidence.SCORE
    assert graded.score == 0.75  # 15 of 20
    assert graded.activity == "Week 1 quiz"
    # The grade is the learner's (the assignee), not the autograder's (the actor).
    assert graded.learner == navigated.learner


def test_our_template_reads_scores_as_fractions_or_percentages_and_minutes():
    _run, records = load("template.csv")
    assert [r.score for r in records[:2]] == [0.8, 0.85]
    assert records[2].evidence is Evidence.ATTENDANCE
    assert records[2].minutes == 45
    # A time without an offset is the uploader's local time.
    assert records[2].at == datetime(2026, 12, 3, 17, 30, tzinfo=UTC)


def test_our_templates_comment_lines_are_not_rows_and_a_formula_is_not_a_number():
    run, _records = load("template.csv")
    assert run.rows == 4
    assert [(p.line, p.message) for p in run.problems] == [
        (6, "Minutes “=20+25” is a formula, not a number (it is not calculated).")
    ]


@pytest.mark.parametrize(
    ("score", "says"),
    [("1.5", "must be from 0 to 1"), ("150%", "not between 0 and 1"), ("high", "not a number")],
)
def test_a_template_score_out_of_range_is_a_row_problem(score, says):
    content = f"learner,activity,timestamp,minutes,score\nA,Quiz,2026-12-01T10:00,,{score}\n"
    run, records = records_of(content.encode())
    assert records == []
    assert says in run.problems[0].message


def test_the_downloadable_template_is_served_as_a_static_file_with_no_rows_to_import():
    from django.contrib.staticfiles import finders

    template = finders.find("pilot/blendplan-activity-template.csv")
    assert template is not None
    with open(template, "rb") as file, pytest.raises(PilotImportError) as refused:
        records_of(file.read())
    assert refused.value.code is ErrorCode.NO_ROWS
