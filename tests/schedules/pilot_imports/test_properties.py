"""Whatever bytes arrive, reading them ends in records or in our error with a message."""

import gzip
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedules.pilot_imports import FormatKind, PilotImportError, detect

from .helpers import fixture, records_of

HEADERS = [
    fixture("moodle_log.csv").splitlines()[0],
    fixture("zoom_participants_old.csv").splitlines()[0],
    fixture("moodle_activity_completion.csv").splitlines()[0],
    fixture("moodle_course_completion.csv").splitlines()[0],
    b"learner,activity,timestamp,minutes,score",
    b"2. Participants\nName\tFirst Join\tLast Leave",
    b'{"statements": [',
    b'{"sensor": "s", "data": [',
    b"",
]
CELLS = st.sampled_from(
    [
        "",
        "-",
        "Ana",
        '"=1+1"',
        "07/12/26, 14:05",
        "13/13/26, 25:61",
        "30 Feb, 10:00",
        "2026-12-01T10:00:00Z",
        "2026-12-01 10:00",
        "12/01/2026 02:00:12 PM",
        "1h 2m",
        "85%",
        "1e309",
        "NaN",
        "Completed",
        '{"actor": {}, "verb": 1}',
        '"',
        "\x00",
        "Не завершено",
    ]
)
BODY = st.lists(st.lists(CELLS, max_size=12).map(",".join), max_size=30).map("\n".join)


def wrap(content: bytes, how: int) -> bytes:
    if how == 1:
        return gzip.compress(content)
    if how == 2:
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w") as archive:
            archive.writestr("export.csv", content)
        return packed.getvalue()
    if how == 3:
        return content.decode("utf-8", errors="ignore").encode("utf-16")
    return content


def outcome(action) -> str:
    """ "ok", or our error's message; any other exception fails the test."""
    try:
        action()
    except PilotImportError as error:
        return error.message
    return "ok"


def read_all(content: bytes, kind: FormatKind | None = None) -> None:
    assert outcome(lambda: detect(content[:65536], "upload.csv")).strip()
    assert outcome(lambda: records_of(content, kind=kind, size_limit=200_000)).strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from(HEADERS),
    body=BODY,
    how=st.integers(0, 3),
    kind=st.none() | st.sampled_from(list(FormatKind)),
)
def test_reading_a_plausible_file_never_raises_anything_but_our_error(header, body, how, kind):
    read_all(wrap(header + b"\n" + body.encode(), how), kind)


@settings(max_examples=300, deadline=None)
@given(content=st.binary(max_size=2000))
def test_reading_any_bytes_never_raises_anything_but_our_error(content):
    read_all(content)


@settings(max_examples=100, deadline=None)
@given(cut=st.integers(1, 4000), how=st.integers(0, 3))
def test_reading_a_fixture_cut_anywhere_never_raises_anything_but_our_error(cut, how):
    for name in ("moodle_log.csv", "teams_attendance.csv", "xapi_statements.json"):
        read_all(wrap(fixture(name), how)[:cut])
