"""What the checks are told about a blend: plain frozen dataclasses, no ORM."""

from dataclasses import dataclass, field
from datetime import date, time

from courses.choices import AccessibilityNeed, Bandwidth, ObjectiveKind
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.timezones.coverage import WakingHours
from schedules.rules.timezones.segments import Segment


@dataclass(frozen=True, slots=True)
class CheckThresholds:
    """The numbers behind the checks; the published rule set supplies them (admins tune them).

    The defaults here match the shipped rule set, for callers (and tests) without one.
    """

    # seed 003: live groups over ~15-20 need a co-facilitator or breakouts.
    co_facilitator_group_size: int = 20
    # seeds 001, 002, 003: a session outside waking hours shuts learners out.
    waking: WakingHours = field(default_factory=WakingHours)
    # A live session is flagged when at least this share of learners is outside waking hours.
    outside_share: float = 0.1
    # seed 003: weekly hours off the course's weekly load, beyond this share.
    weekly_hours_tolerance: float = 0.1
    # The recommendation's tolerance band, in percentage points of live share.
    split_tolerance_points: int = 10
    # seed 004: the same activity type in more than this share of the blocks is monotonous.
    monotony_share: float = 0.6
    # seed 004: from these shares of one activity type, a warning, then a problem.
    monotony_warning_share: float = 0.75
    monotony_problem_share: float = 0.95
    # seed 004: more identical weeks in a row than this is a routine worth breaking.
    max_identical_weeks: int = 4
    # seed 002: phone and tablet users above this share make multi-document live work hard.
    mobile_share: float = 0.5


@dataclass(frozen=True, slots=True)
class LearnerGroup:
    """One segment of the learners as the checks see it: its bandwidth (the cohort's when it
    gives none), whether it has only phones or tablets, and the needs it declared."""

    name: str
    head_count: int
    bandwidth: Bandwidth
    mobile_only: bool = False
    needs: frozenset[AccessibilityNeed] = frozenset()


@dataclass(frozen=True, slots=True)
class OutcomeRef:
    id: int
    text: str
    kind: ObjectiveKind


@dataclass(frozen=True, slots=True)
class BlockFacts:
    """One activity block as the checks see it."""

    id: int
    title: str
    modality: Modality
    activity_type: ActivityType
    day: Weekday
    duration_minutes: int
    start_time: time | None = None
    weeks: tuple[int, ...] = ()  # empty: every week
    due_day: Weekday | None = None
    outcome_ids: tuple[int, ...] = ()
    gagne_events: tuple[int, ...] = ()
    presentational: bool = False  # delivery: presenting rather than interacting
    recorded: bool = False
    captions: bool = False
    transcript: bool = False
    low_bandwidth_alternative: bool = False
    co_facilitator: bool = False
    breakouts: bool = False

    @property
    def is_live(self) -> bool:
        return self.modality == Modality.LIVE

    def runs_in(self, week: int) -> bool:
        return not self.weeks or week in self.weeks


@dataclass(frozen=True, slots=True)
class BlendFacts:
    """A course's blend and what the checks need to judge it."""

    weeks: int
    weekly_hours: float
    live_hours_available: float
    cohort_size: int
    timezone: str
    start_date: date
    bandwidth: Bandwidth
    mobile_share: float  # share of learners who have only a phone or tablet (0-1)
    segments: tuple[Segment, ...]
    outcomes: tuple[OutcomeRef, ...]
    blocks: tuple[BlockFacts, ...]
    recommended_live_share: float | None = None  # 0-1
    thresholds: CheckThresholds = field(default_factory=CheckThresholds)
    # The segments' bandwidth, devices and needs (empty: the cohort is one group, as above).
    groups: tuple[LearnerGroup, ...] = ()
    # What the learner profile declares for the whole cohort (seeds 000, 001).
    accessibility_needs: frozenset[AccessibilityNeed] = frozenset()
    # False when the course has no start date and ``start_date`` is only a reference date:
    # checks about particular dates (a clock change) then say nothing.
    dated: bool = True
