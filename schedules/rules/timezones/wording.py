"""The sentences and labels the time-zone planner shows, built from plain values.

The result types (``Slot.label``, ``Exclusion.sentence`` and ``how_far``,
``CellChange.sentence``) read their text from here, so every phrase the planner page and
the blend checks show is worded in this one module. It knows nothing of those types: it
takes minutes, weekdays, week numbers and zone names.
"""

from collections.abc import Sequence
from datetime import date, time

from schedules.rules.timezones.minutes import DAY_NAMES, MINUTES_PER_DAY, minute_of


def slot_label(day: int, start: time, duration_minutes: int) -> str:
    """Return e.g. "Monday 10:00–11:00" for a session on ``day`` (0 = Monday)."""
    end = minute_of(start) + duration_minutes
    return f"{DAY_NAMES[day]} {start:%H:%M}–{clock(end % MINUTES_PER_DAY)}"


def exclusion_sentence(
    *,
    local_start: time,
    local_day: int,
    session_day: int,
    head_count: int,
    timezone: str,
    weeks: Sequence[int],
) -> str:
    """Return e.g. "02:00 for 12 learners in Pacific/Auckland (weeks 1–8)"."""
    when = local_clock(minute_of(local_start), local_day, session_day)
    learners = "learner" if head_count == 1 else "learners"
    return f"{when} for {head_count} {learners} in {timezone} ({week_list(weeks)})"


def how_far(side: str, outside_minutes: int) -> str:
    """Return e.g. "6 h before waking hours" or "30 min after waking hours"."""
    return f"{duration(outside_minutes)} {side} waking hours"


def cell_change_sentence(
    *,
    day: int,
    hour: int,
    week: int,
    from_date: date,
    timezone: str,
    local_day_before: int,
    local_before: time,
    local_day_after: int,
    local_after: time,
    now_inside: bool,
) -> str:
    """Return e.g. "From week 9 (5 Apr 2027), 10:00 Monday is 21:00 in Auckland instead
    of 22:00: now inside waking hours"."""
    cell = f"{hour:02d}:00 {DAY_NAMES[day]}"
    after = local_clock(minute_of(local_after), local_day_after, day)
    before = local_clock(minute_of(local_before), local_day_before, day)
    status = "now inside" if now_inside else "now outside"
    return (
        f"From week {week} ({from_date.day} {from_date:%b %Y}), {cell} is "
        f"{after} in {place(timezone)} instead of {before}: {status} waking hours"
    )


def clock(minute: int) -> str:
    """Return "HH:MM" for a minute of the day."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def local_clock(minute: int, day: int, reference_day: int) -> str:
    """Return "HH:MM", followed by the weekday when it is not ``reference_day``."""
    return clock(minute) if day == reference_day else f"{clock(minute)} {DAY_NAMES[day]}"


def duration(minutes: int) -> str:
    """Return e.g. "6 h", "30 min" or "2 h 30 min"."""
    hours, rest = divmod(minutes, 60)
    parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest else [])
    return " ".join(parts)


def week_list(weeks: Sequence[int]) -> str:
    """Return e.g. "week 3", "weeks 1–8" or "weeks 1–3, 9, 12–15"."""
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    text = ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"week {text}" if len(weeks) == 1 else f"weeks {text}"


def place(timezone: str) -> str:
    """Return the city of an IANA zone name, e.g. "Auckland" for "Pacific/Auckland"."""
    return timezone.rsplit("/", 1)[-1].replace("_", " ")


# Why a learner is left out when the slots come from the survey rather than waking hours.
NOT_STATED = "not among the hours they said they can come"
