"""Stated availability: when learners said they can come to a live session, as a source the
slot search can take instead of assumed waking hours.

Seed 002 asks instructors to survey learners in the first week about "their time zones" and
their concerns about synchronous activities; the survey asks each learner to tick the hours of
a typical week, in their own zone, when they could attend. ``StatedAvailability`` holds those
answers (``StatedAnswer``: a zone and hours of the week on its wall clock) and says which
candidate sessions suit whom: a session suits a learner when every hour it touches, on their
own clock, is one they ticked, in every course week (so daylight saving moves the session on
their clock, not their evening).

Each answer counts as one learner. Identical answers (same zone, same hours) are counted
together, so the search weighs a few distinct patterns rather than every answer. Under
``MIN_ANSWERS`` answers the planner keeps assumed waking hours: a handful of learners would
decide for everyone, and the survey's results hold back counts under five too.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from schedules.rules.privacy import SMALL_GROUP
from schedules.rules.timezones import wording
from schedules.rules.timezones.coverage import PreparedCourse, StartGrid
from schedules.rules.timezones.minutes import MINUTES_PER_DAY, time_at, weekday_of
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.sessions import Slot

# The survey's results show a count under five as "fewer than 5" (the small-group rule,
# schedules.rules.privacy); below that many answers the planner does not let stated
# availability pick the slots.
MIN_ANSWERS = SMALL_GROUP
HOURS_PER_WEEK = 7 * 24


@dataclass(frozen=True, slots=True)
class StatedAnswer:
    """One learner's answer: their zone and the hours of the week (0 = Monday 00:00 to
    167 = Sunday 23:00, on their own clock) when they could attend a live session."""

    timezone: str
    hours: frozenset[int]

    def __post_init__(self) -> None:
        if any(not 0 <= hour < HOURS_PER_WEEK for hour in self.hours):
            raise ValueError("An hour of the week is 0 (Monday 00:00) to 167 (Sunday 23:00).")


@dataclass(frozen=True, slots=True)
class StatedMiss:
    """Learners of one zone who did not tick every hour a session needs, in some weeks."""

    timezone: str
    head_count: int
    session: Slot
    local_day: int
    local_start: time
    weeks: tuple[int, ...]

    @property
    def segment(self) -> str:
        """The answers' segment is their zone (as ``StatedAvailability.segments`` names it)."""
        return self.timezone

    @property
    def sentence(self) -> str:
        """Return e.g. "02:00 for 3 learners in Pacific/Auckland (weeks 1–8)"."""
        return wording.exclusion_sentence(
            local_start=self.local_start,
            local_day=self.local_day,
            session_day=self.session.day,
            head_count=self.head_count,
            timezone=self.timezone,
            weeks=self.weeks,
        )

    @property
    def how_far(self) -> str:
        return wording.NOT_STATED


class StatedAvailability:
    """Learners' stated hours, grouped into distinct patterns (zone, hours) with a count."""

    def __init__(self, answers: Sequence[StatedAnswer]) -> None:
        counts: dict[StatedAnswer, int] = {}
        for answer in answers:
            counts[answer] = counts.get(answer, 0) + 1
        self.patterns = tuple(counts)
        self.heads = tuple(counts.values())
        self.answers = len(answers)

    @property
    def enough(self) -> bool:
        """Return whether there are enough answers to pick slots on (``MIN_ANSWERS``)."""
        return self.answers >= MIN_ANSWERS

    def segments(self) -> list[Segment]:
        """Return the answers as a cohort: one segment per zone, a learner per answer."""
        by_zone: dict[str, int] = {}
        for pattern, heads in zip(self.patterns, self.heads, strict=True):
            by_zone[pattern.timezone] = by_zone.get(pattern.timezone, 0) + heads
        return [Segment(zone, heads, zone) for zone, heads in by_zone.items()]

    def covers(self, course: PreparedCourse, grid: StartGrid, slots: Sequence[Slot]) -> list[int]:
        """Return, per slot, a bitmask of the patterns it suits in every course week.

        ``course`` must be prepared on ``segments()``, so its zones are the answers' zones.
        """
        needed = [
            [self._hours_needed(course, group, slot, grid.duration) for slot in slots]
            for group in range(len(course.groups))
        ]
        covers = [0] * len(slots)
        for bit, pattern in enumerate(self.patterns):
            group = course.group_of[pattern.timezone]
            for index, hours in enumerate(needed[group]):
                if hours <= pattern.hours:
                    covers[index] |= 1 << bit
        return covers

    def misses(
        self, course: PreparedCourse, covered: int, sessions: Sequence[Slot]
    ) -> list[StatedMiss]:
        """Return, zone by zone, the learners no chosen session suits, with when each session
        starts for them, grouped by local start and weeks (daylight saving moves it)."""
        left: dict[str, int] = {}
        for bit, pattern in enumerate(self.patterns):
            if not covered >> bit & 1:
                left[pattern.timezone] = left.get(pattern.timezone, 0) + self.heads[bit]
        result: list[StatedMiss] = []
        for zone, heads in left.items():
            group = course.group_of[zone]
            for session in sessions:
                weeks_by_start: dict[tuple[int, int], list[int]] = {}
                for week in range(course.weeks):
                    local, _ = course.local_span(
                        group, week, session.day, session.start_minute, session.duration_minutes
                    )
                    place = (weekday_of(local // MINUTES_PER_DAY), local % MINUTES_PER_DAY)
                    weeks_by_start.setdefault(place, []).append(week + 1)
                result.extend(
                    StatedMiss(
                        timezone=zone,
                        head_count=heads,
                        session=session,
                        local_day=day,
                        local_start=time_at(minute),
                        weeks=tuple(weeks),
                    )
                    for (day, minute), weeks in weeks_by_start.items()
                )
        return result

    @staticmethod
    def _hours_needed(
        course: PreparedCourse, group: int, slot: Slot, duration: int
    ) -> frozenset[int]:
        """Return every hour of the week, on the zone's clock, the session touches in any
        course week."""
        hours: set[int] = set()
        for week in range(course.weeks):
            start, end = course.local_span(group, week, slot.day, slot.start_minute, duration)
            for hour in range(start // 60, (end - 1) // 60 + 1):
                day = weekday_of(hour // 24)
                hours.add(day * 24 + hour % 24)
        return frozenset(hours)
