from datetime import UTC, date, datetime

import pytest

from schedules.pilot_imports import (
    Completion,
    ErrorCode,
    Evidence,
    FormatKind,
    PilotImportError,
)
from schedules.pilot_imports.run import pseudonymiser

from .helpers import SECRET, fixture, load, records_of

learner = pseudonymiser(SECRET)


def test_a_moodle_log_yields_one_event_per_learner_row_in_utc():
    run, records = load("moodle_log.csv")
    assert run.kind is FormatKind.MOODLE_LOG
    assert len(records) == 7
    first = records[0]
    assert first.evidence is Evidence.EVENT
    assert first.learner == learner("Ana Díaz")
    assert first.activity == "Quiz: Week 2 check"
    assert first.action == "Quiz attempt submitted"
    # 18:42:07 in Berlin (UTC+1 in December) is 17:42:07 UTC.
    assert first.at == datetime(2026, 12, 12, 17, 42, 7, tzinfo=UTC)
    assert first.line == 2


def test_moodles_csv_with_a_byte_order_mark_reads_the_same():
    _, plain = load("moodle_log.csv")
    _, marked = records_of(b"\xef\xbb\xbf" + fixture("moodle_log.csv"))
    assert marked == plain


def test_the_excel_flavour_of_the_completion_download_utf16_with_tabs_reads_the_same():
    _, plain = load("moodle_activity_completion.csv")
    text = fixture("moodle_activity_completion.csv").decode()
    tabbed = "\n".join(
        line.replace('","', '"\t"').replace(',"', '\t"') for line in text.splitlines()
    )
    run, excel = records_of(tabbed.encode("utf-16"))
    assert run.kind is FormatKind.MOODLE_ACTIVITY_COMPLETION
    assert [(r.learner, r.activity, r.completion, r.at) for r in excel] == [
        (r.learner, r.activity, r.completion, r.at) for r in plain
    ]


def test_rows_of_the_system_are_not_a_learners_and_are_counted_as_skipped():
    run, records = load("moodle_log.csv")
    assert run.rows == 8
    assert run.skipped == {"rows of the system, not of a person": 1}
    assert all(record.line != 6 for record in records)


def test_the_log_says_which_zone_it_read_the_times_in_and_which_date_order():
    run, _ = load("moodle_log.csv", uploader_zone="America/New_York")
    assert "Times read as America/New_York." in run.assumptions
    assert any("day first" in said for said in run.assumptions)


def test_the_uploaders_zone_moves_every_time():
    _, berlin = load("moodle_log.csv")
    _, new_york = load("moodle_log.csv", uploader_zone="America/New_York")
    assert new_york[0].at is not None
    assert berlin[0].at is not None
    assert (new_york[0].at - berlin[0].at).total_seconds() == 6 * 3600


def test_two_identical_rows_in_the_same_second_are_two_records_with_different_keys():
    # Lines 4 and 5: two posts by the same person in the same second, same context.
    _, records = load("moodle_log.csv")
    posts = [record for record in records if record.line in (4, 5)]
    assert len(posts) == 2
    assert posts[0].key != posts[1].key


def test_a_site_wide_log_reads_the_course_column_and_says_it_covers_several_courses():
    run, records = load("moodle_log_sitewide.csv")
    assert len(records) == 3
    assert records[0].at == datetime(2026, 12, 2, 15, 45, tzinfo=UTC)
    assert any("several courses (BM101, CH200)" in said for said in run.assumptions)


def test_a_log_without_years_takes_the_year_from_the_course_and_says_so():
    run, records = load("moodle_log_noyear.csv")
    assert [record.at for record in records] == [
        datetime(2026, 12, 2, 13, 5, tzinfo=UTC),
        datetime(2026, 11, 30, 8, 15, tzinfo=UTC),
    ]
    assert "The file gives no year: 2026 inferred from the course dates." in run.assumptions


def test_a_course_over_new_year_gives_each_yearless_date_its_own_year():
    content = (
        "Time,User full name,Affected user,Event context,Component,Event name,Description,"
        "Origin,IP address\n"
        '"2 Jan, 10:00",Ana Díaz,-,Course: X,System,Course viewed,d,web,192.0.2.1\n'
        '"30 Dec, 10:00",Ana Díaz,-,Course: X,System,Course viewed,d,web,192.0.2.1\n'
    ).encode()
    run, records = records_of(
        content, course_start=date(2026, 12, 21), course_end=date(2027, 1, 10)
    )
    assert [r.at.year for r in records if r.at] == [2027, 2026]
    assert any("2026–2027 inferred" in said for said in run.assumptions)


def test_dates_that_read_either_way_within_the_course_are_refused_as_ambiguous():
    with pytest.raises(PilotImportError) as refused:
        load(
            "moodle_log_ambiguous.csv",
            course_start=date(2026, 1, 5),
            course_end=date(2026, 12, 20),
        )
    assert refused.value.code is ErrorCode.AMBIGUOUS_DATES
    assert "day first" in refused.value.message
    assert "month first" in refused.value.message


def test_an_ambiguous_file_imports_once_the_order_is_given():
    run, records = load(
        "moodle_log_ambiguous.csv",
        course_start=date(2026, 1, 5),
        course_end=date(2026, 12, 20),
        day_first=False,
    )
    assert records[0].at == datetime(2026, 5, 6, 8, 0, tzinfo=UTC)
    assert not any("as the" in said for said in run.assumptions)


def test_the_course_dates_settle_an_order_the_file_alone_cannot():
    # 01/12/26 is 1 December (in the course) or 12 January (not): day first.
    run, records = load("moodle_log_sitewide.csv")
    assert any("as the course dates showed" in said for said in run.assumptions)
    assert records[1].at == datetime(2026, 12, 1, 7, 12, tzinfo=UTC)


def test_a_file_that_mixes_day_first_and_month_first_dates_is_refused_naming_the_lines():
    with pytest.raises(PilotImportError) as refused:
        load("moodle_log_mixed_dates.csv")
    assert refused.value.code is ErrorCode.MIXED_DATES
    assert "line 4" in refused.value.message
    assert "line 2" in refused.value.message


def test_renamed_columns_are_refused_saying_what_was_expected_and_what_was_found():
    with pytest.raises(PilotImportError) as refused:
        load("moodle_log_renamed.csv")
    message = refused.value.message
    assert refused.value.code is ErrorCode.MISSING_COLUMNS
    assert "no “Time” and “Event name” columns" in message
    assert "Expected: Time, User full name" in message
    assert "(and, if present, Course" in message
    assert "Found: “Date”, “User full name”" in message


def test_a_log_of_another_term_is_refused_as_outside_the_course():
    with pytest.raises(PilotImportError) as refused:
        load("moodle_log_other_term.csv")
    assert refused.value.code is ErrorCode.OUTSIDE_COURSE
    assert "30 November 2026 – 13 December 2026" in refused.value.message


def test_records_outside_the_course_dates_are_counted_and_left_out():
    run, records = load(
        "moodle_log.csv", course_start=date(2026, 12, 1), course_end=date(2026, 12, 10)
    )
    assert run.before_course == 1  # 30 November
    assert run.after_course == 2  # 12 December
    assert run.out_of_course == 3
    assert len(records) == 4


def test_unreadable_rows_are_listed_with_their_lines_and_the_rest_is_imported():
    run, records = load("moodle_log_broken_rows.csv")
    assert [(p.line, p.message) for p in run.problems] == [
        (3, "Time: “yesterday” is not a date and time we can read."),
        (4, "The row has 2 cells; the header has 9."),
    ]
    assert run.problem_count == 2
    assert [record.line for record in records] == [2, 5]


def test_a_row_with_a_cell_too_long_for_csv_is_a_problem_and_the_next_rows_import():
    header = fixture("moodle_log.csv").splitlines()[0]
    row = '"02/12/26, 10:00",Ana Díaz,-,Course: X,System,Course viewed,"{}",web,192.0.2.1'
    content = b"\n".join([header, row.format("d" * 200_000).encode(), row.format("short").encode()])
    run, records = records_of(content)
    assert run.problems[0].line == 2
    assert "cannot be read as CSV" in run.problems[0].message
    assert [record.line for record in records] == [3]


def test_a_formula_cell_is_kept_as_text_and_never_calculated():
    run, records = load("moodle_log_broken_rows.csv")
    assert records[1].activity == '=HYPERLINK("http://example.invalid","Week 1")'
    assert any("spreadsheet formula" in said for said in run.assumptions)


def test_problems_beyond_fifty_are_counted_but_not_listed():
    header = fixture("moodle_log.csv").splitlines()[0]
    good = '"02/12/26, 10:00",Ana Díaz,-,Course: X,System,Course viewed,d,web,192.0.2.1'
    content = b"\n".join([header, good.encode(), *[b'"nonsense",A,-,C,S,E,d,web,x'] * 120])
    run, records = records_of(content)
    assert run.problem_count == 120
    assert len(run.problems) == 50
    assert len(records) == 1


def test_activity_completion_reads_each_activitys_state_and_date():
    _, records = load("moodle_activity_completion.csv")
    ana = {r.activity: r for r in records if r.learner == learner("Ana Díaz")}
    assert ana["Week 1 quiz"].completion is Completion.PASSED
    assert ana["Week 1 quiz"].at == datetime(2026, 12, 5, 19, 14, 9, tzinfo=UTC)
    assert ana["Week 1 reading"].completion is Completion.COMPLETED
    ben = {r.activity: r for r in records if r.learner == learner("Ben Okafor")}
    assert ben["Week 1 quiz"].completion is Completion.FAILED
    assert ben["Live seminar 1"].completion is Completion.NOT_COMPLETED
    assert ben["Live seminar 1"].at is None
    chen = {r.activity: r for r in records if r.learner == learner("Chen Wei")}
    assert chen["Live seminar 1"].completion is Completion.COMPLETED  # set by the teacher
    assert {r.evidence for r in records} == {Evidence.COMPLETION}
    assert len(records) == 9  # 3 learners × 3 activities; the e-mail column is not one


def test_an_unknown_completion_state_is_a_row_problem():
    content = (
        ',"Email address","Quiz",""\n'
        '"Ana Díaz","a@example.edu","Half done",""\n'
        '"Ben Okafor","b@example.edu","Completed","2026-12-01 10:00:00"\n'
    ).encode()
    run, records = records_of(content, kind=FormatKind.MOODLE_ACTIVITY_COMPLETION)
    assert run.problems[0].line == 2
    assert "“Half done” is not a completion state" in run.problems[0].message
    assert len(records) == 1


def test_course_completion_reads_activity_criteria_and_the_course_itself():
    _, records = load("moodle_course_completion.csv")
    ana = {r.activity: r for r in records if r.learner == learner("Ana Díaz")}
    assert ana["Week 1 quiz"].completion is Completion.PASSED
    assert ana["Course complete"].completion is Completion.COMPLETED
    assert ana["Course complete"].at == datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    ben = {r.activity: r for r in records if r.learner == learner("Ben Okafor")}
    assert ben["Course complete"].completion is Completion.NOT_COMPLETED
