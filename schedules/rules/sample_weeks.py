"""The three sample weekly models of seed 000, as block templates an instructor starts from.

Seed 000 writes them for a 6-hour week; ``scaled_blocks`` scales them to a course's own
weekly load. Days and start times are our choice (the seed names only Monday, Tuesday,
Wednesday and Thursday for the live parts); self-paced work is placed before the live
session it prepares (seeds 003 and 004: every live session is prepared by self-paced work)
and always has a due day (seed 003: "learning that takes place at no time ... is simply
ineffective").
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from decimal import Decimal

from schedules.rules.choices import ActivityType, Delivery, GagneEvent, Modality, Weekday

SEED_WEEKLY_HOURS = Decimal(6)  # seed 000: "for a 6-hour week"
ROUND_TO_MINUTES = 5


@dataclass(frozen=True, slots=True)
class BlockTemplate:
    """One block of a sample week, with its duration in a 6-hour week."""

    title: str
    modality: Modality
    activity_type: ActivityType
    day: Weekday
    minutes: int
    start_time: time | None = None
    due_day: Weekday | None = None
    delivery: Delivery = Delivery.INTERACTIVE
    gagne_events: tuple[GagneEvent, ...] = ()
    recorded: bool = False
    captions: bool = False
    transcript: bool = False
    breakouts: bool = False


@dataclass(frozen=True, slots=True)
class SampleWeek:
    """A named weekly model from seed 000."""

    letter: str
    title: str
    summary: str
    blocks: Sequence[BlockTemplate] = field(default_factory=tuple)

    @property
    def live_share(self) -> float:
        """Return the share of the week's minutes that are live (0–1)."""
        total = sum(block.minutes for block in self.blocks)
        live = sum(block.minutes for block in self.blocks if block.modality == Modality.LIVE)
        return live / total


_LIVE, _SELF = Modality.LIVE, Modality.SELF_PACED
_G = GagneEvent

SAMPLE_WEEKS: dict[str, SampleWeek] = {
    "A": SampleWeek(
        letter="A",
        title="Seminar and lab",
        summary="Monday 2 h live seminar, Wednesday 1 h live lab, 3 h self-paced: 50% live "
        "(seed 000).",
        blocks=(
            BlockTemplate(
                "Seminar preparation reading",
                _SELF,
                ActivityType.READING,
                Weekday.MONDAY,
                60,
                due_day=Weekday.MONDAY,
                gagne_events=(_G.STATE_OBJECTIVES, _G.PRESENT_CONTENT),
            ),
            BlockTemplate(
                "Seminar: discussion and Q&A",
                _LIVE,
                ActivityType.LIVE_SEMINAR,
                Weekday.MONDAY,
                120,
                start_time=time(14, 0),
                gagne_events=(_G.GUIDE_LEARNING, _G.ELICIT_PERFORMANCE, _G.FEEDBACK),
                recorded=True,
                captions=True,
            ),
            BlockTemplate(
                "Pre-lab quiz",
                _SELF,
                ActivityType.QUIZ,
                Weekday.TUESDAY,
                45,
                due_day=Weekday.WEDNESDAY,
                gagne_events=(_G.RECALL_PRIOR, _G.ASSESS_PERFORMANCE),
            ),
            BlockTemplate(
                "Lab or workshop",
                _LIVE,
                ActivityType.LIVE_LAB,
                Weekday.WEDNESDAY,
                60,
                start_time=time(14, 0),
                gagne_events=(_G.ELICIT_PERFORMANCE, _G.FEEDBACK),
            ),
            BlockTemplate(
                "Reflection journal",
                _SELF,
                ActivityType.REFLECTION_JOURNAL,
                Weekday.THURSDAY,
                75,
                due_day=Weekday.FRIDAY,
                gagne_events=(_G.RETENTION_TRANSFER,),
            ),
        ),
    ),
    "B": SampleWeek(
        letter="B",
        title="Application and check-in",
        summary="Tuesday 1.5 h live application session, Thursday 0.5 h live check-in with "
        "breakout coaching, 4 h self-paced: 33% live (seed 000).",
        blocks=(
            BlockTemplate(
                "Recorded lectures",
                _SELF,
                ActivityType.RECORDED_LECTURE,
                Weekday.MONDAY,
                90,
                due_day=Weekday.TUESDAY,
                delivery=Delivery.PRESENTATIONAL,
                gagne_events=(_G.GAIN_ATTENTION, _G.STATE_OBJECTIVES, _G.PRESENT_CONTENT),
                captions=True,
                transcript=True,
            ),
            BlockTemplate(
                "Application session",
                _LIVE,
                ActivityType.LIVE_APPLICATION,
                Weekday.TUESDAY,
                90,
                start_time=time(17, 0),
                gagne_events=(_G.GUIDE_LEARNING, _G.ELICIT_PERFORMANCE, _G.FEEDBACK),
                recorded=True,
                captions=True,
            ),
            BlockTemplate(
                "Graded problem set",
                _SELF,
                ActivityType.QUIZ,
                Weekday.WEDNESDAY,
                90,
                due_day=Weekday.FRIDAY,
                gagne_events=(_G.ELICIT_PERFORMANCE, _G.ASSESS_PERFORMANCE),
            ),
            BlockTemplate(
                "Check-in with breakout coaching",
                _LIVE,
                ActivityType.CHECK_IN,
                Weekday.THURSDAY,
                30,
                start_time=time(17, 0),
                gagne_events=(_G.FEEDBACK,),
                breakouts=True,
            ),
            BlockTemplate(
                "Forum debate",
                _SELF,
                ActivityType.DISCUSSION_FORUM,
                Weekday.THURSDAY,
                60,
                due_day=Weekday.SUNDAY,
                gagne_events=(_G.RETENTION_TRANSFER,),
            ),
        ),
    ),
    "C": SampleWeek(
        letter="C",
        title="Clinic",
        summary="One 1 h live clinic for synthesis and misconceptions, 5 h self-paced: "
        "17% live (seed 000).",
        blocks=(
            BlockTemplate(
                "Modular content",
                _SELF,
                ActivityType.MICRO_LESSON,
                Weekday.MONDAY,
                120,
                due_day=Weekday.WEDNESDAY,
                delivery=Delivery.PRESENTATIONAL,
                gagne_events=(_G.GAIN_ATTENTION, _G.STATE_OBJECTIVES, _G.PRESENT_CONTENT),
                captions=True,
                transcript=True,
            ),
            BlockTemplate(
                "Practice exercises",
                _SELF,
                ActivityType.EXERCISE,
                Weekday.TUESDAY,
                120,
                due_day=Weekday.THURSDAY,
                gagne_events=(_G.GUIDE_LEARNING, _G.ELICIT_PERFORMANCE),
            ),
            BlockTemplate(
                "Clinic: synthesis and misconceptions",
                _LIVE,
                ActivityType.LIVE_CLINIC,
                Weekday.THURSDAY,
                60,
                start_time=time(15, 0),
                gagne_events=(_G.FEEDBACK,),
                recorded=True,
                captions=True,
            ),
            BlockTemplate(
                "Peer review",
                _SELF,
                ActivityType.PEER_REVIEW,
                Weekday.FRIDAY,
                60,
                due_day=Weekday.SUNDAY,
                gagne_events=(_G.ASSESS_PERFORMANCE, _G.RETENTION_TRANSFER),
            ),
        ),
    ),
}


def scaled_minutes(minutes: int, weekly_hours: Decimal) -> int:
    """Return ``minutes`` of a 6-hour sample week scaled to ``weekly_hours``, in 5-minute steps."""
    scaled = Decimal(minutes) * weekly_hours / SEED_WEEKLY_HOURS
    steps = int((scaled / ROUND_TO_MINUTES).to_integral_value())
    return max(ROUND_TO_MINUTES, steps * ROUND_TO_MINUTES)


def scaled_blocks(week: SampleWeek, weekly_hours: Decimal) -> list[BlockTemplate]:
    """Return ``week``'s blocks with durations scaled from 6 hours to ``weekly_hours``."""
    return [
        replace(block, minutes=scaled_minutes(block.minutes, weekly_hours)) for block in week.blocks
    ]
