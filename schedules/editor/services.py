"""Writes to schedules: keyword-only functions that validate and run in a transaction.

Every change to a block bumps the block's ``version``; an edit that started from an older
version of the block is refused (``StaleEditError``) rather than overwriting what someone
else saved in between.

A block's ``position`` is unique in its schedule (a constraint): a new block goes after the
last one, numbered while the schedule row is locked, so two adds at the same moment wait for
each other (PostgreSQL) or, where there is no such lock (SQLite), the loser retries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from courses.models import LearningOutcome
from schedules.editor.selectors import blend_facts
from schedules.models import DISPLAY_ORDER, ActivityBlock, FindingDismissal, Schedule
from schedules.rules.checks import Finding
from schedules.rules.choices import Weekday
from schedules.rules.sample_week_fit import FitChange, fit_to_share
from schedules.rules.sample_week_slots import placed_for_cohort
from schedules.rules.sample_weeks import SampleWeek, scaled_blocks


class StaleEditError(Exception):
    """The block changed since the editor loaded it."""

    def __init__(self, block: ActivityBlock) -> None:
        super().__init__(
            f"“{block.title}” was changed by someone else while you were editing it. "
            "Reload to see their version; your changes were not saved."
        )
        self.block = block


def _minutes(block: ActivityBlock) -> tuple[int, int]:
    assert block.start_time is not None
    start = block.start_time.hour * 60 + block.start_time.minute
    return start, start + block.duration_minutes


def _weeks_overlap(a: list[int], b: list[int]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _check_live_overlap(block: ActivityBlock) -> None:
    """Refuse a live block that overlaps another live block on the same day and weeks."""
    if not block.is_live or block.start_time is None:
        return
    start, end = _minutes(block)
    others = ActivityBlock.objects.filter(
        schedule_id=block.schedule_id, modality=block.modality, day=block.day
    ).exclude(pk=block.pk)
    for other in others:
        if other.start_time is None or not _weeks_overlap(block.weeks, other.weeks):
            continue
        other_start, other_end = _minutes(other)
        if start < other_end and other_start < end:
            span = f"{other.start_time:%H:%M}–{other.end_time:%H:%M}"
            raise ValidationError(
                {
                    "start_time": f"Overlaps the live block “{other.title}” "
                    f"({Weekday(other.day).label} {span}) in the same weeks."
                }
            )


def _validate(block: ActivityBlock) -> None:
    """Run the block's field validators and ``clean()``, then the live-overlap rule.

    The check constraints are not re-run as queries: each is also a field validator or in
    ``clean()`` (with a sentence for the person), and the database enforces them on save.
    Nor is the schedule looked up again: the code, not the person, chose it.
    """
    block.full_clean(exclude=["schedule"], validate_constraints=False)
    _check_live_overlap(block)


# How many times an add is tried when another add took its position in the meantime.
POSITION_ATTEMPTS = 3


def next_position(schedule: Schedule) -> int:
    """Return the position after ``schedule``'s last block (0 for the first block).

    Locks the schedule's row until the transaction ends, so that adds number one at a time;
    call it inside the transaction that saves the block.
    """
    Schedule.objects.select_for_update().filter(pk=schedule.pk).first()
    last = schedule.blocks.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _with_next_position[T](add: Callable[[], T]) -> T:
    """Return what ``add`` returns, run in a transaction of its own; when a concurrent add
    took the position it chose (the unique constraint refuses the save), run it again."""
    for attempt in range(1, POSITION_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return add()
        except IntegrityError:
            if attempt == POSITION_ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def block_add(
    *, schedule: Schedule, outcomes: Iterable[LearningOutcome] = (), **fields: Any
) -> ActivityBlock:
    """Add and return a block at the end of ``schedule``; nothing is saved if it is invalid."""
    chosen = list(outcomes)

    def add() -> ActivityBlock:
        block = ActivityBlock(schedule=schedule, position=next_position(schedule), **fields)
        _validate(block)
        block.save()
        block.outcomes.set(chosen)
        return block

    return _with_next_position(add)


@transaction.atomic
def block_update(
    *,
    block: ActivityBlock,
    expected_version: int,
    outcomes: Iterable[LearningOutcome] | None = None,
    **fields: Any,
) -> ActivityBlock:
    """Save changes to ``block`` made from ``expected_version``; return the saved block.

    Raises StaleEditError when the block has moved on since that version, and
    ValidationError (naming the field) when the changes are invalid: either way nothing is
    saved, and a stale edit is refused as stale even when it is also invalid.

    The version check and the write are one statement (``UPDATE … WHERE version =
    expected``): a save made from the same version at the same moment waits for this one's
    row lock and then, the version having moved on, changes nothing (PostgreSQL looks at
    the row again once the lock is free; SQLite runs one writer at a time).
    """
    before = {name: getattr(block, name) for name in fields}
    for name, value in fields.items():
        setattr(block, name, value)
    try:
        _validate(block)
    except ValidationError:
        current = ActivityBlock.objects.select_for_update().get(pk=block.pk)
        if current.version != expected_version:
            _refuse_stale(block, before, current)
        raise
    # Every column, as ``save()`` writes them, and the version moved on.
    values = {
        field.attname: getattr(block, field.attname)
        for field in ActivityBlock._meta.concrete_fields
        if not field.primary_key
    }
    values["version"] = expected_version + 1
    if not ActivityBlock.objects.filter(pk=block.pk, version=expected_version).update(**values):
        _refuse_stale(block, before, ActivityBlock.objects.get(pk=block.pk))
    block.version = expected_version + 1
    if outcomes is not None:
        block.outcomes.set(list(outcomes))
    return block


def _refuse_stale(block: ActivityBlock, before: dict[str, Any], current: ActivityBlock) -> NoReturn:
    """Raise StaleEditError for ``current``, ``block`` given back the values it had."""
    for name, value in before.items():
        setattr(block, name, value)
    raise StaleEditError(current)


def block_duplicate(*, block: ActivityBlock) -> ActivityBlock:
    """Return a copy of ``block`` (same outcomes), placed after the schedule's last block.

    A live copy keeps the original's time and so would overlap it; it moves to the next
    day that has room, so the copy is valid as it is.
    """

    def add() -> ActivityBlock:
        outcomes = list(block.outcomes.all())
        copy = ActivityBlock.objects.get(pk=block.pk)
        copy.pk = None
        copy.title = f"{block.title} (copy)"
        copy.version = 1
        copy.position = next_position(block.schedule)
        if copy.is_live:
            for offset in range(1, 8):
                copy.day = (block.day + offset) % 7
                try:
                    _check_live_overlap(copy)
                    break
                except ValidationError:
                    continue
        _validate(copy)
        copy.save()
        copy.outcomes.set(outcomes)
        return copy

    return _with_next_position(add)


@transaction.atomic
def block_delete(*, block: ActivityBlock) -> None:
    """Remove ``block`` from its schedule."""
    block.delete()


@dataclass(frozen=True, slots=True)
class SampleWeekStart:
    """The blocks a sample week added, and the lengths fitting changed (none unless fitted)."""

    blocks: list[ActivityBlock]
    changes: list[FitChange]


@transaction.atomic
def blocks_add_from_sample_week(
    *, schedule: Schedule, week: SampleWeek, replace: bool = False, fit_share: float | None = None
) -> SampleWeekStart:
    """Add ``week``'s blocks, scaled to the course's weekly hours, running every week; its
    live sessions start at the times that suit the course's learners best (``placed_for_cohort``).

    With ``replace`` the schedule's existing blocks are removed first; without it they are
    kept. Deciding which is the caller's: the editor asks the instructor first. With
    ``fit_share`` (0-1) the week's blocks are made longer or shorter to that live share, its
    total kept (``fit_to_share``); without it the week is seed 000's as published.
    """
    course = schedule.course
    facts = blend_facts(course)
    scaled = scaled_blocks(week, course.weekly_hours)
    changes: list[FitChange] = []
    if fit_share is not None:
        scaled, changes = fit_to_share(scaled, fit_share)
    templates = placed_for_cohort(
        scaled,
        facts.segments,
        timezone=facts.timezone,
        start_date=facts.start_date,
        weeks=facts.weeks,
        waking=facts.thresholds.waking,
    )
    if replace:
        schedule.blocks.all().delete()
    start = next_position(schedule)
    created = []
    for offset, template in enumerate(templates):
        block = ActivityBlock(
            schedule=schedule,
            title=template.title,
            modality=template.modality,
            activity_type=template.activity_type,
            day=template.day,
            start_time=template.start_time,
            duration_minutes=template.minutes,
            due_day=template.due_day,
            delivery=template.delivery,
            gagne_events=[int(event) for event in template.gagne_events],
            recorded=template.recorded,
            captions=template.captions,
            transcript=template.transcript,
            breakouts=template.breakouts,
            position=start + offset,
        )
        block.full_clean(validate_constraints=False)
        block.save()
        created.append(block)
    return SampleWeekStart(created, changes)


@dataclass(frozen=True, slots=True)
class WeekCopy:
    """What copying week ``source`` to ``targets`` would do to each block, before doing it."""

    source: int
    targets: tuple[int, ...]
    new_weeks: dict[int, list[int] | None]  # block id: its weeks after ([] every, None gone)
    added: list[ActivityBlock]  # blocks of the source week that start running in targets
    taken_out: list[ActivityBlock]  # blocks not in the source week, taken out of targets
    weeks_left: dict[int, list[int]]  # taken-out block id: the weeks it still runs in
    deleted: list[ActivityBlock]  # taken-out blocks left with no week, which go

    @property
    def loses_work(self) -> bool:
        """Return whether the copy takes blocks out of weeks (the editor asks first)."""
        return bool(self.taken_out)


def week_copy_plan(*, schedule: Schedule, source: int, targets: Iterable[int]) -> WeekCopy:
    """Return what making each target week hold exactly week ``source``'s blocks would do.

    Blocks that run in ``source`` are added to the targets; blocks that do not are taken out
    of them, and a block left with no week would be deleted. Nothing is saved.
    """
    return _plan(schedule, schedule.blocks.order_by(*DISPLAY_ORDER), source, targets)


def _plan(
    schedule: Schedule, blocks: Iterable[ActivityBlock], source: int, targets: Iterable[int]
) -> WeekCopy:
    every_week = set(range(1, schedule.course.weeks + 1))
    target_set = set(targets) - {source}
    new_weeks: dict[int, list[int] | None] = {}
    added, taken_out, weeks_left = [], [], {}
    for block in blocks:
        runs = set(block.weeks) if block.weeks else every_week
        if source in runs:
            new = runs | target_set
            if target_set - runs:
                added.append(block)
        else:
            new = runs - target_set
            if runs & target_set:
                taken_out.append(block)
                weeks_left[block.pk] = sorted(new)
        if new != runs:
            new_weeks[block.pk] = None if not new else [] if new == every_week else sorted(new)
    deleted = [block for block in taken_out if new_weeks[block.pk] is None]
    return WeekCopy(
        source, tuple(sorted(target_set)), new_weeks, added, taken_out, weeks_left, deleted
    )


@transaction.atomic
def blocks_copy_week(*, schedule: Schedule, source: int, targets: Iterable[int]) -> WeekCopy:
    """Make each target week hold exactly the blocks of week ``source``; return what changed.

    See ``week_copy_plan``: blocks of the source week are added to the targets, others
    taken out of them, and a block left with no week is deleted.
    """
    plan = _plan(schedule, schedule.blocks.select_for_update(), source, targets)
    for block in [*plan.added, *plan.taken_out]:
        weeks = plan.new_weeks[block.pk]  # read before a delete clears the block's pk
        if weeks is None:
            block.delete()
        else:
            block.weeks = weeks
            block.save(update_fields=["weeks"])
    return plan


def finding_dismiss(
    *, schedule: Schedule, finding: Finding, reason: str, by: User
) -> FindingDismissal:
    """Set ``finding`` aside for ``schedule`` with the reason reviewers will read.

    Raises ValidationError when no reason is given; dismissing twice keeps the first.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why this finding does not apply to your course."})
    try:
        FindingDismissal(reason=reason).clean_fields(
            exclude=["schedule", "key", "check_id", "message", "dismissed_by", "created"]
        )
    except ValidationError as refused:
        raise ValidationError({"reason": refused.message_dict["reason"]}) from None
    dismissal, _ = FindingDismissal.objects.get_or_create(
        schedule=schedule,
        key=finding.key,
        defaults={
            "check_id": finding.check,
            "message": finding.message[:1000],
            "reason": reason,
            "dismissed_by": by,
        },
    )
    return dismissal


@transaction.atomic
def findings_dismiss(
    *, schedule: Schedule, findings: Iterable[Finding], reason: str, by: User
) -> list[FindingDismissal]:
    """Set several findings aside with one reason (every finding of a check, say).

    Raises ValidationError when no reason is given, and then dismisses none of them.
    """
    return [
        finding_dismiss(schedule=schedule, finding=finding, reason=reason, by=by)
        for finding in findings
    ]


def finding_restore(*, dismissal: FindingDismissal) -> None:
    """Bring a dismissed finding back."""
    dismissal.delete()
