"""Whole-minute arithmetic of the time-zone planner: the week's days and minutes as integers.

A day is numbered by its proleptic ordinal (``date.toordinal()``) and a moment is
``ordinal * 1440 + minute of day``, in UTC or on some zone's wall clock. These helpers turn
wall-clock ``time`` values into minutes of the day and back, and day ordinals into weekdays.
"""

from datetime import time

from schedules.rules.choices import Weekday

MINUTES_PER_DAY = 24 * 60
DAY_NAMES = tuple(str(day.label) for day in Weekday)  # "Monday" … "Sunday", as everywhere
ALL_DAYS = tuple(day.value for day in Weekday)


def minute_of(moment: time) -> int:
    """Return the minute of the day of a wall-clock time (seconds are ignored)."""
    return moment.hour * 60 + moment.minute


def time_at(minute: int) -> time:
    """Return the wall-clock time of a minute of the day (0–1439)."""
    return time(minute // 60, minute % 60)


def weekday_of(ordinal: int) -> int:
    """Return the weekday (0 = Monday) of a day ordinal; day 1 (1 Jan 0001) was a Monday."""
    return (ordinal - 1) % 7
