"""The kinds of file we read, their columns, and telling which kind a file is.

``detect`` looks at the first bytes of a file (expanding a .gz or .zip start) and, failing
that, refuses with a message that lists every kind we read. A file whose header is close to a
kind but not quite (a renamed or missing column) is detected as that kind, so that reading it
says which columns were expected and which were found.
"""

import csv
import re
from enum import StrEnum

from .errors import ErrorCode, PilotImportError
from .source import choose_encoding, decompress_head, refuse_binary


class FormatKind(StrEnum):
    MOODLE_LOG = "moodle_log"
    MOODLE_ACTIVITY_COMPLETION = "moodle_activity_completion"
    MOODLE_COURSE_COMPLETION = "moodle_course_completion"
    ZOOM_PARTICIPANTS = "zoom_participants"
    TEAMS_ATTENDANCE = "teams_attendance"
    XAPI = "xapi"
    CALIPER = "caliper"
    TEMPLATE = "blendplan_template"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    FormatKind.MOODLE_LOG: "Moodle logs (Reports › Logs, downloaded as CSV)",
    FormatKind.MOODLE_ACTIVITY_COMPLETION: "Moodle activity completion (CSV download)",
    FormatKind.MOODLE_COURSE_COMPLETION: "Moodle course completion (CSV download)",
    FormatKind.ZOOM_PARTICIPANTS: "Zoom meeting participants report (CSV)",
    FormatKind.TEAMS_ATTENDANCE: "Microsoft Teams attendance report (CSV)",
    FormatKind.XAPI: "xAPI statements (JSON, from any LRS)",
    FormatKind.CALIPER: "IMS Caliper events (JSON envelope, e.g. Canvas or Blackboard)",
    FormatKind.TEMPLATE: "BlendPlan activity template (CSV: learner, activity, timestamp…)",
}

# The header cells each CSV kind needs, as the tools write them (compared case-insensitively).
MOODLE_LOG_COLUMNS = (
    "Time",
    "User full name",
    "Affected user",
    "Event context",
    "Component",
    "Event name",
    "Description",
    "Origin",
    "IP address",
)
MOODLE_LOG_REQUIRED = ("Time", "User full name", "Event context", "Event name")
ZOOM_COLUMNS = (
    "Name (Original Name)",
    "User Email",
    "Join Time",
    "Leave Time",
    "Duration (Minutes)",
)
ZOOM_REQUIRED = ("Name (Original Name)", "Join Time", "Leave Time", "Duration (Minutes)")
TEAMS_COLUMNS = (
    "Name",
    "First Join",
    "Last Leave",
    "In-Meeting Duration",
    "Email",
    "Participant ID (UPN)",
    "Role",
)
TEAMS_REQUIRED = ("Name", "First Join", "Last Leave")
# Teams' attendance list of 2020-2021: one row per join or leave.
TEAMS_LIST_COLUMNS = ("Full Name", "User Action", "Timestamp")
TEMPLATE_COLUMNS = ("learner", "activity", "timestamp", "minutes", "score")
TEMPLATE_REQUIRED = ("learner", "activity", "timestamp")
COURSE_COMPLETION_MARK = "Course complete"

SIGNATURES: tuple[tuple[FormatKind, tuple[str, ...]], ...] = (
    (FormatKind.MOODLE_LOG, MOODLE_LOG_COLUMNS),
    (FormatKind.ZOOM_PARTICIPANTS, ZOOM_COLUMNS),
    (FormatKind.TEAMS_ATTENDANCE, TEAMS_COLUMNS),
    (FormatKind.TEAMS_ATTENDANCE, TEAMS_LIST_COLUMNS),
    (FormatKind.TEMPLATE, TEMPLATE_COLUMNS),
)


def fold(cell: str) -> str:
    """A header cell compared loosely: no BOM, quotes, case or extra spaces."""
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()


def known_formats() -> str:
    return "; ".join(kind.label for kind in FormatKind)


def _unknown(first_line: str, why: str = "") -> PilotImportError:
    shown = first_line.strip()[:120]
    return PilotImportError(
        ErrorCode.UNKNOWN_FORMAT,
        (why or "We could not tell what kind of export this is.")
        # What the file holds before the long list of what we read, so it is seen first.
        + (f" Its first line is “{shown}”." if shown else "")
        + f" We read: {known_formats()}.",
    )


def _json_kind(text: str) -> FormatKind:
    if (
        re.search(r'"(eventTime|sensor|sendTime|dataVersion)"', text)
        or "purl.imsglobal.org/ctx/caliper" in text
    ):
        return FormatKind.CALIPER
    if re.search(r'"verb"', text) and re.search(r'"actor"', text):
        return FormatKind.XAPI
    raise _unknown(
        text.splitlines()[0] if text else "",
        "This JSON is neither xAPI statements nor Caliper events.",
    )


def _cells(line: str) -> list[str]:
    delimiter = "\t" if line.count("\t") > line.count(",") else ","
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return []


def detect_text(text: str, filename: str = "") -> FormatKind:
    """Return the kind of the decoded start of a file; PilotImportError when none fits."""
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith(("{", "[")):
        return _json_kind(stripped)
    # A leading tab or comma is an empty first cell (Moodle's completion header): keep it.
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:40] if line.strip()]
    if not lines:
        raise PilotImportError(ErrorCode.EMPTY, "The file has no rows.")
    if any(fold(line).startswith(("1. summary", "2. participants")) for line in lines):
        return FormatKind.TEAMS_ATTENDANCE
    best: tuple[int, FormatKind] | None = None
    for line in lines:
        cells = {fold(cell) for cell in _cells(line)}
        if fold(COURSE_COMPLETION_MARK) in cells:
            return FormatKind.MOODLE_COURSE_COMPLETION
        for kind, columns in SIGNATURES:
            score = sum(fold(column) in cells for column in columns)
            if score >= 2 and (best is None or score > best[0]):
                best = (score, kind)
    if best is not None:
        return best[1]
    first = _cells(lines[0])
    if len(first) >= 3 and fold(first[0]) == "":
        return FormatKind.MOODLE_ACTIVITY_COMPLETION
    return _by_filename(filename, lines[0])


def _by_filename(filename: str, first_line: str) -> FormatKind:
    name = filename.lower()
    hints = (
        (r"^logs_", FormatKind.MOODLE_LOG, "a Moodle log"),
        (r"^progress\.", FormatKind.MOODLE_ACTIVITY_COMPLETION, "Moodle activity completion"),
        (r"^participants_", FormatKind.ZOOM_PARTICIPANTS, "a Zoom participants report"),
        (r"attendance", FormatKind.TEAMS_ATTENDANCE, "a Teams attendance report"),
    )
    for pattern, _kind, what in hints:
        if re.search(pattern, name):
            raise _unknown(
                first_line,
                f"The file is named like {what}, but its columns are not that report's.",
            )
    raise _unknown(first_line)


def detect(head: bytes, filename: str = "") -> FormatKind:
    """Return the kind of file whose first bytes are ``head`` (a .gz or .zip start is
    expanded); PilotImportError listing the kinds we read when it is none of them."""
    if not head:
        raise PilotImportError(ErrorCode.EMPTY, "The file is empty.")
    content, _ = decompress_head(head)
    refuse_binary(content)
    encoding = choose_encoding(content)
    return detect_text(content.decode(encoding, errors="ignore"), filename)
