"""Suggesting which block of the blend an imported activity or meeting is (issue #16).

Plain Python over small facts, no database. A meeting (an activity with attendance) that
started on a live block's weekday within half an hour of its start time, in the course's
zone, is that block: a meeting on Tuesday at 16:58 is the Tuesday 17:00 live block. Anything
else is matched by title, once the LMS's own prefixes ("Quiz: ", "Forum: ") and punctuation
are set aside, when the titles are alike enough. Otherwise there is no suggestion and the
instructor chooses (or says it is not part of the plan).
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A meeting this close to a live block's start (minutes, either way) is that block: people
# join a few minutes early, hosts open the room late.
START_TOLERANCE = 30
# Titles at least this alike (0..1, the better of a character and a word comparison) are
# taken for the same activity.
TITLE_THRESHOLD = 0.6
# Moodle's event context names the activity with its module type first.
LMS_PREFIX = re.compile(
    r"^(quiz|forum|assignment|page|file|url|lesson|workshop|book|h5p|scorm|choice|"
    r"feedback|glossary|wiki|zoom meeting|bigbluebutton|label|folder|course)\s*:\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ActivityFacts:
    """An imported activity: its title and, for a meeting, when it started (course zone)."""

    id: int
    title: str
    meeting: bool = False
    weekday: int | None = None  # 0 = Monday
    minute: int | None = None  # minutes after midnight


@dataclass(frozen=True, slots=True)
class PlanBlock:
    id: int
    title: str
    live: bool
    day: int
    start: int | None = None  # minutes after midnight, for a live block


@dataclass(frozen=True, slots=True)
class Suggestion:
    block_id: int | None
    reason: str


def normalise(title: str) -> str:
    """A title as compared: no LMS prefix, case, accents or punctuation, single spaces."""
    text = LMS_PREFIX.sub("", unicodedata.normalize("NFKD", title).strip())
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def title_likeness(a: str, b: str) -> float:
    """How alike two titles are, 0..1: the better of a character and a word comparison."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return 0.0
    chars = SequenceMatcher(None, left, right).ratio()
    words_left, words_right = set(left.split()), set(right.split())
    words = len(words_left & words_right) / len(words_left | words_right)
    return max(chars, words)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _by_time(activity: ActivityFacts, blocks: Sequence[PlanBlock]) -> Suggestion | None:
    if not activity.meeting or activity.weekday is None or activity.minute is None:
        return None
    minute = activity.minute
    near = [
        block
        for block in blocks
        if block.live
        and block.start is not None
        and block.day == activity.weekday
        and abs(block.start - minute) <= START_TOLERANCE
    ]
    if not near:
        return None
    # Two live blocks at that time (rare): the one whose title is more alike.
    best = max(near, key=lambda block: title_likeness(activity.title, block.title))
    start = best.start if best.start is not None else minute
    return Suggestion(
        best.id,
        f"Started {WEEKDAYS[activity.weekday]} {_clock(minute)}: the live block at "
        f"{_clock(start)}.",
    )


def suggest(activity: ActivityFacts, blocks: Sequence[PlanBlock]) -> Suggestion:
    """Return the block ``activity`` most likely is, with why, or no block."""
    timed = _by_time(activity, blocks)
    if timed is not None:
        return timed
    scored = [(title_likeness(activity.title, block.title), block) for block in blocks]
    scored = [(score, block) for score, block in scored if score >= TITLE_THRESHOLD]
    if not scored:
        return Suggestion(None, "No block has a title like it.")
    _, block = max(scored, key=lambda pair: (pair[0], -pair[1].id))
    return Suggestion(block.id, f"Title like “{block.title}”.")


def suggest_all(
    activities: Sequence[ActivityFacts], blocks: Sequence[PlanBlock]
) -> dict[int, Suggestion]:
    """Return a suggestion for each activity, by its id."""
    return {activity.id: suggest(activity, blocks) for activity in activities}
