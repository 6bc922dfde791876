"""Reading the fixture files the way the upload task will."""

import io
from datetime import date
from pathlib import Path
from typing import Any

from schedules.pilot_imports import ImportRun, Record, read

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = b"course-12-secret-for-tests-only!"
# The pilot: two weeks from Monday 30 November 2026, in Berlin (seed 000's two-week pilot).
COURSE: dict[str, Any] = {
    "secret": SECRET,
    "course_zone": "Europe/Berlin",
    "uploader_zone": "Europe/Berlin",
    "course_start": date(2026, 11, 30),
    "course_end": date(2026, 12, 13),
}


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run_of(content: bytes, **overrides: Any) -> ImportRun:
    return read(io.BytesIO(content), **{**COURSE, **overrides})


def records_of(content: bytes, **overrides: Any) -> tuple[ImportRun, list[Record]]:
    run = run_of(content, **overrides)
    return run, list(run)


def load(name: str, **overrides: Any) -> tuple[ImportRun, list[Record]]:
    return records_of(fixture(name), filename=name, **overrides)
