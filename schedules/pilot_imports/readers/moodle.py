"""Moodle's downloads: the logs report, activity completion and course completion.

Logs (Reports › Logs › Download, CSV): ``Time, User full name, Affected user, Event context,
Component, Event name, Description, Origin, IP address``, with a leading ``Course`` column in
site-wide logs. ``Time`` is in the downloading user's zone: ``07/12/26, 14:05`` (Moodle 3),
with seconds (4.x), or ``7 Dec, 14:05`` without a year (older versions). Rows of the system
(user ``-``) are not a learner's and are skipped; names and IP addresses are never kept.

Activity completion (report/progress, CSV): an empty first header cell, the identity fields,
then for each activity its name and its expected completion date; each row the learner's
name, identity fields, then per activity its state (``Not completed``, ``Completed``,
``Completed (achieved pass grade)``, ``Completed (did not achieve pass grade)``, perhaps with
"(set by …)") and the date it changed (``%F %T``).

Course completion (report/completion, CSV): ``ID, Name``, identity fields, per activity
criterion its state and ``<name> - Completion date``, other criteria's dates, and ``Course
complete`` (the date, or empty).
"""

import re
from collections.abc import Iterator
from itertools import chain
from typing import TextIO

from ..errors import ErrorCode, PilotImportError
from ..formats import (
    COURSE_COMPLETION_MARK,
    MOODLE_LOG_COLUMNS,
    MOODLE_LOG_REQUIRED,
    FormatKind,
    fold,
)
from ..records import Completion, Evidence, Record
from ..run import Context
from ..times import SAMPLE_ROWS
from .common import cell, columns, csv_rows

NO_USER = ("", "-")
MAX_COURSES_NAMED = 5


def read_log(text: TextIO, context: Context) -> Iterator[Record]:
    rows = csv_rows(text, context.problem)
    _, header = next(rows, (0, []))
    found = columns(
        FormatKind.MOODLE_LOG, header, ("Course", *MOODLE_LOG_COLUMNS), MOODLE_LOG_REQUIRED
    )
    at, user, where, what = (
        found[fold(name)] for name in ("Time", "User full name", "Event context", "Event name")
    )
    course = found.get("course")
    sample = [row for _, row in zip(range(SAMPLE_ROWS), rows, strict=False)]
    context.clock.settle([(line, cell(cells, at)) for line, cells in sample])
    courses: set[str] = set()
    width = max(at, user, where, what) + 1
    parse, pseudonym, keep = context.clock.parse, context.pseudonym, context.text
    for line, cells in chain(sample, rows):
        context.row()
        if len(cells) < width:
            context.problem(line, f"The row has {len(cells)} cells; the header has {len(header)}.")
            continue
        name = cells[user].strip()
        if name in NO_USER:
            context.skip("rows of the system, not of a person")
            continue
        try:
            when = parse(cells[at])
        except ValueError as error:
            context.problem(line, f"Time: {error}.")
            continue
        if course is not None and len(courses) <= MAX_COURSES_NAMED:
            courses.add(cells[course].strip())
        yield Record(
            key=0,
            learner=pseudonym(name),
            evidence=Evidence.EVENT,
            activity=keep(cells[where].strip()),
            at=when,
            action=keep(cells[what].strip()),
            line=line,
        )
    courses.discard("-")
    if len(courses) > 1:
        named = ", ".join(sorted(courses)[:MAX_COURSES_NAMED])
        more = ", …" if len(courses) > MAX_COURSES_NAMED else ""
        context.notes.append(
            f"The log covers several courses ({named}{more}); "
            "every row was read. Download the course's own log to import only its rows."
        )


STATES = (
    ("completed (achieved pass grade)", Completion.PASSED),
    ("completed (did not achieve pass grade)", Completion.FAILED),
    ("not completed", Completion.NOT_COMPLETED),
    ("completed", Completion.COMPLETED),
)
DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}.*")


def completion_state(text: str) -> Completion:
    folded = fold(text)
    for prefix, state in STATES:
        if folded.startswith(prefix):
            return state
    raise ValueError(f"“{text}” is not a completion state we know")


def _activities(header: list[str]) -> list[tuple[str, int]]:
    """The activities of a completion header: (name, column), each followed by its date."""
    found: list[tuple[str, int]] = []
    index = 1
    while index < len(header) - 1:
        name, after = header[index].strip(), header[index + 1].strip()
        if name and not DATE_LIKE.fullmatch(name) and (not after or DATE_LIKE.fullmatch(after)):
            found.append((name, index))
            index += 2
        else:
            index += 1
    return found


def _completion_records(
    context: Context,
    rows: Iterator[tuple[int, list[str]]],
    name_column: int,
    activities: list[tuple[str, int]],
    overall: int | None = None,
) -> Iterator[Record]:
    sample = [row for _, row in zip(range(SAMPLE_ROWS), rows, strict=False)]
    dates = [
        (line, cell(cells, column + 1))
        for line, cells in sample
        for _, column in activities
        if cell(cells, column + 1)
    ]
    if overall is not None:
        dates += [(line, cell(cells, overall)) for line, cells in sample if cell(cells, overall)]
    context.clock.settle(dates)
    for line, cells in chain(sample, rows):
        context.row()
        name = cell(cells, name_column)
        if not name:
            context.problem(line, "The row has no learner name.")
            continue
        learner = context.pseudonym(name)
        for activity, column in activities:
            try:
                state = completion_state(cell(cells, column))
                stamp = cell(cells, column + 1)
                when = context.clock.parse(stamp) if stamp else None
            except ValueError as error:
                context.problem(line, f"{activity}: {error}.")
                continue
            yield Record(
                key=0,
                learner=learner,
                evidence=Evidence.COMPLETION,
                activity=context.text(activity),
                at=when,
                completion=state,
                line=line,
            )
        if overall is not None:
            yield from _overall(context, cells, overall, learner, line)


def _overall(
    context: Context, cells: list[str], overall: int, learner: str, line: int
) -> Iterator[Record]:
    stamp = cell(cells, overall)
    try:
        when = context.clock.parse(stamp) if stamp else None
    except ValueError as error:
        context.problem(line, f"{COURSE_COMPLETION_MARK}: {error}.")
        return
    yield Record(
        key=0,
        learner=learner,
        evidence=Evidence.COMPLETION,
        activity=COURSE_COMPLETION_MARK,
        at=when,
        completion=Completion.COMPLETED if stamp else Completion.NOT_COMPLETED,
        line=line,
    )


def read_activity_completion(text: TextIO, context: Context) -> Iterator[Record]:
    rows = csv_rows(text, context.problem)
    _, header = next(rows, (0, []))
    activities = _activities(header)
    if not header or fold(header[0]) or not activities:
        shown = ", ".join(f"“{c.strip()}”" for c in header[:8] if c.strip()) or "none"
        raise PilotImportError(
            ErrorCode.MISSING_COLUMNS,
            f"This looks like a {FormatKind.MOODLE_ACTIVITY_COMPLETION.label}, but its header "
            "is not: expected an empty first cell, the identity fields, then each activity's "
            f"name followed by its expected completion date. Found: {shown}.",
        )
    yield from _completion_records(context, rows, 0, activities)


def read_course_completion(text: TextIO, context: Context) -> Iterator[Record]:
    rows = csv_rows(text, context.problem)
    _, header = next(rows, (0, []))
    folded = [fold(c) for c in header]
    if "name" not in folded or fold(COURSE_COMPLETION_MARK) not in folded:
        columns(
            FormatKind.MOODLE_COURSE_COMPLETION,
            header,
            ("Name", COURSE_COMPLETION_MARK),
            ("Name", COURSE_COMPLETION_MARK),
        )
    activities = [
        (header[index].strip(), index)
        for index in range(len(header) - 1)
        if folded[index + 1] == fold(f"{header[index]} - Completion date")
    ]
    yield from _completion_records(
        context, rows, folded.index("name"), activities, folded.index(fold(COURSE_COMPLETION_MARK))
    )
