"""Throughput of the recommendation engine on one core, for a 10-outcome, 5-segment course.

Plain Python, no Django: ``python benchmarks/bench_engine.py``. The course is the engine's
heaviest path: an outcome mix that fits no row fully, a STEM lean, low bandwidth and some
learners far from the instructor, so every factor is computed. ``recommend`` works out every
number; its sentences, matched rows and outcome leanings are written when read, so the full
explanation (``to_dict()``) is timed separately. Each figure is the median of several runs.
"""

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.spec import load_default_ruleset

RUNS = 7
EVALUATIONS_PER_RUN = 20_000
EXPLANATIONS_PER_RUN = 2_000
KINDS = ("interactive_skill_mastery", "knowledge_acquisition", "mixed")
BLOOMS = ("remember", "understand", "apply", "analyze", "evaluate", "create")
SEGMENTS = (
    (20, "Europe/London"),
    (10, "America/New_York"),
    (8, "Asia/Kolkata"),
    (7, "Europe/Berlin"),
    (5, "Australia/Sydney"),
)


def course() -> CourseFacts:
    """Return the benchmark's course: 10 outcomes, 5 segments over four continents."""
    return CourseFacts.model_validate(
        {
            "discipline": "stem",
            "weekly_hours": 6,
            "weeks": 12,
            "cohort_size": sum(count for count, _ in SEGMENTS),
            "start_date": "2027-01-11",
            "instructor_timezone": "Europe/London",
            "outcomes": [
                {"text": f"Outcome {n}", "bloom": BLOOMS[n % 6], "kind": KINDS[n % 3]}
                for n in range(10)
            ],
            "learners": {
                "profile": "hybrid",
                "bandwidth": "low",
                "lab_access": False,
                "lms": True,
                "segments": [{"count": count, "timezone": zone} for count, zone in SEGMENTS],
            },
        }
    )


def per_second(work: Callable[[], object], repeat: int) -> float:
    """Return the median, over ``RUNS`` runs, of how many times per second ``work`` runs."""
    work()  # warm the caches (zone offsets, compiled rules) as a running server would have
    rates = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for _ in range(repeat):
            work()
        rates.append(repeat / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> list[tuple[str, float, str, str]]:
    facts, rules = course(), load_default_ruleset()
    evaluations = per_second(lambda: recommend(facts, rules), EVALUATIONS_PER_RUN)
    explained = per_second(lambda: recommend(facts, rules).to_dict(), EXPLANATIONS_PER_RUN)
    return [
        ("engine evaluations per second", round(evaluations), "ops/s", ">= 20000"),
        ("engine recommendation with full explanation", round(1e6 / explained, 1), "us", "< 1000"),
    ]


if __name__ == "__main__":
    for row in main():
        print("\t".join(str(value) for value in row))
