"""Suggesting which block of the blend an imported activity or meeting is (issue #16).

Plain Python over small facts, no database. A meeting (an activity with attendance) that
started on a live block's weekday within half an hour of its start time, in the course's
zone, is that block: a meeting on Tuesday at 16:58 is the Tuesday 17:00 live block. Anything
else is matched by title, once the LMS's own prefixes ("Quiz: ", "Forum: ") and punctuation
are set aside, when the titles are alike enough. Otherwise there is no suggestion and the
instructor chooses (or says it is not part of the plan).
"""

import re
import threading
import unicodedata
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

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
    return _normalise(title)


@lru_cache(maxsize=8192)
def _normalise(title: str) -> str:
    text = LMS_PREFIX.sub("", unicodedata.normalize("NFKD", title).strip())
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def title_likeness(a: str, b: str) -> float:
    """How alike two titles are, 0..1: the better of a character and a word comparison."""
    return _Title(b).likeness(_Title(a))


class _Title:
    """A block's title made ready to be compared with many activities' titles: normalised
    once, its words as a set, and (made when first needed) a ``SequenceMatcher`` holding it
    as the second sequence (the one whose index the matcher builds), so each comparison
    builds nothing again."""

    __slots__ = ("_matcher", "text", "words")

    def __init__(self, title: str) -> None:
        self.text = normalise(title)
        self.words = frozenset(self.text.split())
        self._matcher: SequenceMatcher[str] | None = None

    def likeness(self, other: "_Title", at_least: float = 0.0) -> float:
        """``title_likeness(other, self)``; below ``at_least`` any lower number may be given
        (a cheap upper bound first rules most unlike titles out)."""
        left, right = other.text, self.text
        if not left or not right:
            return 0.0
        words = len(other.words & self.words) / len(other.words | self.words)
        if words >= 1.0:  # the same words: the most alike, whatever the characters say
            return 1.0
        if self._matcher is None:
            self._matcher = SequenceMatcher(None, "", right)
        matcher = self._matcher
        matcher.set_seq1(left)
        if max(words, matcher.real_quick_ratio()) < at_least:
            return words
        if max(words, matcher.quick_ratio()) < at_least:
            return words
        return max(matcher.ratio(), words)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _by_time(
    activity: ActivityFacts,
    blocks: Sequence[PlanBlock],
    likeness: Callable[[PlanBlock, float], float] | None = None,
) -> Suggestion | None:
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
    # The first of the most alike, as ``max`` picks; nothing is more alike than 1.0.
    best, alike = near[0], -1.0
    for block in near:
        score = likeness(block, alike) if likeness else title_likeness(activity.title, block.title)
        if score > alike:
            best, alike = block, score
        if alike >= 1.0:
            break
    start = best.start if best.start is not None else minute
    return Suggestion(
        best.id,
        f"Started {WEEKDAYS[activity.weekday]} {_clock(minute)}: the live block at "
        f"{_clock(start)}.",
    )


def suggest(activity: ActivityFacts, blocks: Sequence[PlanBlock]) -> Suggestion:
    """Return the block ``activity`` most likely is, with why, or no block."""
    return _Suggester(blocks).suggest(activity)


class _Suggester:
    """``suggest`` for many activities over the same blocks: each block's title prepared
    once, a block whose title has the activity's words (as alike as titles can be: 1.0)
    found at once, and the blocks whose titles cannot be alike enough set aside for all of
    them together (``_candidates``) rather than compared one by one."""

    def __init__(self, blocks: Sequence[PlanBlock]) -> None:
        self.blocks = blocks
        self.titles = [(_Title(block.title), block) for block in blocks]
        self.prepared = {block.id: title for title, block in self.titles}
        self.same: dict[frozenset[str], PlanBlock] = {}
        # Which titles hold each character (how many times) and each word, by position.
        self.by_char: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for index, (title, block) in enumerate(self.titles):
            known = self.same.get(title.words)
            if title.words and (known is None or block.id < known.id):
                self.same[title.words] = block
            for char, count in Counter(title.text).items():
                self.by_char[char].append((index, count))
            for word in title.words:
                self.by_word[word].append(index)

    def _candidates(self, own: _Title) -> list[int]:
        """The positions, in order, of the titles that may be at least ``TITLE_THRESHOLD``
        alike ``own``: those whose upper bound, the better of the words' share and the
        character comparison's quick ratio (the characters two titles share, whatever their
        order: ``SequenceMatcher.quick_ratio``, worked out the same way), reaches it. Both
        are counted for every title at once from the indexes, so a title like none of a
        term's hundreds of blocks costs one pass over its own characters and words."""
        shared = [0] * len(self.titles)
        for char, count in Counter(own.text).items():
            for index, theirs in self.by_char.get(char, ()):
                shared[index] += min(count, theirs)
        common = [0] * len(self.titles)
        for word in own.words:
            for index in self.by_word.get(word, ()):
                common[index] += 1
        length, words = len(own.text), len(own.words)
        found = []
        for index, (title, _) in enumerate(self.titles):
            if not own.text or not title.text:
                continue  # nothing is alike an empty title (``_Title.likeness``)
            quick = 2.0 * shared[index] / (length + len(title.text))
            union = words + len(title.words) - common[index]
            if max(quick, common[index] / union if union else 0.0) >= TITLE_THRESHOLD:
                found.append(index)
        return found

    def suggest(self, activity: ActivityFacts) -> Suggestion:
        own = _Title(activity.title)
        timed = _by_time(
            activity, self.blocks, lambda block, floor: self.prepared[block.id].likeness(own, floor)
        )
        if timed is not None:
            return timed
        # The same words (1.0, the most alike): the lowest id of those blocks, as below.
        block = self.same.get(own.words) if own.words else None
        if block is None:
            best: tuple[float, int] | None = None
            # The rest cannot reach the threshold: ``likeness`` would rule each out.
            for index in self._candidates(own):
                title, candidate = self.titles[index]
                floor = TITLE_THRESHOLD if best is None else max(TITLE_THRESHOLD, best[0])
                score = title.likeness(own, at_least=floor)
                if score >= TITLE_THRESHOLD and (best is None or (score, -candidate.id) > best):
                    best, block = (score, -candidate.id), candidate
        if block is None:
            return Suggestion(None, "No block has a title like it.")
        return Suggestion(block.id, f"Title like “{block.title}”.")


def suggest_all(
    activities: Sequence[ActivityFacts], blocks: Sequence[PlanBlock]
) -> dict[int, Suggestion]:
    """Return a suggestion for each activity, by its id.

    Kept for the last few sets of activities and blocks asked about: the suggestions are a
    function of these facts alone, so the same facts (read again from the database by any
    server) give the same answer, and any change (an import, a block renamed or moved) asks
    afresh. A term's hundreds of titles compared with hundreds of blocks cost tens of
    milliseconds each time the mapping page is opened."""
    key = (tuple(activities), tuple(blocks))
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return dict(kept)
    suggester = _Suggester(blocks)
    suggestions = {activity.id: suggester.suggest(activity) for activity in activities}
    with _lock:
        _kept[key] = suggestions
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return dict(suggestions)


def forget_suggestions() -> None:
    """Drop the kept suggestions (a benchmark's first view)."""
    with _lock:
        _kept.clear()


KEPT = 16
_kept: OrderedDict[
    tuple[tuple[ActivityFacts, ...], tuple[PlanBlock, ...]], dict[int, Suggestion]
] = OrderedDict()
_lock = threading.Lock()
