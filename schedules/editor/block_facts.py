"""A schedule's blocks as the checks' facts, kept between requests and brought up to date.

Reading and converting every block is most of what the editor costs a request (300 blocks
in a 15-week course). So each schedule's facts are kept in memory with the version of the
block each came from, and a request reads only each block's id and version (one light
query) and then, in full, just the blocks that are new or whose version moved on. Every
save of a block, and every bulk update, moves its version on (``ActivityBlock.save`` and
``BlockQuerySet.update``); deleted blocks drop out of the list.

The outcomes each block serves are read afresh every time, since deleting an outcome takes
its links away without saving a block; kept facts are corrected where they differ.

Each block's row (every column, at the version kept) is kept with its facts: the editor
makes the blocks of the week on show from them (``kept_blocks``) rather than reading them
again, which is the same as reading them at that version.

The checks' findings are kept too, keyed by the whole of the facts they judged (every block
as just read, the course, its learners and the published thresholds): the checks are a pure
function of their facts, so a request whose facts, read from the database, equal ones
already checked reuses that result, whichever server checked them first, and any change
anywhere in the facts checks afresh. Comparing the facts is cheap because the kept block
facts are the same objects from one request to the next.
"""

import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from blendplan.reused_sql import reused_rows
from schedules.models import DISPLAY_ORDER, PROVISIONS, ActivityBlock, Schedule
from schedules.rules.checks import BlendFacts, BlockFacts, Finding, run_checks
from schedules.rules.choices import ActivityType, Delivery, Modality, Weekday

# Schedules whose facts are kept, most recently used last; a few hundred kilobytes each.
KEPT_SCHEDULES = 32

# (database, schedule id, when the schedule was created): ids alone can come round again
# in a database whose transactions were rolled back (SQLite reuses them).
type ScheduleKey = tuple[str, int, datetime]
# block id: (version, facts, every column's value in ``COLUMNS`` order)
type KeptBlocks = dict[int, tuple[int, BlockFacts, tuple[Any, ...]]]

# A block's columns, in the model's order: kept with its facts, so that the blocks of the
# week on show can be made from them (``kept_blocks``) rather than read again.
COLUMNS = tuple(field.attname for field in ActivityBlock._meta.concrete_fields)

_kept: OrderedDict[ScheduleKey, KeptBlocks] = OrderedDict()
_checked: OrderedDict[BlendFacts, tuple[Finding, ...]] = OrderedDict()
_lock = threading.Lock()


def schedule_block_facts(schedule: Schedule) -> tuple[BlockFacts, ...]:
    """Return the blocks of ``schedule`` as facts, in display order (``DISPLAY_ORDER``)."""
    key: ScheduleKey = (schedule._state.db or "default", schedule.pk, schedule.created)
    listed = reused_rows("block versions of a schedule", _versions, schedule.pk)
    with _lock:
        kept: KeptBlocks = dict(_kept.get(key, {}))
    changed = [pk for pk, version in listed if kept.get(pk, (None,))[0] != version]
    if changed:
        fresh = _read_blocks(schedule, changed)
        for pk in changed:  # one deleted since it was listed is not read again: drop it
            kept.pop(pk, None)
        kept.update(fresh)
    served: dict[int, list[int]] = {}
    for block_id, outcome_id in reused_rows("outcome links of a schedule", _links, schedule.pk):
        served.setdefault(block_id, []).append(outcome_id)
    for outcome_ids in served.values():
        outcome_ids.sort()
    current: KeptBlocks = {}
    blocks = []
    for pk, _ in listed:
        if pk not in kept:  # deleted between the two reads
            continue
        version, facts, values = kept[pk]
        if facts.outcome_ids != (ids := tuple(served.get(pk, ()))):
            facts = replace(facts, outcome_ids=ids)
        current[pk] = (version, facts, values)
        blocks.append(facts)
    with _lock:
        _kept[key] = current
        _kept.move_to_end(key)
        while len(_kept) > KEPT_SCHEDULES:
            _kept.popitem(last=False)
    return tuple(blocks)


def _versions(schedule_id: int) -> QuerySet[ActivityBlock, tuple[int, int]]:
    """The id and version of each block of a schedule, in display order."""
    blocks = ActivityBlock.objects.filter(schedule_id=schedule_id)
    return blocks.order_by(*DISPLAY_ORDER).values_list("pk", "version")


def _links(schedule_id: int) -> QuerySet[Any, tuple[int, int]]:
    """The (block id, outcome id) links of a schedule's blocks."""
    return ActivityBlock.outcomes.through.objects.filter(
        activityblock__schedule_id=schedule_id
    ).values_list("activityblock_id", "learningoutcome_id")


def keep_saved_block(schedule: Schedule, block: ActivityBlock) -> None:
    """Keep the facts of ``block``, just saved whole (every field, ``save()`` without
    ``update_fields``), at the version it was saved as, once the transaction commits.

    The saving request then need not read back the row it wrote. What is kept is exactly
    what the row holds at that version: the save wrote every field from ``block``, and any
    later change moves the version on (read afresh as usual). Not before the commit: a
    rolled-back save's version could come round again with other contents.
    """
    key: ScheduleKey = (schedule._state.db or "default", schedule.pk, schedule.created)
    row = {name: getattr(block, name) for name in COLUMNS}
    saved = (block.version, _facts(row), tuple(row.values()))

    def keep() -> None:
        with _lock:
            kept = _kept.get(key)
            if kept is not None:  # a schedule not kept is read whole next time anyway
                _kept[key] = {**kept, block.pk: saved}

    transaction.on_commit(keep, using=schedule._state.db or "default")


def kept_blocks(schedule: Schedule, pks: list[int]) -> list[ActivityBlock] | None:
    """Return blocks ``pks`` of ``schedule`` (in that order) made from the rows kept with
    their facts, as ``schedule_block_facts`` last listed them; None when one is not kept.

    Each is the row as it was at the version listed, so the same as reading it again then.
    """
    key: ScheduleKey = (schedule._state.db or "default", schedule.pk, schedule.created)
    with _lock:
        kept = _kept.get(key)
    if kept is None or any(pk not in kept for pk in pks):
        return None
    db = schedule._state.db or "default"
    return [
        # A list (weeks, Gagné events) copied: the instance's, not the kept row's.
        ActivityBlock.from_db(
            db, COLUMNS, [list(value) if type(value) is list else value for value in kept[pk][2]]
        )
        for pk in pks
    ]


def checked_findings(facts: BlendFacts) -> tuple[Finding, ...]:
    """Return ``run_checks(facts)``, kept for the last few blends checked."""
    with _lock:
        findings = _checked.get(facts)
        if findings is not None:
            _checked.move_to_end(facts)
            return findings
    findings = tuple(run_checks(facts))
    with _lock:
        _checked[facts] = findings
        while len(_checked) > KEPT_SCHEDULES:
            _checked.popitem(last=False)
    return findings


def forget_kept_block_facts() -> None:
    """Drop every schedule's kept facts and findings (a benchmark's cold read)."""
    with _lock:
        _kept.clear()
        _checked.clear()


def _read_blocks(schedule: Schedule, pks: list[int]) -> KeptBlocks:
    """Return blocks ``pks`` of ``schedule`` as facts, with the version each was read at."""
    # Many: all of them, rather than a long list of ids in the query.
    rows = schedule.blocks.all() if len(pks) > 100 else schedule.blocks.filter(pk__in=pks)
    return {
        row["id"]: (row["version"], _facts(row), tuple(row[name] for name in COLUMNS))
        for row in rows.values(*COLUMNS)
    }


def _facts(row: dict[str, Any]) -> BlockFacts:
    """Return a block's stored fields (``BLOCK_FIELDS``, and its id) as the checks' facts."""
    due_day = row["due_day"]
    return BlockFacts(
        id=row["id"],
        title=row["title"],
        modality=Modality(row["modality"]),
        activity_type=ActivityType(row["activity_type"]),
        day=Weekday(row["day"]),
        duration_minutes=row["duration_minutes"],
        start_time=row["start_time"],
        weeks=tuple(row["weeks"]),
        due_day=None if due_day is None else Weekday(due_day),
        gagne_events=tuple(row["gagne_events"]),
        presentational=row["delivery"] == Delivery.PRESENTATIONAL,
        # recorded, captions, transcript, low_bandwidth_alternative, co_facilitator, breakouts
        **{name: row[name] for name in PROVISIONS if name != "delivery"},
    )
