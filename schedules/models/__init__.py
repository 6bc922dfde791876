"""The schedules app's models: schedules and their blocks, reviews and their notifications,
the recommendation rule sets, the progress of moving courses to a new one and of a draft's
impact preview, pilots (their readiness ticks and retrospective decisions), and the API
tokens."""

from schedules.models.api_tokens import ApiToken
from schedules.models.blocks import (
    BLOCK_FIELDS,
    DISPLAY_ORDER,
    MINUTES_PER_DAY,
    PROVISIONS,
    WHAT_AND_WHEN,
    ActivityBlock,
    ReviewStatus,
    Schedule,
)
from schedules.models.feeds import CalendarFeed
from schedules.models.findings import REASON_MAX_LENGTH, FindingDismissal
from schedules.models.impact_previews import ImpactPreviewJob
from schedules.models.notifications import Notification
from schedules.models.pilot_data import PilotActivity, PilotImport, PilotRecord, PilotSecret
from schedules.models.pilots import (
    DecisionStatus,
    Pilot,
    PilotDecision,
    PilotState,
    ReadinessTick,
)
from schedules.models.recompute_jobs import RecomputeJob
from schedules.models.reviews import (
    COMMENT_MAX_LENGTH,
    ReviewComment,
    ScheduleEvent,
    ScheduleVersion,
)
from schedules.models.rulesets import RuleSet

__all__ = [
    "BLOCK_FIELDS",
    "COMMENT_MAX_LENGTH",
    "DISPLAY_ORDER",
    "MINUTES_PER_DAY",
    "PROVISIONS",
    "REASON_MAX_LENGTH",
    "WHAT_AND_WHEN",
    "ActivityBlock",
    "ApiToken",
    "CalendarFeed",
    "DecisionStatus",
    "FindingDismissal",
    "ImpactPreviewJob",
    "Notification",
    "Pilot",
    "PilotActivity",
    "PilotDecision",
    "PilotImport",
    "PilotRecord",
    "PilotSecret",
    "PilotState",
    "ReadinessTick",
    "RecomputeJob",
    "ReviewComment",
    "ReviewStatus",
    "RuleSet",
    "Schedule",
    "ScheduleEvent",
    "ScheduleVersion",
]
