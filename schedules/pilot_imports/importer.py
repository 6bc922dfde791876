"""``read``: open a file, choose its reader, and return the ``ImportRun`` over it."""

from collections.abc import Callable, Iterator
from datetime import date
from typing import TextIO

from .errors import ErrorCode, PilotImportError
from .formats import FormatKind, detect_text
from .readers import events, meetings, moodle
from .records import Record
from .run import Context, ImportRun
from .source import ByteStream, open_text
from .times import zone

# Bytes, after decompression: a whole term's Moodle log of a large course fits.
DEFAULT_SIZE_LIMIT = 200_000_000

READERS: dict[FormatKind, Callable[[TextIO, Context], Iterator[Record]]] = {
    FormatKind.MOODLE_LOG: moodle.read_log,
    FormatKind.MOODLE_ACTIVITY_COMPLETION: moodle.read_activity_completion,
    FormatKind.MOODLE_COURSE_COMPLETION: moodle.read_course_completion,
    FormatKind.ZOOM_PARTICIPANTS: meetings.read_zoom,
    FormatKind.TEAMS_ATTENDANCE: meetings.read_teams,
    FormatKind.XAPI: events.read_xapi,
    FormatKind.CALIPER: events.read_caliper,
    FormatKind.TEMPLATE: events.read_template,
}


def read(
    stream: ByteStream,
    *,
    kind: FormatKind | None = None,
    secret: bytes,
    course_zone: str,
    uploader_zone: str,
    course_start: date,
    course_end: date,
    size_limit: int = DEFAULT_SIZE_LIMIT,
    filename: str = "",
    day_first: bool | None = None,
) -> ImportRun:
    """Return the import of ``stream`` (a binary file, plain, .gz or .zip): iterate it for
    its records (see ``ImportRun``). ``kind`` is detected when not given. Local times in the
    file are read in ``uploader_zone`` (the zone of whoever downloaded the report);
    ``day_first`` settles 07/12 when the file and the course dates cannot. Raises
    ``PilotImportError`` here for a file it refuses outright, and while iterating for one it
    finds out about on the way (a bomb, every record outside the course)."""
    if len(secret) < 16:
        raise ValueError("The course's pseudonym secret must be at least 16 bytes.")
    if course_end < course_start:
        raise ValueError("The course ends before it starts.")
    zone(course_zone)
    zone(uploader_zone)
    text, source, head = open_text(stream, size_limit)
    chosen = kind or detect_text(head, filename)
    if kind is not None:
        # The kind the uploader chose: refuse a file that is clearly another kind; one we
        # cannot place goes to the reader, which says which columns it expected and found.
        try:
            found = detect_text(head, filename)
        except PilotImportError:
            found = kind
        if found is not kind:
            text.close()
            raise PilotImportError(
                ErrorCode.UNKNOWN_FORMAT,
                f"This file is not a {kind.label}: it looks like a {found.label}.",
            )
    return ImportRun(
        kind=chosen,
        text=text,
        source=source,
        reader=READERS[chosen],
        secret=secret,
        course_zone=course_zone,
        uploader_zone=uploader_zone,
        course_start=course_start,
        course_end=course_end,
        day_first=day_first,
    )
