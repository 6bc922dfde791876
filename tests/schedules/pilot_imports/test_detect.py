import gzip
import io
import zipfile

import pytest

from schedules.pilot_imports import ErrorCode, FormatKind, PilotImportError, detect

from .helpers import fixture, records_of

KINDS = {
    "moodle_log.csv": FormatKind.MOODLE_LOG,
    "moodle_log_sitewide.csv": FormatKind.MOODLE_LOG,
    "moodle_log_noyear.csv": FormatKind.MOODLE_LOG,
    "moodle_log_renamed.csv": FormatKind.MOODLE_LOG,
    "moodle_activity_completion.csv": FormatKind.MOODLE_ACTIVITY_COMPLETION,
    "moodle_course_completion.csv": FormatKind.MOODLE_COURSE_COMPLETION,
    "zoom_participants_old.csv": FormatKind.ZOOM_PARTICIPANTS,
    "zoom_participants_new.csv": FormatKind.ZOOM_PARTICIPANTS,
    "zoom_participants_one_table.csv": FormatKind.ZOOM_PARTICIPANTS,
    "teams_attendance.csv": FormatKind.TEAMS_ATTENDANCE,
    "teams_attendance_list_2020.csv": FormatKind.TEAMS_ATTENDANCE,
    "xapi_statements.json": FormatKind.XAPI,
    "caliper_envelope.json": FormatKind.CALIPER,
    "template.csv": FormatKind.TEMPLATE,
}


@pytest.mark.parametrize(("name", "kind"), KINDS.items())
def test_each_fixture_is_recognised_from_its_first_bytes(name, kind):
    assert detect(fixture(name)[:4096], name) is kind


def test_a_log_with_a_renamed_column_is_still_recognised_so_reading_it_can_say_what_is_missing():
    assert detect(fixture("moodle_log_renamed.csv"), "export.csv") is FormatKind.MOODLE_LOG


def test_an_unknown_file_is_refused_with_every_kind_we_read():
    with pytest.raises(PilotImportError) as refused:
        detect(fixture("not_an_export.csv"), "stock.csv")
    assert refused.value.code is ErrorCode.UNKNOWN_FORMAT
    for kind in FormatKind:
        assert kind.label in refused.value.message
    assert "Product,Price,Stock" in refused.value.message


def test_a_file_named_like_a_moodle_log_but_without_its_columns_says_so():
    with pytest.raises(PilotImportError, match="named like a Moodle log"):
        detect(fixture("not_an_export.csv"), "logs_BM101_20261207-1015.csv")


def test_a_gzip_or_zip_start_is_expanded_to_detect_the_file_inside():
    content = fixture("zoom_participants_new.csv")
    assert detect(gzip.compress(content)[:2048], "p.csv.gz") is FormatKind.ZOOM_PARTICIPANTS
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("participants_81234567890.csv", content)
    assert detect(packed.getvalue()[:2048], "p.zip") is FormatKind.ZOOM_PARTICIPANTS


@pytest.mark.parametrize(
    ("head", "says"),
    [
        (b"%PDF-1.7\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel"),
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00", "not text"),
        (b'{"foo": 1}', "neither xAPI"),
    ],
)
def test_files_that_are_not_exports_are_refused_with_a_reason(head, says):
    with pytest.raises(PilotImportError, match=says):
        detect(head, "upload")


def test_a_file_of_another_kind_than_the_one_chosen_is_refused_naming_both():
    with pytest.raises(PilotImportError) as refused:
        records_of(fixture("zoom_participants_old.csv"), kind=FormatKind.MOODLE_LOG)
    assert "not a Moodle logs" in refused.value.message
    assert "looks like a Zoom meeting participants report" in refused.value.message


def test_a_file_we_cannot_place_read_as_the_chosen_kind_says_which_columns_it_lacks():
    with pytest.raises(PilotImportError) as refused:
        records_of(fixture("not_an_export.csv"), kind=FormatKind.ZOOM_PARTICIPANTS)
    assert refused.value.code is ErrorCode.MISSING_COLUMNS
    assert "Found: “Product”, “Price”, “Stock”" in refused.value.message
