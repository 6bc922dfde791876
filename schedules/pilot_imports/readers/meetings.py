"""Meeting tools' attendance: Zoom's participants report and Teams' attendance report.

Zoom (Reports › Usage › Participants, CSV): ``Name (Original Name), User Email, Join Time,
Leave Time, Duration (Minutes)`` (newer exports add ``Guest``, ``Recording Consent``…),
optionally after a meeting section (``Meeting ID, Topic, Start Time…`` and its row), or with
the meeting's columns repeated on every row (one table: the participant's columns are the
later ones of the same name). A person who drops and rejoins has one row per stay: each is a
record, and the aggregator sums them; a row spent in the waiting room (``In Waiting Room``
``Yes``) is not attendance. Dates follow the account's format (day or month first). The
learner is the original name in brackets when the person renamed themselves.

Teams (attendance report, tab-separated, UTF-16): sections ``1. Summary`` (meeting title,
times), ``2. Participants`` (``Name, First Join, Last Leave, In-Meeting Duration, Email,
Participant ID (UPN), Role``), ``3. In-Meeting Activities``. Only the participants section is
read: one record per person, so a rejoin is not counted twice. Attendees may opt out of the
report, so rows and columns (e-mail, UPN, role) may be missing; the organiser is not a
learner and is skipped. The older attendance list (2020-2021: ``Full Name, User Action,
Timestamp``, one row per join or leave) is read too.
"""

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import chain
from typing import TextIO

from ..formats import (
    TEAMS_COLUMNS,
    TEAMS_LIST_COLUMNS,
    TEAMS_REQUIRED,
    ZOOM_COLUMNS,
    ZOOM_REQUIRED,
    FormatKind,
    fold,
)
from ..records import Evidence, Record
from ..run import Context
from ..times import SAMPLE_ROWS, parse_hms_duration
from .common import cell, columns, csv_rows, number

RENAMED = re.compile(r"(?P<shown>.+?)\s*\((?P<original>[^()]+)\)\s*")
HEADER_SEARCH = 30  # rows before the participants' header (a meeting section, blank lines)


def _zoom_learner(value: str) -> str:
    match = RENAMED.fullmatch(value)
    return match["original"] if match else value


def read_zoom(text: TextIO, context: Context) -> Iterator[Record]:
    rows = csv_rows(text, context.problem)
    topic = ""
    header: list[str] = []
    first: list[str] = []
    for _, (_, cells) in zip(range(HEADER_SEARCH), rows, strict=False):
        folded = [fold(c) for c in cells]
        first = first or cells
        if "join time" in folded or sum(fold(c) in folded for c in ZOOM_COLUMNS) >= 3:
            header = cells
            break
        if "topic" in folded and "meeting id" in folded:
            _, values = next(rows, (0, []))
            topic = cell(values, folded.index("topic"))
    # Some exports (and merged sheets) repeat the meeting's columns on every participant's
    # row: the participant's own columns are the later ones of the same name.
    found = columns(
        FormatKind.ZOOM_PARTICIPANTS,
        header or first,
        ("Topic", "In Waiting Room", *ZOOM_COLUMNS),
        ZOOM_REQUIRED,
    )
    name, join, leave, duration = (
        found[fold(c)]
        for c in ("Name (Original Name)", "Join Time", "Leave Time", "Duration (Minutes)")
    )
    topic_column, waiting = found.get("topic"), found.get("in waiting room")

    def activity(cells: list[str]) -> str:
        return context.text(cell(cells, topic_column) or topic or "Zoom meeting")

    def present(cells: list[str]) -> bool:
        return fold(cell(cells, waiting)) not in ("yes", "y", "true")

    yield from _attendance(
        context,
        rows,
        activity,
        name=name,
        join=join,
        leave=leave,
        minutes=lambda cells: number(cell(cells, duration), "Duration"),
        learner=_zoom_learner,
        present=present,
    )


def _attendance(
    context: Context,
    rows: Iterator[tuple[int, list[str]]],
    activity: Callable[[list[str]], str],
    *,
    name: int,
    join: int,
    leave: int,
    minutes: Callable[[list[str]], float | None],
    learner: Callable[[str], str] = str.strip,
    role: int | None = None,
    present: Callable[[list[str]], bool] = lambda cells: True,
) -> Iterator[Record]:
    sample = [row for _, row in zip(range(SAMPLE_ROWS), rows, strict=False)]
    context.clock.settle([(line, cell(cells, join)) for line, cells in sample])
    for line, cells in chain(sample, rows):
        if fold(cell(cells, 0)).startswith(("3. in-meeting", "3. in meeting")):
            break
        context.row()
        who = cell(cells, name)
        if not who:
            context.skip("attendees who opted out of the report")
            continue
        if role is not None and fold(cell(cells, role)) in ("organizer", "organiser"):
            context.skip("the meeting's organiser")
            continue
        if not present(cells):
            context.skip("time in the waiting room")
            continue
        try:
            start: datetime = context.clock.parse(cell(cells, join))
            end: datetime = context.clock.parse(cell(cells, leave))
            stayed = minutes(cells)
        except ValueError as error:
            context.problem(line, f"{error}.")
            continue
        if end < start:
            context.problem(line, "The person left before they joined.")
            continue
        yield Record(
            key=0,
            learner=context.pseudonym(learner(who)),
            evidence=Evidence.ATTENDANCE,
            activity=activity(cells),
            at=start,
            until=end,
            minutes=stayed if stayed is not None else (end - start).total_seconds() / 60,
            line=line,
        )


def read_teams(text: TextIO, context: Context) -> Iterator[Record]:
    rows = csv_rows(text, context.problem, delimiter="\t")
    title = ""
    header: list[str] = []
    first: list[str] = []
    in_participants = False
    for _, cells in rows:
        label = fold(cell(cells, 0))
        first = first or cells
        if re.match(r"\d+\.\s", label):
            in_participants = label.startswith("2.")
            continue
        if label in ("meeting title", "title") and not title:
            title = cell(cells, 1)
            continue
        folded = [fold(c) for c in cells]
        if "user action" in folded:
            yield from _teams_list(context, rows, cells, title or "Teams meeting")
            return
        if in_participants or "first join" in folded:
            header = cells
            break
    found = columns(FormatKind.TEAMS_ATTENDANCE, header or first, TEAMS_COLUMNS, TEAMS_REQUIRED)
    duration = found.get(fold("In-Meeting Duration"))

    def stayed(cells: list[str]) -> float | None:
        text = cell(cells, duration)
        return parse_hms_duration(text) if text else None

    meeting = context.text(title) if title else "Teams meeting"
    yield from _attendance(
        context,
        rows,
        lambda cells: meeting,
        name=found["name"],
        join=found["first join"],
        leave=found["last leave"],
        minutes=stayed,
        role=found.get("role"),
    )


def _teams_list(
    context: Context, rows: Iterator[tuple[int, list[str]]], header: list[str], meeting: str
) -> Iterator[Record]:
    """Teams' attendance list of 2020-2021 (``Full Name, User Action, Timestamp``): each
    ``Joined`` (or ``Joined before``) opens a stay that the person's next ``Left`` closes.
    Whoever had not left when the list was downloaded stays until its last entry."""
    found = columns(FormatKind.TEAMS_ATTENDANCE, header, TEAMS_LIST_COLUMNS, TEAMS_LIST_COLUMNS)
    name, action, at = found["full name"], found["user action"], found["timestamp"]
    sample = [row for _, row in zip(range(SAMPLE_ROWS), rows, strict=False)]
    context.clock.settle([(line, cell(cells, at)) for line, cells in sample])
    joined: dict[str, tuple[datetime, int]] = {}
    latest: datetime | None = None
    for line, cells in chain(sample, rows):
        context.row()
        who, what = cell(cells, name), fold(cell(cells, action))
        if not who:
            context.skip("attendees who opted out of the report")
            continue
        try:
            when = context.clock.parse(cell(cells, at))
        except ValueError as error:
            context.problem(line, f"{error}.")
            continue
        latest = when if latest is None else max(latest, when)
        if what.startswith("joined"):
            joined.setdefault(who, (when, line))
        elif what == "left" and who in joined:
            start, _ = joined.pop(who)
            yield _stay(context, who, meeting, start, when, line)
        else:
            context.problem(line, f"“{cell(cells, action)}” without a join before it.")
    for who, (start, line) in joined.items():
        yield _stay(context, who, meeting, start, latest or start, line)
    if joined:
        context.notes.append(
            f"{len(joined)} attendee{'s' if len(joined) > 1 else ''} had not left when the list "
            "was downloaded: counted until its last entry."
        )


def _stay(
    context: Context, who: str, meeting: str, start: datetime, end: datetime, line: int
) -> Record:
    return Record(
        key=0,
        learner=context.pseudonym(who),
        evidence=Evidence.ATTENDANCE,
        activity=meeting,
        at=start,
        until=end,
        minutes=(end - start).total_seconds() / 60,
        line=line,
    )
