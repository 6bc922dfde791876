"""The schedules app's models: schedules and their blocks, reviews and their notifications,
the recommendation rule sets, the progress of moving courses to a new one and of a draft's
impact preview, calendar feeds and learners' pages, pilots (their readiness ticks and
retrospective decisions), the learners' first-week survey, and the API tokens."""

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
from schedules.models.learner_pages import LearnerPage
from schedules.models.notifications import Notification
from schedules.models.pilot_data import PilotActivity, PilotImport, PilotRecord, PilotSecret
from schedules.models.pilots import (
    DecisionStatus,
    Pilot,
    PilotDecision,
    PilotRevision,
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
from schedules.models.surveys import (
    SURVEY_COMMENT_MAX_LENGTH,
    SURVEY_OTHER_NEED_MAX_LENGTH,
    SURVEY_REASON_MAX_LENGTH,
    Preference,
    Survey,
    SurveyResponse,
)

__all__ = [
    "BLOCK_FIELDS",
    "COMMENT_MAX_LENGTH",
    "DISPLAY_ORDER",
    "MINUTES_PER_DAY",
    "PROVISIONS",
    "REASON_MAX_LENGTH",
    "SURVEY_COMMENT_MAX_LENGTH",
    "SURVEY_OTHER_NEED_MAX_LENGTH",
    "SURVEY_REASON_MAX_LENGTH",
    "WHAT_AND_WHEN",
    "ActivityBlock",
    "ApiToken",
    "CalendarFeed",
    "DecisionStatus",
    "FindingDismissal",
    "ImpactPreviewJob",
    "LearnerPage",
    "Notification",
    "Pilot",
    "PilotActivity",
    "PilotDecision",
    "PilotImport",
    "PilotRecord",
    "PilotRevision",
    "PilotSecret",
    "PilotState",
    "Preference",
    "ReadinessTick",
    "RecomputeJob",
    "ReviewComment",
    "ReviewStatus",
    "RuleSet",
    "Schedule",
    "ScheduleEvent",
    "ScheduleVersion",
    "Survey",
    "SurveyResponse",
]
