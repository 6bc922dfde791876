"""Time to plan live sessions for a large, spread-out cohort: heatmap plus slot suggestions.

Fifty segments over twenty time zones (both hemispheres, with and without daylight saving)
on a fifteen-week course that runs across the March and April clock changes. Plain Python,
no Django. Reports the median of many runs.
"""

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schedules.rules.timezones.coverage import WakingHours, coverage_heatmap
from schedules.rules.timezones.segments import Segment
from schedules.rules.timezones.slots import suggest_slots

RUNS = 30
SEGMENTS = 50
WEEKS = 15
START = date(2027, 3, 1)
ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Helsinki",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Honolulu",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Sao_Paulo",
    "America/St_Johns",
)


def cohort() -> list[Segment]:
    """Return the benchmark's segments: zones in turn, head counts from 3 to 39."""
    return [
        Segment(f"Segment {index + 1}", 3 + (index * 7) % 37, ZONES[index % len(ZONES)])
        for index in range(SEGMENTS)
    ]


def plan(segments: list[Segment]) -> None:
    """Compute what the planning page shows: the heatmap and the slot suggestions."""
    coverage_heatmap(
        segments,
        start_date=START,
        weeks=WEEKS,
        view_timezone="Europe/London",
        waking=WakingHours(),
    )
    suggest_slots(
        segments,
        start_date=START,
        weeks=WEEKS,
        view_timezone="Europe/London",
        waking=WakingHours(),
        duration_minutes=60,
    )


def main() -> list[tuple[str, float, str, str]]:
    segments = cohort()
    plan(segments)  # warm zoneinfo's cache of zone files, as a running server would have
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        plan(segments)
        timings.append((time.perf_counter() - start) * 1000)
    return [
        (
            f"heatmap + slot suggestions, {SEGMENTS} segments x {WEEKS} weeks (median)",
            statistics.median(timings),
            "ms",
            "< 50",
        )
    ]


if __name__ == "__main__":
    for row in main():
        print("\t".join(str(value) for value in row))
