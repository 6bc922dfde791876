"""A weekly live session in the view time zone (``Slot``): weekday, start and length.

What the planner asks about (who is outside waking hours for this session?) and what the
slot search suggests; validated so that a session starts on a whole minute and ends by
midnight in the view zone.
"""

from dataclasses import dataclass
from datetime import time

from schedules.rules.timezones.minutes import ALL_DAYS, MINUTES_PER_DAY, minute_of
from schedules.rules.timezones.wording import slot_label


@dataclass(frozen=True, slots=True)
class Slot:
    """A weekly live session: weekday (0 = Monday), start and length in the view time zone."""

    day: int
    start: time
    duration_minutes: int

    def __post_init__(self) -> None:
        if self.day not in ALL_DAYS:
            raise ValueError("A session's day is 0 (Monday) to 6 (Sunday).")
        if self.start.second or self.start.microsecond or self.start.tzinfo is not None:
            raise ValueError("A session starts on a whole minute, without a time zone.")
        if self.duration_minutes < 1:
            raise ValueError("A session lasts at least one minute.")
        if self.start_minute + self.duration_minutes > MINUTES_PER_DAY:
            raise ValueError("A session may not run past midnight in the view time zone.")

    @property
    def start_minute(self) -> int:
        return minute_of(self.start)

    @property
    def label(self) -> str:
        """Return e.g. "Monday 10:00–11:00"."""
        return slot_label(self.day, self.start, self.duration_minutes)
