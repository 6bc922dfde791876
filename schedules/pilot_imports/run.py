"""One import of one file: the records it yields and what it found on the way.

``ImportRun`` is single-pass: iterating it reads the file and yields ``Record``s; meanwhile
it counts rows, keeps the rows it could not read (line and reason; the first
``MAX_PROBLEMS`` of them, and the total), what it assumed, and how many records fell outside
the course dates (those are not yielded). Once iterated, ``fingerprint`` identifies the
content. It ends with a ``PilotImportError`` when the file had no rows at all or when every
dated record lay outside the course (the export of another course or term).
"""

import hashlib
import hmac
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TextIO

from .errors import ErrorCode, PilotImportError
from .formats import FormatKind
from .records import Record
from .source import Source
from .times import Clock, zone

MAX_PROBLEMS = 50
FORMULA_START = ("=", "+", "@")  # how a spreadsheet formula starts ("-" is Moodle's blank)


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    message: str


def pseudonymiser(secret: bytes) -> Callable[[str], str]:
    """Return the function that turns a person's name or address into the course's
    pseudonym for them: HMAC-SHA256 under the course's secret of the text with case, width
    and spacing folded, so "Ana  DÍAZ" and "ana díaz" are one learner."""
    cache: dict[str, str] = {}

    def pseudonym(identity: str) -> str:
        known = cache.get(identity)
        if known is not None:
            return known
        folded = " ".join(unicodedata.normalize("NFKC", identity).casefold().split())
        value = "p_" + hmac.new(secret, folded.encode(), hashlib.sha256).hexdigest()[:24]
        if len(cache) > 100_000:
            cache.clear()
        cache[identity] = value
        return value

    return pseudonym


class Context:
    """What a reader gets: the clock, the pseudonymiser, and somewhere to put problems."""

    def __init__(self, run: "ImportRun", clock: Clock, secret: bytes) -> None:
        self._run = run
        self.clock = clock
        self.pseudonym = pseudonymiser(secret)
        self.course_zone = run.course_zone
        self.notes = run.notes

    def row(self) -> None:
        self._run.rows += 1

    def problem(self, line: int, message: str) -> None:
        self._run.problem(line, message)

    def skip(self, reason: str) -> None:
        """A row read but not a learner's evidence (the system, the organiser…)."""
        self._run.skipped[reason] = self._run.skipped.get(reason, 0) + 1

    def text(self, value: str) -> str:
        """A cell kept as data: counted when it would be a formula in a spreadsheet."""
        if value.startswith(FORMULA_START):
            self._run.formula_cells += 1
        return value


class ImportRun:
    """Iterate for the records; read the counts, problems and assumptions afterwards."""

    def __init__(
        self,
        *,
        kind: FormatKind,
        text: TextIO,
        source: Source,
        reader: Callable[[TextIO, Context], Iterator[Record]],
        secret: bytes,
        course_zone: str,
        uploader_zone: str,
        course_start: date,
        course_end: date,
        day_first: bool | None = None,
    ) -> None:
        self.kind = kind
        self.course_zone = course_zone
        self.uploader_zone = uploader_zone
        self.course_start = course_start
        self.course_end = course_end
        self.rows = 0
        self.records = 0
        self.before_course = 0
        self.after_course = 0
        self.formula_cells = 0
        self.problem_count = 0
        self.problems: list[RowProblem] = []
        self.skipped: dict[str, int] = {}
        self.notes: list[str] = []
        self._source = source
        self._text = text
        self._reader = reader
        self._used = False
        self._done = False
        tz = zone(course_zone)
        self._from = datetime.combine(course_start, time(), tz).astimezone(UTC)
        self._until = datetime.combine(course_end + timedelta(days=1), time(), tz).astimezone(UTC)
        self._clock = Clock(uploader_zone, course_start, course_end, day_first=day_first)
        self._secret = secret

    # ----- what it found ---------------------------------------------------------------------

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the file's (decompressed) content; complete once iterated."""
        if not self._done:
            raise RuntimeError("The fingerprint is known once the run has been iterated.")
        return self._source.fingerprint

    @property
    def size(self) -> int:
        return self._source.size

    @property
    def out_of_course(self) -> int:
        return self.before_course + self.after_course

    @property
    def assumptions(self) -> list[str]:
        said = self._clock.assumptions()
        if self._source.encoding == "cp1252":
            said.append("The file is not UTF-8: read as Windows-1252 (as Excel saves CSV).")
        if self.formula_cells:
            said.append(
                f"{self.formula_cells:,} cell{'s begin' if self.formula_cells > 1 else ' begins'} "
                "like a spreadsheet formula (=, +, @): kept as text, never calculated."
            )
        return said + self.notes

    def problem(self, line: int, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(RowProblem(line, message))

    # ----- reading ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Record]:
        if self._used:
            raise RuntimeError("An ImportRun reads its file once.")
        self._used = True
        context = Context(self, self._clock, self._secret)
        recent = Recent()
        with self._text:
            for record in self._reader(self._text, context):
                if record.at is not None and record.at < self._from:
                    self.before_course += 1
                    continue
                if record.at is not None and record.at >= self._until:
                    self.after_course += 1
                    continue
                self.records += 1
                yield recent.numbered(record)
        self._done = True
        self._finish()

    def _finish(self) -> None:
        if self.rows == 0 and self.problem_count == 0:
            raise PilotImportError(ErrorCode.NO_ROWS, "The file has its header but no rows.")
        if self.records == 0 and self.out_of_course:
            start = self.course_start.strftime("%-d %B %Y")
            end = self.course_end.strftime("%-d %B %Y")
            raise PilotImportError(
                ErrorCode.OUTSIDE_COURSE,
                f"None of the file's {self.out_of_course} records falls within the course "
                f"({start} – {end}): is it the export of another course or term?",
            )


RECENT_KEYS = 4096


def record_key(record: Record) -> int:
    """The content key of a record (without its line): the same evidence, the same key.

    BLAKE2b (128 bits) of the fields that say what happened, separated by a unit separator:
    learner, evidence, activity, action, ``at`` and ``until`` as POSIX seconds, minutes,
    completion, score; its first 64 bits as a signed integer, so that the course's unique
    index holds 8-byte numbers rather than 32-character text (docs/benchmarks.md, "Pilot
    imports"). Two different records of one course share a key with a chance of about
    n²/2⁶⁵ (one in 37 million for a million records). Stored keys depend on this recipe:
    change it only with a migration (0024 turned the earlier hex keys into these)."""
    at, until = record.at, record.until
    text = (
        f"{record.learner}\x1f{record.evidence}\x1f{record.activity}\x1f{record.action}\x1f"
        f"{at.timestamp() if at else ''}\x1f{until.timestamp() if until else ''}\x1f"
        f"{'' if record.minutes is None else f'{record.minutes:.4f}'}\x1f"
        f"{record.completion or ''}\x1f{'' if record.score is None else f'{record.score:.6f}'}"
    )
    digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def numbered_key(key: int, seen: int) -> int:
    """The key of the ``seen``-th repeat (1, 2, …) of a record whose key is ``key``: 64 bits
    of BLAKE2b of both (the earlier text keys were ``"<hex>-<seen>"``; migration 0024 turns
    them into this)."""
    digest = hashlib.blake2b(f"{key}-{seen}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class Recent:
    """The keys of the last few thousand records, to number identical ones (two halves:
    when the newer fills up it becomes the older, so the window never forgets a key it
    has just seen)."""

    def __init__(self) -> None:
        self.newer: dict[int, int] = {}
        self.older: dict[int, int] = {}

    def numbered(self, record: Record) -> Record:
        """The record with its stable key: identical records close together in a file (a
        log's two posts in the same second) are told apart by their order of appearance,
        so both count once each, and importing the file again gives the same keys."""
        key = record_key(record)
        seen = self.newer.get(key)
        if seen is None:
            seen = self.older.get(key, 0)
        self.newer[key] = seen + 1
        if len(self.newer) >= RECENT_KEYS:
            self.older, self.newer = self.newer, {}
        return Record._make((numbered_key(key, seen) if seen else key, *record[1:]))
