from datetime import UTC, datetime

import pytest

from schedules.pilot_imports import ErrorCode, Evidence, PilotAggregate, PilotImportError
from schedules.pilot_imports.run import pseudonymiser

from .helpers import SECRET, fixture, load, records_of

learner = pseudonymiser(SECRET)


def test_an_old_zoom_report_gives_one_attendance_interval_per_row():
    run, records = load("zoom_participants_old.csv")
    assert len(records) == 4
    ana = [r for r in records if r.learner == learner("Ana Díaz")]
    assert [r.minutes for r in ana] == [32, 26]
    assert ana[0].evidence is Evidence.ATTENDANCE
    # 12/01/2026 02:00:12 PM in Berlin: month first, as the course dates show.
    assert ana[0].at == datetime(2026, 12, 1, 13, 0, 12, tzinfo=UTC)
    assert ana[0].until == datetime(2026, 12, 1, 13, 31, 40, tzinfo=UTC)
    assert ana[0].activity == "Zoom meeting"
    assert any("month first" in said for said in run.assumptions)


def test_a_person_who_renamed_themselves_is_counted_under_their_original_name():
    _, records = load("zoom_participants_old.csv")
    assert learner("Ben Okafor") in {r.learner for r in records}


def test_a_new_zoom_report_with_its_meeting_section_takes_the_topic_as_the_activity():
    _, records = load("zoom_participants_new.csv")
    assert {r.activity for r in records} == {"Live seminar 2: argument clinic"}
    assert records[0].at == datetime(2026, 12, 8, 12, 58, tzinfo=UTC)


def test_a_one_table_zoom_export_reads_the_participants_columns_and_skips_the_waiting_room():
    run, records = load("zoom_participants_one_table.csv")
    assert {r.activity for r in records} == {"Live clinic 1"}
    assert [r.minutes for r in records] == [59, 45]  # Ana's 3 minutes waiting are not attended
    assert run.skipped == {"time in the waiting room": 1}
    # This account writes day first (03/12/2026 = 3 December), as the course dates show.
    assert records[0].at == datetime(2026, 12, 3, 15, 1, tzinfo=UTC)
    assert records[0].learner == learner("Ana Díaz")


def test_rejoins_are_summed_per_learner_by_the_aggregate():
    _, records = load("zoom_participants_new.csv")
    pilot = PilotAggregate("Europe/Berlin").add_all(records)
    chen = pilot.cells[(learner("Chen Wei"), "Live seminar 2: argument clinic")]
    assert chen.minutes == 19 + 38
    assert chen.first == datetime(2026, 12, 8, 13, 1, 10, tzinfo=UTC)
    assert chen.last == datetime(2026, 12, 8, 14, 0, tzinfo=UTC)


def test_a_zoom_report_without_its_duration_column_is_refused_naming_it():
    content = fixture("zoom_participants_old.csv").replace(b",Duration (Minutes)", b",Minutes")
    with pytest.raises(PilotImportError) as refused:
        records_of(content)
    assert refused.value.code is ErrorCode.MISSING_COLUMNS
    assert "no “Duration (Minutes)” column" in refused.value.message


def test_a_teams_report_reads_the_participants_section_only_once_per_person():
    _run, records = load("teams_attendance.csv")
    assert {r.activity for r in records} == {"Live lab 1: titration walkthrough"}
    ana = [r for r in records if r.learner == learner("Ana Díaz")]
    assert len(ana) == 1  # the In-Meeting Activities section is not counted again
    assert ana[0].minutes == pytest.approx(52 + 7 / 60)
    # 12/2/26, 10:00:03 AM (month first) in Berlin.
    assert ana[0].at == datetime(2026, 12, 2, 9, 0, 3, tzinfo=UTC)


def test_the_teams_organiser_and_opted_out_attendees_are_skipped_not_counted():
    run, records = load("teams_attendance.csv")
    assert len(records) == 2
    assert run.skipped == {
        "the meeting's organiser": 1,
        "attendees who opted out of the report": 1,
    }


def test_a_teams_report_without_the_optional_columns_still_imports():
    content = fixture("teams_attendance.csv").decode("utf-16")
    lines = [line.split("\t")[:3] for line in content.splitlines()]
    stripped = "\r\n".join("\t".join(cells) for cells in lines).encode("utf-16")
    _, records = records_of(stripped)
    # No Role column: the organiser cannot be told apart; no duration: join to leave.
    assert len(records) == 3
    ana = next(r for r in records if r.learner == learner("Ana Díaz"))
    assert ana.minutes == pytest.approx(59 + 57 / 60)


def test_teams_attendance_list_of_2020_pairs_each_join_with_the_next_leave():
    run, records = load("teams_attendance_list_2020.csv")
    ana = [r for r in records if r.learner == learner("Ana Díaz")]
    assert [r.minutes for r in ana] == [pytest.approx(20 + 20 / 60), pytest.approx(32 + 10 / 60)]
    assert ana[0].at == datetime(2026, 12, 9, 8, 59, 40, tzinfo=UTC)
    farah = next(r for r in records if r.learner == learner("Farah Aziz"))
    assert farah.minutes == pytest.approx(54 + 25 / 60)
    # Dara never left before the list was downloaded: counted until its last entry.
    dara = next(r for r in records if r.learner == learner("Dara Kelly"))
    assert dara.until == datetime(2026, 12, 9, 10, 1, tzinfo=UTC)
    assert any("1 attendee had not left" in said for said in run.assumptions)
    assert [(p.line, p.message) for p in run.problems] == [(9, "“Left” without a join before it.")]
