"""What every import yields, whatever the file: normalised, frozen records about learners.

A record says who (a pseudonym, never a name, e-mail or address), what kind of evidence it is,
which activity (its title as the file gives it), when (an aware UTC instant, or an interval
for attendance), and, as the evidence has them, minutes, a completion state and a score from
0 to 1. ``line`` is where it came from in the file, for messages; ``key`` is stable across
imports of the same content, so importing a file twice never counts a record twice.
"""

from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


class Evidence(StrEnum):
    EVENT = "event"  # something a learner did: viewed, posted, submitted
    ATTENDANCE = "attendance"  # time in a live session (an interval)
    COMPLETION = "completion"  # an activity's completion state
    SCORE = "score"  # a result, scaled to 0..1


class Completion(StrEnum):
    COMPLETED = "completed"
    PASSED = "passed"
    FAILED = "failed"  # completed, but without the pass grade
    NOT_COMPLETED = "not_completed"

    @property
    def done(self) -> bool:
        return self is not Completion.NOT_COMPLETED


class Record(NamedTuple):
    """One piece of evidence (immutable; a NamedTuple because a million of them are built
    per large log, several times faster than a frozen dataclass)."""

    key: int  # stable: the same content gives the same key in any import (64-bit, signed;
    # 0 until the run numbers it)
    learner: str  # HMAC pseudonym under the course's secret
    evidence: Evidence
    activity: str  # as in the file (data, never evaluated: may begin with "=")
    at: datetime | None  # aware, UTC; the start of an interval
    until: datetime | None = None  # aware, UTC; the end of an interval (attendance)
    minutes: float | None = None
    completion: Completion | None = None
    score: float | None = None  # 0..1
    line: int = 0  # line (or JSON statement) in the file it came from
    action: str = ""  # the file's own word for what happened ("Course module viewed")
