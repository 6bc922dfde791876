"""Writes of the pilot: planning its weeks, moving it through its states, ticking readiness
items, the retrospective and its decisions, and deleting a course's pilot data.

Keyword-only functions over domain objects, never the request. A refusal is a
``ValidationError`` with a sentence for the person who asked; nothing is changed by one.
"""

import contextlib
from datetime import date, datetime, timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from schedules.editor.services import StaleEditError, block_update
from schedules.models import (
    ActivityBlock,
    DecisionStatus,
    Pilot,
    PilotActivity,
    PilotDecision,
    PilotImport,
    PilotRevision,
    PilotState,
    ReadinessTick,
    Schedule,
)
from schedules.models.pilots import PILOT_DEFAULT_WEEKS
from schedules.pilot.checklist import ITEMS_BY_KEY, MANUAL_KEYS
from schedules.pilot.evidence import counted_store
from schedules.pilot.revisions import SuggestedEdit
from schedules.pilot.selectors import restored_values

# Each move a pilot can make: (from, to), and the words of the action.
TRANSITIONS = {
    "start": (PilotState.PLANNING, PilotState.RUNNING),
    "end": (PilotState.RUNNING, PilotState.REVIEWING),
    "close": (PilotState.REVIEWING, PilotState.DONE),
}
# How a refusal names a pilot's state, and what each action needs.
STATE_WORDS = {
    PilotState.PLANNING: "still being planned",
    PilotState.RUNNING: "running",
    PilotState.REVIEWING: "under review",
    PilotState.DONE: "done",
}
NEEDS = {
    "start": "Only a pilot being planned can start",
    "end": "Only a running pilot can end",
    "close": "Only a pilot under review can be closed",
}


def default_start(schedule: Schedule, first_week: int) -> date | None:
    """Return the first day of ``first_week`` from the course's start date, if it has one."""
    start = schedule.course.start_date
    return None if start is None else start + timedelta(weeks=first_week - 1)


def check_weeks(*, first_week: int, last_week: int, course_weeks: int) -> None:
    """Refuse pilot weeks that are not a run of the course's weeks, saying why."""
    if first_week < 1:
        raise ValidationError("Weeks are numbered from 1: the pilot starts in week 1 or later.")
    if last_week < first_week:
        raise ValidationError(
            f"The pilot ends in week {last_week}, before it starts (week {first_week}): "
            "give the last week after the first."
        )
    if last_week > course_weeks:
        raise ValidationError(
            f"The course has {course_weeks} weeks: the pilot must end in week {course_weeks} "
            "or earlier."
        )


def pilot_plan(
    *,
    schedule: Schedule,
    first_week: int | None = None,
    last_week: int | None = None,
    start_date: date | None = None,
) -> Pilot:
    """Create or change ``schedule``'s pilot while it is being planned and return it.

    By default the pilot is the course's first two weeks (seed 000), or all of a shorter
    course, starting on the course's start date.
    """
    pilot = Pilot.objects.filter(schedule=schedule).first()
    if pilot is not None and pilot.state != PilotState.PLANNING:
        raise ValidationError(
            f"The pilot is {pilot.get_state_display().lower()}: its weeks and start are "
            "fixed once it has started."
        )
    course_weeks = schedule.course.weeks
    first = first_week if first_week is not None else 1
    last = (
        last_week if last_week is not None else min(course_weeks, first + PILOT_DEFAULT_WEEKS - 1)
    )
    check_weeks(first_week=first, last_week=last, course_weeks=course_weeks)
    if pilot is None:
        pilot = Pilot(schedule=schedule)
    pilot.first_week, pilot.last_week = first, last
    pilot.start_date = start_date if start_date is not None else default_start(schedule, first)
    pilot.full_clean()
    pilot.save()
    return pilot


def pilot_move(*, pilot: Pilot, action: str) -> Pilot:
    """Move ``pilot`` on by ``action`` (start, end or close) and return it.

    A pilot can start with readiness items open: the page says which ones are.
    """
    if action not in TRANSITIONS:
        raise ValidationError(f"“{action}” is not something a pilot can do.")
    source, target = TRANSITIONS[action]
    if pilot.state != source:
        raise ValidationError(
            f"{NEEDS[action]}; this one is {STATE_WORDS[PilotState(pilot.state)]}."
        )
    schedule = pilot.schedule
    check_weeks(
        first_week=pilot.first_week,
        last_week=pilot.last_week,
        course_weeks=schedule.course.weeks,
    )
    pilot.state = target
    now = timezone.now()
    if target == PilotState.RUNNING:
        pilot.started = now
    elif target == PilotState.REVIEWING:
        pilot.ended = now
    pilot.save(update_fields=["state", "started", "ended", "updated"])
    return pilot


def readiness_tick(*, pilot: Pilot, item: str, note: str = "", by: User) -> ReadinessTick:
    """Tick the hand-ticked ``item`` of ``pilot``'s checklist (again: its note is replaced)."""
    if item not in ITEMS_BY_KEY:
        raise ValidationError("There is no such item on the readiness checklist.")
    if item not in MANUAL_KEYS:
        raise ValidationError(
            f"“{ITEMS_BY_KEY[item].title}” is ticked by BlendPlan itself when it is done."
        )
    tick = ReadinessTick.objects.filter(pilot=pilot, item=item).first() or ReadinessTick(
        pilot=pilot, item=item
    )
    tick.note, tick.ticked_by = note.strip(), by
    tick.full_clean()
    tick.save()
    return tick


def readiness_untick(*, pilot: Pilot, item: str) -> None:
    """Take the tick off ``item`` (nothing happens if it was not ticked)."""
    ReadinessTick.objects.filter(pilot=pilot, item=item).delete()


def retrospective_book(*, pilot: Pilot, on: date | None) -> Pilot:
    """Book (or with None, unbook) ``pilot``'s retrospective on ``on`` and return the pilot.

    The retrospective looks back at the pilot weeks, so it cannot be before they start.
    """
    if on is not None and pilot.start_date is not None and on < pilot.start_date:
        raise ValidationError(
            f"The pilot starts on {pilot.start_date:%d %B %Y}: book the retrospective for "
            "after its weeks, not before them."
        )
    pilot.retrospective_on = on
    pilot.save(update_fields=["retrospective_on", "updated"])
    return pilot


def retrospective_is_open(pilot: Pilot, *, today: date) -> bool:
    """Return whether the retrospective can be written: in review or done, or once the
    pilot weeks are over by the calendar."""
    if pilot.state in {PilotState.REVIEWING, PilotState.DONE}:
        return True
    if pilot.state == PilotState.RUNNING and pilot.start_date is not None:
        weeks = pilot.last_week - pilot.first_week + 1
        return today >= pilot.start_date + timedelta(weeks=weeks)
    return False


def _require_open(pilot: Pilot, today: date) -> None:
    if not retrospective_is_open(pilot, today=today):
        raise ValidationError(
            "The retrospective opens once the pilot weeks are over, or when you end the pilot."
        )


def retrospective_notes_save(*, pilot: Pilot, notes: str, today: date) -> Pilot:
    """Save the retrospective's notes and return the pilot."""
    _require_open(pilot, today)
    pilot.notes = notes.strip()
    pilot.full_clean()
    pilot.save(update_fields=["notes", "updated"])
    return pilot


def decision_add(
    *,
    pilot: Pilot,
    text: str,
    block: ActivityBlock | None = None,
    status: DecisionStatus = DecisionStatus.AGREED,
    by: User,
    today: date,
) -> PilotDecision:
    """Record a decision of the retrospective and return it."""
    _require_open(pilot, today)
    if block is not None and block.schedule_id != pilot.schedule_id:
        raise ValidationError("That block is not in this course's blend.")
    decision = PilotDecision(
        pilot=pilot, text=text.strip(), block=block, status=status, created_by=by
    )
    decision.full_clean()
    decision.save()
    return decision


def decision_set_status(*, decision: PilotDecision, status: DecisionStatus) -> PilotDecision:
    """Change where ``decision`` stands and return it."""
    decision.status = status
    decision.save(update_fields=["status"])
    return decision


def _forget_uploads(pilots: QuerySet[Pilot]) -> None:
    """Delete the uploads still waiting for the worker, once the deletion commits (their
    task then finds no job and does nothing)."""
    paths = list(
        PilotImport.objects.filter(pilot__in=pilots)
        .exclude(upload_path="")
        .values_list("upload_path", flat=True)
    )

    def unlink() -> None:
        for path in paths:
            with contextlib.suppress(OSError):
                Path(path).unlink(missing_ok=True)

    transaction.on_commit(unlink)


def pilot_data_delete(*, schedule: Schedule) -> bool:
    """Delete ``schedule``'s pilot and everything kept with it; return whether there was one.

    The checklist's ticks and notes, the retrospective's notes and decisions, the imports,
    their pseudonymised records, the mapping of activities to blocks and the course's
    pseudonym secret hang off the pilot, and go with it (an upload still waiting too).
    """
    with transaction.atomic():
        pilots = Pilot.objects.filter(schedule=schedule)
        _forget_uploads(pilots)
        deleted, _ = pilots.delete()
    return bool(deleted)


def pilot_mapping_save(*, pilot: Pilot, chosen: dict[int, int | None]) -> int:
    """Confirm the mapping: each imported activity (by id) → a block id of the pilot's blend,
    or None for "not part of the plan". Remembered for the next import; return how many
    activities were saved."""
    blocks = set(pilot.schedule.blocks.values_list("pk", flat=True))
    wrong = {block for block in chosen.values() if block is not None and block not in blocks}
    if wrong:
        raise ValidationError("That block is not in this course's blend.")
    with transaction.atomic():
        activities = list(
            PilotActivity.objects.select_for_update().filter(pilot=pilot, pk__in=chosen)
        )
        for activity in activities:
            activity.block_id, activity.confirmed = chosen[activity.pk], True
        PilotActivity.objects.bulk_update(activities, ["block", "confirmed"])
    # The evidence page, where the instructor goes next, counts by the mapping: count now.
    counted_store(pilot)
    return len(activities)


def pilot_data_purge(*, ended_before: datetime) -> int:
    """Delete every pilot ended before ``ended_before`` with all it keeps; return how many.

    ``manage.py purge_pilot_data`` runs it with ``PILOT_DATA_RETENTION_DAYS``, as the
    privacy page promises.
    """
    with transaction.atomic():
        stale = Pilot.objects.filter(ended__lt=ended_before)
        _forget_uploads(stale)
        count = stale.count()
        stale.delete()
    return count


@transaction.atomic
def revision_apply(
    *,
    pilot: Pilot,
    block: ActivityBlock,
    edit: SuggestedEdit,
    expected_version: int,
    by: User,
) -> PilotRevision:
    """Apply a suggested edit from the evidence to ``block`` through the editor's
    ``block_update`` (so the block's version moves on and the blend's checks follow), and
    record which finding it answered. Raises ``StaleEditError`` when the block changed since
    the suggestion was shown, and ``ValidationError`` when the edit would break a rule (a
    live overlap, say): either way nothing is saved."""
    if block.schedule_id != pilot.schedule_id or block.pk != edit.block_id:
        raise ValidationError("That block is not in this pilot's schedule.")
    restore = {name: getattr(block, name) for name in edit.fields()}
    block_update(block=block, expected_version=expected_version, **edit.fields())
    return PilotRevision.objects.create(
        pilot=pilot,
        finding_key=edit.finding_key,
        block=block,
        block_title=block.title,
        finding_message=edit.finding_message[:500],
        summary=edit.summary,
        before=edit.before(),
        after=edit.after(),
        applied_by=by,
        restore=restore,
        block_version=block.version,
    )


def revision_undo_refusal(revision: PilotRevision) -> str | None:
    """Return why ``revision`` cannot be undone, in a sentence, or None when it can.

    Read with the revision's block (``select_related("block")`` for a list). Like the editor,
    the block's version says whether it was edited since: undoing then would overwrite that
    edit, so it is refused rather than guessed at."""
    title = revision.block_title
    if revision.undone is not None:
        return f"The edit to “{title}” was already undone."
    if revision.block is None:
        return f"“{title}” was deleted from the blend since, so there is nothing to undo."
    if not revision.restore or revision.block_version is None:
        return (
            f"The edit to “{title}” was applied before edits could be undone: change it back "
            "in the blend editor."
        )
    if revision.block.version != revision.block_version:
        return (
            f"“{title}” was edited since this change, so undoing it would overwrite that "
            "edit: change it back in the blend editor instead."
        )
    return None


@transaction.atomic
def revision_undo(*, revision: PilotRevision, by: User) -> PilotRevision:
    """Put the block back as it was before ``revision`` through the editor's ``block_update``
    (so its version moves on and the blend's checks follow), and mark the revision undone by
    ``by`` now; return it. The revision stays, as a record of what was tried, but no version
    links it from then on, and the finding's suggestion can be applied again.

    Refused (``ValidationError``, nothing changed) when the edit was undone already, its block
    was deleted or edited since, or putting it back would break a rule (a live session now
    overlapping the old slot, say). A version already submitted with the edit keeps it: its
    snapshot is a copy, so undoing changes only the draft."""
    revision = (
        PilotRevision.objects.select_for_update(of=("self",))
        .select_related("block")
        .get(pk=revision.pk)
    )
    refusal = revision_undo_refusal(revision)
    if refusal is not None:
        raise ValidationError(refusal)
    block = revision.block
    assert block is not None  # refused above
    assert revision.block_version is not None
    try:
        block_update(
            block=block, expected_version=revision.block_version, **restored_values(revision)
        )
    except StaleEditError:  # edited between the read above and the block's lock
        raise ValidationError(
            f"“{revision.block_title}” was edited since this change, so undoing it would "
            "overwrite that edit: change it back in the blend editor instead."
        ) from None
    except ValidationError as refused:
        raise ValidationError(
            f"“{revision.block_title}” was not changed back: " + " ".join(refused.messages)
        ) from None
    revision.undone, revision.undone_by = timezone.now(), by
    revision.save(update_fields=["undone", "undone_by"])
    return revision
