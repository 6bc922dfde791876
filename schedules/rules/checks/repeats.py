"""Repeat sessions: one live session offered twice (or more) at different times, so that
learners in other time zones can come to one of them.

seed 000: "schedule multiple live session times or asynchronous equivalents for those who
cannot attend"; the waking-hours check's own fix says "add a repeat session". A learner
attends one offering, so the learners' weekly hours and the live share count it once; the
instructor teaches every offering, so live capacity counts them all.

Two live blocks are one session offered twice when one is named after the other with the
word "repeat" ("Seminar" and "Seminar (repeat for Asia-Pacific)") and they are the same
kind of activity, as long, in the same weeks, serving the same outcomes. Two sessions of one
title without that word are two sessions (a language class on Monday and on Wednesday).
"""

import re
from collections.abc import Sequence
from typing import Protocol


class SessionLike(Protocol):
    """What recognising a repeat needs of a block (the checks' facts, a version's block)."""

    @property
    def id(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def is_live(self) -> bool: ...

    @property
    def activity_type(self) -> str: ...

    @property
    def duration_minutes(self) -> int: ...

    @property
    def weeks(self) -> Sequence[int]: ...

    @property
    def outcome_ids(self) -> Sequence[int]: ...


_REPEAT_WORD = re.compile(r"\brepeat(?:ed)?\b", re.IGNORECASE)
# "(repeat for Asia-Pacific)", "[repeat]", "— repeat", ": repeat session" at the end.
_REPEAT_TAIL = re.compile(
    r"\s*(?:[(\[][^()\[\]]*\brepeat(?:ed)?\b[^()\[\]]*[)\]]|[-–—:,]\s*repeat(?:ed)?\b.*)\s*$",
    re.IGNORECASE,
)


def _base_title(title: str) -> str:
    return " ".join(_REPEAT_TAIL.sub("", title).split()).casefold()


def _same_session(block: SessionLike) -> tuple[object, ...]:
    return (
        _base_title(block.title),
        block.activity_type,
        block.duration_minutes,
        tuple(sorted(block.weeks)),
        tuple(sorted(block.outcome_ids)),
    )


# The last tuple of blocks grouped, with its groups. One request groups the same blend's
# blocks up to six times (the editor's summary and five checks, all given ``facts.blocks``):
# a tuple is immutable and its blocks are frozen, so the same tuple object has the same
# groups, and holding it here keeps its identity from being reused by another.
_last_grouped: tuple[tuple[SessionLike, ...], tuple[tuple[SessionLike, ...], ...]] | None = None


def repeat_groups[B: SessionLike](blocks: Sequence[B]) -> list[tuple[B, ...]]:
    """Return the live sessions offered more than once: each group in the order given, the
    session first and its repeats after it."""
    global _last_grouped
    last = _last_grouped  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is blocks:
        return list(last[1])  # type: ignore[arg-type]  # the same tuple: the same blocks
    groups = _grouped(blocks)
    if isinstance(blocks, tuple):
        _last_grouped = (blocks, tuple(groups))
    return groups


def _grouped[B: SessionLike](blocks: Sequence[B]) -> list[tuple[B, ...]]:
    by_session: dict[tuple[object, ...], list[B]] = {}
    for block in blocks:
        if block.is_live:
            by_session.setdefault(_same_session(block), []).append(block)
    groups = []
    for members in by_session.values():
        originals = [b for b in members if not _REPEAT_WORD.search(b.title)]
        repeats = [b for b in members if _REPEAT_WORD.search(b.title)]
        if repeats and len(originals) <= 1 and len(members) > 1:
            groups.append((*originals, *repeats))
    return groups


def repeats_of[B: SessionLike](blocks: Sequence[B]) -> dict[int, tuple[B, ...]]:
    """Return, for each block offered more than once, every offering of its session."""
    return {block.id: group for group in repeat_groups(blocks) for block in group}


def learner_blocks[B: SessionLike](blocks: Sequence[B]) -> list[B]:
    """Return ``blocks`` as a learner does them: a session offered twice, once (its first
    offering)."""
    extra = {block.id for group in repeat_groups(blocks) for block in group[1:]}
    return [block for block in blocks if block.id not in extra]
