"""A cohort's learners, as the planner takes them: ``Segment`` (name, head count, time zone).

A cohort is a list of segments; segments that share a time zone are always covered together.
"""

from dataclasses import dataclass

from schedules.rules.timezones.offsets import load_zone


@dataclass(frozen=True, slots=True)
class Segment:
    """A group of learners who share a time zone."""

    name: str
    head_count: int
    timezone: str

    def __post_init__(self) -> None:
        if self.head_count < 0:
            raise ValueError(f"Segment {self.name!r} has a negative head count.")
        load_zone(self.timezone)
