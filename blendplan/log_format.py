"""How log lines look: one JSON object a line in production, ``key=value`` in development.

Every record carries the id of the request it was written during (``request_id``, set by
``blendplan.request_log.RequestLogMiddleware``), so a warning from deep in a view can be
found beside its request's line. Fields given with ``extra={...}`` become keys of the line.

This module is imported while logging is configured, before Django's apps are ready: it
uses the standard library only.
"""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

# The id of the request being served in this thread or task ("" outside a request).
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")

# What every LogRecord has; anything else on a record came from ``extra=`` (or a filter).
_STANDARD = frozenset(
    vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None)).keys()
    | {"message", "asctime", "taskName"}
)


class RequestIdFilter(logging.Filter):
    """Give every record the current request's id (``request_id``), if it has none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    """Return the record's own fields: those given with ``extra=`` and the request id."""
    return {
        key: value
        for key, value in vars(record).items()
        if key not in _STANDARD and not key.startswith("_") and value not in ("", None)
    }


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, the record's
    fields, and the traceback (``exc_info``) as one string when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    """``LEVEL logger message key=value …`` for reading in a terminal while developing."""

    def format(self, record: logging.LogRecord) -> str:
        pairs = " ".join(f"{key}={_quoted(value)}" for key, value in _fields(record).items())
        line = f"{record.levelname} {record.name} {record.getMessage()}"
        if pairs:
            line = f"{line} {pairs}"
        if record.exc_info:
            line = f"{line}\n{self.formatException(record.exc_info)}"
        return line


def _quoted(value: object) -> str:
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if not text or " " in text or '"' in text else text
