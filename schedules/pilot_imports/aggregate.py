"""Folding records into what the pilot pages show, one record at a time.

``PilotAggregate`` keeps, per learner and activity, the minutes attended (summed over a
person's rejoins), the first and last time seen, whether it was completed and the best
score; and the engagement per weekday × hour in a given zone (seed 000 asks for a heatmap
of peak engagement windows; seeds 000 and 001 for completion, attendance and engagement in
a two-week pilot). Records with the same ``key`` are counted once, so a file imported
twice changes nothing; for that it keeps the keys it has seen (about 100 bytes a record),
and otherwise grows with learners × activities, not with the files.

Small groups are held back: a figure about fewer than ``SMALL_GROUP`` (5) learners could
point at a person, so ``held_back`` and the heatmap hide it (our privacy rule, not a seed's;
one rule with the survey's "fewer than 5", in ``schedules.rules.privacy``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from schedules.rules.privacy import SMALL_GROUP, held_back

from .records import Evidence, Record
from .times import zone


@dataclass
class LearnerActivity:
    minutes: float = 0.0
    first: datetime | None = None
    last: datetime | None = None
    completed: bool = False
    score: float | None = None
    events: int = 0

    def add(self, record: Record) -> None:
        self.events += record.evidence is Evidence.EVENT
        if record.evidence is Evidence.ATTENDANCE and record.minutes is not None:
            self.minutes += record.minutes
        for moment in (record.at, record.until):
            if moment is None:
                continue
            if self.first is None or moment < self.first:
                self.first = moment
            if self.last is None or moment > self.last:
                self.last = moment
        if record.completion is not None and record.completion.done:
            self.completed = True
        if record.score is not None and (self.score is None or record.score > self.score):
            self.score = record.score


@dataclass
class PilotAggregate:
    """Fold records with ``add`` (or ``add_all``); read ``cells`` and ``heatmap``."""

    zone_name: str
    cells: dict[tuple[str, str], LearnerActivity] = field(default_factory=dict)
    _engagement: dict[tuple[int, int], int] = field(default_factory=dict)
    _engaged: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    _seen: set[int] = field(default_factory=set)
    duplicates: int = 0

    def __post_init__(self) -> None:
        self._zone = zone(self.zone_name)

    def add(self, record: Record) -> None:
        if record.key in self._seen:
            self.duplicates += 1
            return
        self._seen.add(record.key)
        cell = self.cells.get((record.learner, record.activity))
        if cell is None:
            cell = self.cells[(record.learner, record.activity)] = LearnerActivity()
        cell.add(record)
        if record.at is not None and record.evidence in (Evidence.EVENT, Evidence.ATTENDANCE):
            local = record.at.astimezone(self._zone)
            slot = (local.weekday(), local.hour)
            self._engagement[slot] = self._engagement.get(slot, 0) + 1
            self._engaged.setdefault(slot, set()).add(record.learner)

    def add_all(self, records: Iterable[Record]) -> "PilotAggregate":
        for record in records:
            self.add(record)
        return self

    @property
    def learners(self) -> set[str]:
        return {learner for learner, _ in self.cells}

    def heatmap(self, minimum: int = SMALL_GROUP) -> list[list[int | None]]:
        """Engagement per weekday (0 = Monday) × hour in the zone: 7 rows of 24 counts of
        events and attendance, ``None`` where fewer than ``minimum`` learners are behind."""
        return [
            [
                None
                if held_back(len(self._engaged.get((day, hour), ())), minimum)
                else self._engagement.get((day, hour), 0)
                for hour in range(24)
            ]
            for day in range(7)
        ]
