"""The one kind of error an import raises: a sentence for the person who uploaded the file.

Every way a file can be refused (wrong kind, missing columns, too large, ambiguous dates, all
of it outside the course…) is a ``PilotImportError`` with a ``code`` a page can branch on and
a ``message`` it can show as it is. Rows that cannot be read do not raise: they are counted
and listed on the ``ImportRun`` and the rest of the file is imported.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    UNKNOWN_FORMAT = "unknown_format"
    MISSING_COLUMNS = "missing_columns"
    TOO_LARGE = "too_large"
    ARCHIVE = "archive"
    EMPTY = "empty"
    NOT_TEXT = "not_text"
    AMBIGUOUS_DATES = "ambiguous_dates"
    MIXED_DATES = "mixed_dates"
    OUTSIDE_COURSE = "outside_course"
    BAD_JSON = "bad_json"
    BAD_ZONE = "bad_zone"
    NO_ROWS = "no_rows"


class PilotImportError(Exception):
    """A file that cannot be imported, with a message that says why and what to do."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message
