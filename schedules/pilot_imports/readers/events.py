"""Event streams in JSON: xAPI statements and IMS Caliper envelopes, and our CSV template.

xAPI: a list of statements, an LRS answer (``{"statements": […], "more": …}``), one
statement, or one statement per line. ``actor``, ``verb``, ``object`` and ``timestamp`` are
required; a statement without one is a row problem, and its "line" is its number in the
file (its line for one-per-line files). Verbs ``completed``, ``passed`` and ``failed`` are
completion, a ``result.score`` a score (``scaled``, else ``raw`` over ``max``), ``attended``
attendance (with ``result.duration``); anything else an event.

Caliper: an envelope (``{"sensor", "sendTime", "dataVersion", "data": […]}``), a list of
envelopes or of events, or one event; each event's ``actor``, ``action``, ``object`` and
``eventTime``. A ``GradeEvent``'s generated score (``scoreGiven`` over ``maxScore``) is a
score; ``Completed`` completion; the rest events.

JSON is read whole, so the size limit bounds its memory.
"""

import json
from collections.abc import Iterator
from datetime import datetime
from itertools import chain
from typing import Any, TextIO

from ..errors import ErrorCode, PilotImportError
from ..formats import TEMPLATE_COLUMNS, TEMPLATE_REQUIRED, FormatKind, fold
from ..records import Completion, Evidence, Record
from ..run import Context
from ..times import SAMPLE_ROWS, parse_iso_duration
from .common import cell, columns, csv_rows, number

COMPLETION_VERBS = {
    "completed": Completion.COMPLETED,
    "passed": Completion.PASSED,
    "failed": Completion.FAILED,
}


def _load(text: TextIO) -> list[tuple[int, Any]]:
    """The file's JSON items with their numbers (statement or line)."""
    content = text.read()
    try:
        whole = json.loads(content)
    except RecursionError as error:
        raise PilotImportError(
            ErrorCode.BAD_JSON, "The JSON is nested too deeply to be an export we read."
        ) from error
    except json.JSONDecodeError as error:
        lines = content.splitlines()
        try:
            return [(n, json.loads(line)) for n, line in enumerate(lines, 1) if line.strip()]
        except (json.JSONDecodeError, RecursionError):
            raise PilotImportError(
                ErrorCode.BAD_JSON,
                f"The JSON cannot be read: {error.msg} at line {error.lineno}, column "
                f"{error.colno}. Export it again from the LRS.",
            ) from error
    return list(enumerate(_items(whole), 1))


def _items(whole: Any) -> list[Any]:
    if isinstance(whole, list):
        return (
            [item for entry in whole for item in _items(entry)]
            if any(isinstance(entry, dict) and "data" in entry for entry in whole)
            else whole
        )
    if isinstance(whole, dict):
        for key in ("statements", "data"):
            if isinstance(whole.get(key), list):
                return list(whole[key])
        return [whole]
    return [whole]


def _name(value: Any) -> str:
    """A language map's English (or first) text, or the text itself."""
    if isinstance(value, dict):
        for language in ("en-US", "en-GB", "en", "und"):
            if isinstance(value.get(language), str):
                return str(value[language])
        return next((str(text) for text in value.values() if isinstance(text, str)), "")
    return value if isinstance(value, str) else ""


def _xapi_actor(actor: Any) -> str:
    if not isinstance(actor, dict):
        return ""
    account = actor.get("account")
    for value in (
        actor.get("mbox", "").removeprefix("mailto:") if isinstance(actor.get("mbox"), str) else "",
        actor.get("mbox_sha1sum"),
        account.get("name") if isinstance(account, dict) else None,
        actor.get("openid"),
        actor.get("name"),
    ):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _timestamp(context: Context, value: Any) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no timestamp")
    return context.clock.parse(value)


def _score(result: Any) -> float | None:
    score = result.get("score") if isinstance(result, dict) else None
    if not isinstance(score, dict):
        return None
    if isinstance(score.get("scaled"), int | float):
        return _unit(float(score["scaled"]))
    raw, top = score.get("raw"), score.get("max")
    if isinstance(raw, int | float) and isinstance(top, int | float) and top > 0:
        return _unit(raw / top)
    return None


def _unit(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError(f"a score of {value:g} is not between 0 and 1")
    return value


def _xapi_record(context: Context, number_: int, statement: Any) -> Record:
    if not isinstance(statement, dict):
        raise ValueError("is not a JSON object")
    missing = [k for k in ("actor", "verb", "object", "timestamp") if not statement.get(k)]
    if missing:
        raise ValueError("has no " + ", no ".join(missing))
    who = _xapi_actor(statement["actor"])
    if not who:
        raise ValueError("has an actor with no identifier (a group?)")
    verb = statement["verb"] if isinstance(statement["verb"], dict) else {}
    verb_id = str(verb.get("id", ""))
    action = _name(verb.get("display")) or verb_id.rsplit("/", 1)[-1]
    word = verb_id.rstrip("/").rsplit("/", 1)[-1].casefold()
    target = statement["object"] if isinstance(statement["object"], dict) else {}
    definition = _dict(target.get("definition"))
    activity = _name(definition.get("name")) or str(target.get("id", ""))
    result = _dict(statement.get("result"))
    score = _score(result)
    duration = result.get("duration")
    minutes = parse_iso_duration(duration) if isinstance(duration, str) else None
    evidence = Evidence.EVENT
    if word in COMPLETION_VERBS:
        evidence = Evidence.COMPLETION
    elif score is not None:
        evidence = Evidence.SCORE
    elif word == "attended":
        evidence = Evidence.ATTENDANCE
    return Record(
        key=0,
        learner=context.pseudonym(who),
        evidence=evidence,
        activity=context.text(activity),
        at=_timestamp(context, statement["timestamp"]),
        minutes=minutes,
        completion=COMPLETION_VERBS.get(word),
        score=score,
        line=number_,
        action=context.text(action),
    )


def read_xapi(text: TextIO, context: Context) -> Iterator[Record]:
    for number_, statement in _load(text):
        context.row()
        try:
            yield _xapi_record(context, number_, statement)
        except ValueError as error:
            context.problem(number_, f"Statement {number_} {error}.")


def _caliper_id(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("name", "id", "@id"):
            if isinstance(value.get(key), str) and value[key].strip():
                return str(value[key]).strip()
    return ""


def _caliper_record(context: Context, number_: int, event: Any) -> Record:
    if not isinstance(event, dict):
        raise ValueError("is not a JSON object")
    missing = [k for k in ("actor", "action", "object", "eventTime") if not event.get(k)]
    if missing:
        raise ValueError("has no " + ", no ".join(missing))
    target = event["object"] if isinstance(event["object"], dict) else {"id": event["object"]}
    # A grade is given by a person or a program (the actor) to its assignee: the learner.
    person = target.get("assignee") or event["actor"]
    who = person.get("id", "") if isinstance(person, dict) else person
    if not isinstance(who, str) or not who.strip():
        raise ValueError("has an actor with no id")
    assignable = target.get("assignable")
    activity = _caliper_id(assignable) or _caliper_id(target)
    action = str(event["action"])
    score = None
    generated = event.get("generated")
    if isinstance(generated, dict) and isinstance(generated.get("scoreGiven"), int | float):
        top = (
            generated.get("maxScore")
            or (assignable.get("maxScore") if isinstance(assignable, dict) else None)
            or target.get("maxScore")
        )
        if isinstance(top, int | float) and top > 0:
            score = _unit(generated["scoreGiven"] / top)
    evidence = Evidence.SCORE if score is not None else Evidence.EVENT
    if fold(action) == "completed":
        evidence = Evidence.COMPLETION
    return Record(
        key=0,
        learner=context.pseudonym(who.strip()),
        evidence=evidence,
        activity=context.text(activity),
        at=_timestamp(context, event["eventTime"]),
        completion=Completion.COMPLETED if evidence is Evidence.COMPLETION else None,
        score=score,
        line=number_,
        action=context.text(action),
    )


def read_caliper(text: TextIO, context: Context) -> Iterator[Record]:
    for number_, event in _load(text):
        context.row()
        try:
            yield _caliper_record(context, number_, event)
        except ValueError as error:
            context.problem(number_, f"Event {number_} {error}.")


def _template_score(text: str) -> float | None:
    if not text:
        return None
    if text.endswith("%"):
        return _unit(number(text[:-1], "Score") / 100)
    value = number(text, "Score")
    if value > 1:
        raise ValueError(f"Score “{text}” must be from 0 to 1, or a percentage such as 85%")
    return value


def read_template(text: TextIO, context: Context) -> Iterator[Record]:
    rows = (row for row in csv_rows(text, context.problem) if not cell(row[1], 0).startswith("#"))
    _, header = next(rows, (0, []))
    found = columns(FormatKind.TEMPLATE, header, TEMPLATE_COLUMNS, TEMPLATE_REQUIRED)
    learner, activity, at = found["learner"], found["activity"], found["timestamp"]
    minutes, score = found.get("minutes"), found.get("score")
    sample = [row for _, row in zip(range(SAMPLE_ROWS), rows, strict=False)]
    context.clock.settle([(line, cell(cells, at)) for line, cells in sample])
    for line, cells in chain(sample, rows):
        context.row()
        who = cell(cells, learner)
        if not who:
            context.problem(line, "The row has no learner.")
            continue
        try:
            when = context.clock.parse(cell(cells, at))
            spent = number(cell(cells, minutes), "Minutes") if cell(cells, minutes) else None
            result = _template_score(cell(cells, score))
        except ValueError as error:
            context.problem(line, f"{error}.")
            continue
        evidence = (
            Evidence.SCORE
            if result is not None
            else Evidence.ATTENDANCE
            if spent is not None
            else Evidence.EVENT
        )
        yield Record(
            key=0,
            learner=context.pseudonym(who),
            evidence=evidence,
            activity=context.text(cell(cells, activity)),
            at=when,
            minutes=spent,
            score=result,
            line=line,
        )
