"""The schedules app's models: schedules and their blocks, reviews, the recommendation rule
sets, and the API tokens."""

from schedules.models.api_tokens import ApiToken
from schedules.models.blocks import (
    DISPLAY_ORDER,
    MINUTES_PER_DAY,
    PROVISIONS,
    ActivityBlock,
    ReviewStatus,
    Schedule,
)
from schedules.models.findings import FindingDismissal
from schedules.models.reviews import ReviewComment, ScheduleEvent, ScheduleVersion
from schedules.models.rulesets import RuleSet

__all__ = [
    "DISPLAY_ORDER",
    "MINUTES_PER_DAY",
    "PROVISIONS",
    "ActivityBlock",
    "ApiToken",
    "FindingDismissal",
    "ReviewComment",
    "ReviewStatus",
    "RuleSet",
    "Schedule",
    "ScheduleEvent",
    "ScheduleVersion",
]
