"""How log lines look: one JSON object a line in production, ``key=value`` in development.

Every record carries the id of the request it was written during (``request_id``, set by
``blendplan.request_log.RequestLogMiddleware``), so a warning from deep in a view can be
found beside its request's line. Fields given with ``extra={...}`` become keys of the line.

No line holds a link token: the address of a learners' page (``/l/<token>/``), a survey
(``/s/<token>/``), a calendar feed (``/feeds/<token>.ics``) or a password reset is its key,
and whoever reads the logs must not be able to open it. ``redact_tokens`` is the one rule;
our request log uses it for its path, ``RedactTokensFilter`` applies it to the messages of
Django's own loggers (``Not Found: /l/…``, runserver's request lines, CSRF refusals), and
both formatters apply it to the whole line (fields, tracebacks) as a last guard.

This module is imported while logging is configured, before Django's apps are ready: it
uses the standard library only.
"""

import json
import logging
import re
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


# The URLs whose path holds a secret, and where in them (tests/blendplan/test_log_redaction.py
# checks that every URL with a token argument is covered): a link token follows /l/, /s/ or
# /feeds/ (schedules.models.tokens.new_link_token: 32-64 URL-safe characters; 16 is enough
# to tell one from a word), and a password reset link ends in <uidb64>/<token>/.
_TOKEN_IN_PATH = re.compile(
    r"(?P<link>/(?:l|s|feeds)/)[A-Za-z0-9_-]{16,}"
    r"|(?P<reset>/accounts/password/reset/)[A-Za-z0-9_-]+/[A-Za-z0-9_:-]+"
)
REDACTED = "<redacted>"


def _redacted(match: re.Match[str]) -> str:
    if match["link"]:
        return f"{match['link']}{REDACTED}"
    return f"{match['reset']}{REDACTED}/{REDACTED}"


def redact_tokens(text: str) -> str:
    """Return ``text`` with the secret of every link-token address in it (a learners' page,
    a survey, a calendar feed, a password reset) replaced by ``<redacted>``."""
    return _TOKEN_IN_PATH.sub(_redacted, text)


class RedactTokensFilter(logging.Filter):
    """Replace a record's message by its text with the link tokens redacted.

    On Django's loggers that name a request's path (``django.request``, ``django.server``,
    ``django.security.csrf``) in ``LOGGING``, so that any handler, Django's own included,
    sees the redacted message, and on our console handler for every other logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class RequestIdFilter(logging.Filter):
    """Give every record the current request's id (``request_id``), if it has none.

    Django writes "Not Found: …" and other 4xx/5xx warnings (``django.request``) once the
    middleware has returned, outside the request's context: those take the id from the
    request they carry (``record.request.request_id``, set by the middleware)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get() or getattr(
                getattr(record, "request", None), "request_id", ""
            )
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
        # The whole line: a field such as django.request's ``request`` (its repr names the
        # path) or a traceback can hold a token too.
        return redact_tokens(json.dumps(line, default=str, ensure_ascii=False))


class KeyValueFormatter(logging.Formatter):
    """``LEVEL logger message key=value …`` for reading in a terminal while developing."""

    def format(self, record: logging.LogRecord) -> str:
        pairs = " ".join(f"{key}={_quoted(value)}" for key, value in _fields(record).items())
        line = f"{record.levelname} {record.name} {record.getMessage()}"
        if pairs:
            line = f"{line} {pairs}"
        if record.exc_info:
            line = f"{line}\n{self.formatException(record.exc_info)}"
        return redact_tokens(line)


def _quoted(value: object) -> str:
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if not text or " " in text or '"' in text else text
