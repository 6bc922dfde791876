"""The schedules app's models: schedules and their blocks, and the recommendation rule sets."""

from schedules.models.blocks import MINUTES_PER_DAY, ActivityBlock, Schedule
from schedules.models.findings import FindingDismissal
from schedules.models.reviews import ReviewComment, ScheduleEvent, ScheduleVersion
from schedules.models.rulesets import RuleSet

__all__ = [
    "MINUTES_PER_DAY",
    "ActivityBlock",
    "FindingDismissal",
    "ReviewComment",
    "RuleSet",
    "Schedule",
    "ScheduleEvent",
    "ScheduleVersion",
]
