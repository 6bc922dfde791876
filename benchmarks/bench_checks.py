"""All blend checks on a 300-block schedule with 20 learner segments (plain Python, no Django)."""

import statistics
import sys
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courses.choices import Bandwidth, ObjectiveKind
from schedules.rules.checks import BlendFacts, BlockFacts, OutcomeRef, run_checks
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.timezones.segments import Segment

ZONES = [
    "Europe/London",
    "Europe/Paris",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Africa/Lagos",
    "Africa/Nairobi",
    "America/Sao_Paulo",
    "Asia/Dubai",
    "Europe/Berlin",
    "Asia/Shanghai",
    "America/Toronto",
    "Europe/Madrid",
    "Asia/Seoul",
]
RUNS = 30


def facts() -> "BlendFacts":
    """Return a 15-week blend of 20 blocks a week for 200 learners over 20 time zones."""

    outcomes = tuple(
        OutcomeRef(n, f"Outcome {n}", ObjectiveKind.INTERACTIVE_SKILL_MASTERY) for n in range(8)
    )
    blocks = []
    for week in range(1, 16):
        for index in range(20):
            live = index < 4
            blocks.append(
                BlockFacts(
                    id=week * 100 + index,
                    title=f"Block {week}.{index}",
                    modality=Modality.LIVE if live else Modality.SELF_PACED,
                    activity_type=ActivityType.LIVE_SEMINAR if live else ActivityType.READING,
                    day=Weekday(index % 7),
                    duration_minutes=60,
                    start_time=clock(8 + index * 2, 0) if live else None,
                    weeks=(week,),
                    due_day=None if live else Weekday((index + 1) % 7),
                    outcome_ids=(index % 8,),
                    gagne_events=(5, 6) if live else (4,),
                )
            )
    return BlendFacts(
        weeks=15,
        weekly_hours=6,
        live_hours_available=4,
        cohort_size=200,
        timezone="Europe/London",
        start_date=date(2027, 3, 1),
        bandwidth=Bandwidth.VARIABLE,
        mobile_share=0.3,
        segments=tuple(Segment(f"Segment {n}", 10, zone) for n, zone in enumerate(ZONES)),
        outcomes=outcomes,
        blocks=tuple(blocks),
        recommended_live_share=0.3,
    )


def main() -> list[tuple[str, float, str, str]]:
    blend = facts()
    run_checks(blend)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run_checks(blend)
        timings.append((time.perf_counter() - start) * 1000)
    return [
        (
            "all blend checks, 300 blocks x 20 segments (median)",
            statistics.median(timings),
            "ms",
            "< 20",
        ),
    ]


if __name__ == "__main__":
    for row in main():
        print("\t".join(map(str, row)))
