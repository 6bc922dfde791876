import gzip
import io
import zipfile

import pytest

from schedules.pilot_imports import ErrorCode, PilotImportError, read

from .helpers import COURSE, fixture, load, records_of, run_of


def zipped(*members: tuple[str, bytes]) -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return packed.getvalue()


def test_the_same_file_gives_the_same_fingerprint_and_the_same_record_keys():
    first, records = load("moodle_log.csv")
    again, records_again = load("moodle_log.csv")
    assert first.fingerprint == again.fingerprint
    assert [r.key for r in records] == [r.key for r in records_again]
    assert len({r.key for r in records}) == len(records)


def test_a_run_is_read_once_and_knows_its_fingerprint_only_when_read():
    run = run_of(fixture("moodle_log.csv"))
    with pytest.raises(RuntimeError, match="once the run has been iterated"):
        run.fingerprint  # noqa: B018
    list(run)
    assert len(run.fingerprint) == 64
    with pytest.raises(RuntimeError, match="reads its file once"):
        list(run)


def test_a_changed_file_has_another_fingerprint_but_its_unchanged_records_keep_their_keys():
    content = fixture("moodle_log.csv")
    run, records = records_of(content)
    shorter = b"\n".join(content.splitlines()[:4]) + b"\n"
    run_short, records_short = records_of(shorter)
    assert run.fingerprint != run_short.fingerprint
    assert {r.key for r in records_short} <= {r.key for r in records}


def test_zipped_and_gzipped_files_import_like_the_file_itself():
    content = fixture("zoom_participants_new.csv")
    plain, plain_records = records_of(content)
    for packed in (gzip.compress(content), zipped(("participants.csv", content))):
        run, packed_records = records_of(packed)
        assert run.fingerprint == plain.fingerprint
        assert packed_records == plain_records


def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(PilotImportError) as refused:
        records_of(fixture("moodle_log.csv"), size_limit=500)
    assert refused.value.code is ErrorCode.TOO_LARGE
    assert "larger than the 500 bytes limit" in refused.value.message


def test_a_gzip_that_expands_past_the_limit_is_refused_while_reading_not_after():
    header = fixture("moodle_log.csv").splitlines()[0] + b"\n"
    row = b'"02/12/26, 10:00",Ana,-,Course: X,System,Course viewed,d,web,192.0.2.1\n'
    bomb = gzip.compress(header + row * 200_000)  # 14 MB of text in ~40 kB
    assert len(bomb) < 100_000
    run = run_of(bomb, size_limit=1_000_000)
    with pytest.raises(PilotImportError) as refused:
        list(run)
    assert refused.value.code is ErrorCode.TOO_LARGE
    assert "expands past the 1.0 MB limit" in refused.value.message
    assert run.rows < 20_000


def test_a_zip_that_expands_past_the_limit_is_refused():
    bomb = zipped(("log.csv", fixture("moodle_log.csv") + b"\n" * 3_000_000))
    with pytest.raises(PilotImportError, match="expands past"):
        list(run_of(bomb, size_limit=1_000_000))


def test_a_zip_upload_itself_over_the_limit_is_refused_before_it_is_opened():
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("log.csv", fixture("moodle_log.csv") * 800)
    with pytest.raises(PilotImportError, match=r"larger than the 1\.0 MB limit"):
        list(run_of(stored.getvalue(), size_limit=1_000_000))


def test_a_zip_with_several_files_or_an_archive_inside_is_refused():
    with pytest.raises(PilotImportError, match="holds 2 files"):
        run_of(zipped(("a.csv", b"x"), ("b.csv", b"y")))
    with pytest.raises(PilotImportError, match="another archive"):
        run_of(zipped(("inner.csv.gz", gzip.compress(fixture("moodle_log.csv")))))


def test_an_excel_workbook_is_refused_with_how_to_save_it_as_csv():
    workbook = zipped(("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<w/>"))
    with pytest.raises(PilotImportError, match="Save As › CSV"):
        run_of(workbook)


def test_an_empty_file_and_a_damaged_gzip_are_refused():
    with pytest.raises(PilotImportError, match="empty"):
        run_of(b"")
    with pytest.raises(PilotImportError, match=r"damaged|ends too early"):
        list(run_of(gzip.compress(fixture("moodle_log.csv"))[:-30]))


def test_a_windows_1252_file_is_read_and_the_assumption_said():
    content = fixture("moodle_log.csv").decode().replace("—", "-").encode("cp1252")
    run, records = records_of(content)
    assert len(records) == 7
    assert any("Windows-1252" in said for said in run.assumptions)


def test_no_name_email_or_ip_address_leaves_the_import():
    secrets = ("Díaz", "Okafor", "Chen Wei", "example.edu", "192.0.2", "198.51.100", "b.okafor")
    for name in (
        "moodle_log.csv",
        "moodle_activity_completion.csv",
        "moodle_course_completion.csv",
        "zoom_participants_new.csv",
        "teams_attendance.csv",
        "xapi_statements.json",
        "caliper_envelope.json",
        "template.csv",
    ):
        run, records = load(name)
        said = repr(records) + repr(run.problems) + repr(run.assumptions)
        for secret in secrets:
            assert secret not in said, (name, secret)


def test_the_same_learner_has_another_pseudonym_in_another_course():
    _, here = load("moodle_log.csv")
    _, there = load("moodle_log.csv", secret=b"another-course-secret-000000000")
    assert here[0].learner != there[0].learner


class Unseekable(io.RawIOBase):
    """An upload read as it arrives (a request body), which cannot seek."""

    def __init__(self, content: bytes) -> None:
        self._content = io.BytesIO(content)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:
        data = self._content.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def test_a_zip_that_cannot_seek_is_spooled_and_read_like_any_other():
    content = fixture("moodle_log.csv")
    run = read(Unseekable(zipped(("logs.csv", content))), **COURSE)
    assert len(list(run)) == 7
    assert run.fingerprint == load("moodle_log.csv")[0].fingerprint
