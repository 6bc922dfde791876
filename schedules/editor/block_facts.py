"""A schedule's blocks as the checks' facts, kept between requests and brought up to date.

Reading and converting every block is most of what the editor costs a request (300 blocks
in a 15-week course). So each schedule's facts are kept in memory with the version of the
block each came from, and a request reads only each block's id and version (one light
query) and then, in full, just the blocks that are new or whose version moved on. Every
save of a block, and every bulk update, moves its version on (``ActivityBlock.save`` and
``BlockQuerySet.update``); deleted blocks drop out of the list.

The outcomes each block serves are read afresh every time, since deleting an outcome takes
its links away without saving a block; kept facts are corrected where they differ.
"""

import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import datetime

from schedules.models import DISPLAY_ORDER, PROVISIONS, ActivityBlock, Schedule
from schedules.rules.checks import BlockFacts
from schedules.rules.choices import ActivityType, Delivery, Modality, Weekday

# Schedules whose facts are kept, most recently used last; a few hundred kilobytes each.
KEPT_SCHEDULES = 32

# (database, schedule id, when the schedule was created): ids alone can come round again
# in a database whose transactions were rolled back (SQLite reuses them).
type ScheduleKey = tuple[str, int, datetime]
type KeptBlocks = dict[int, tuple[int, BlockFacts]]  # block id: (version, facts)

_kept: OrderedDict[ScheduleKey, KeptBlocks] = OrderedDict()
_lock = threading.Lock()


def schedule_block_facts(schedule: Schedule) -> tuple[BlockFacts, ...]:
    """Return the blocks of ``schedule`` as facts, in display order (``DISPLAY_ORDER``)."""
    key: ScheduleKey = (schedule._state.db or "default", schedule.pk, schedule.created)
    listed = list(schedule.blocks.order_by(*DISPLAY_ORDER).values_list("pk", "version"))
    with _lock:
        kept: KeptBlocks = dict(_kept.get(key, {}))
    changed = [pk for pk, version in listed if kept.get(pk, (None,))[0] != version]
    if changed:
        fresh = _read_blocks(schedule, changed)
        for pk in changed:  # one deleted since it was listed is not read again: drop it
            kept.pop(pk, None)
        kept.update(fresh)
    served: dict[int, list[int]] = {}
    for block_id, outcome_id in ActivityBlock.outcomes.through.objects.filter(
        activityblock__schedule=schedule
    ).values_list("activityblock_id", "learningoutcome_id"):
        served.setdefault(block_id, []).append(outcome_id)
    for outcome_ids in served.values():
        outcome_ids.sort()
    current: KeptBlocks = {}
    blocks = []
    for pk, _ in listed:
        if pk not in kept:  # deleted between the two reads
            continue
        version, facts = kept[pk]
        if facts.outcome_ids != (ids := tuple(served.get(pk, ()))):
            facts = replace(facts, outcome_ids=ids)
        current[pk] = (version, facts)
        blocks.append(facts)
    with _lock:
        _kept[key] = current
        _kept.move_to_end(key)
        while len(_kept) > KEPT_SCHEDULES:
            _kept.popitem(last=False)
    return tuple(blocks)


def forget_kept_block_facts() -> None:
    """Drop every schedule's kept facts (a benchmark's cold read)."""
    with _lock:
        _kept.clear()


def _read_blocks(schedule: Schedule, pks: list[int]) -> KeptBlocks:
    """Return blocks ``pks`` of ``schedule`` as facts, with the version each was read at."""
    return {
        block_id: (
            version,
            BlockFacts(
                id=block_id,
                title=title,
                modality=Modality(modality),
                activity_type=ActivityType(activity_type),
                day=Weekday(day),
                duration_minutes=duration_minutes,
                start_time=start_time,
                weeks=tuple(weeks),
                due_day=None if due_day is None else Weekday(due_day),
                gagne_events=tuple(gagne_events),
                presentational=delivery == Delivery.PRESENTATIONAL,
                recorded=recorded,
                captions=captions,
                transcript=transcript,
                low_bandwidth_alternative=low_bandwidth_alternative,
                co_facilitator=co_facilitator,
                breakouts=breakouts,
            ),
        )
        for (
            block_id,
            version,
            title,
            modality,
            activity_type,
            day,
            duration_minutes,
            start_time,
            weeks,
            due_day,
            gagne_events,
            delivery,
            recorded,
            captions,
            transcript,
            low_bandwidth_alternative,
            co_facilitator,
            breakouts,
        ) in (
            # Many: all of them, rather than a long list of ids in the query.
            schedule.blocks.all() if len(pks) > 100 else schedule.blocks.filter(pk__in=pks)
        ).values_list(*_BLOCK_FIELDS)
    }


_BLOCK_FIELDS = (
    "id",
    "version",
    "title",
    "modality",
    "activity_type",
    "day",
    "duration_minutes",
    "start_time",
    "weeks",
    "due_day",
    "gagne_events",
    # delivery, recorded, captions, transcript, low_bandwidth_alternative, co_facilitator,
    # breakouts: the order _read_blocks unpacks them in.
    *PROVISIONS,
)
