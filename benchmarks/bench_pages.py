"""Server time to render the dashboard for an instructor with many courses and blocks.

Fills a throwaway SQLite database and times the page through Django's test client
(request to response, no network). Reports the median of many runs.
"""

import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_setup import setup_django

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COURSES = 20
BLOCKS_PER_COURSE = 100
RUNS = 50


def main() -> list[tuple[str, float, str, str]]:
    setup_django()
    from django.test import Client

    owner = _fill()
    client = Client()
    client.force_login(owner)
    client.get("/")  # warm caches (templates, URL resolver)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get("/")
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return [
        (
            f"dashboard, {COURSES} courses x {BLOCKS_PER_COURSE} blocks (median)",
            statistics.median(timings),
            "ms",
            "informational",
        )
    ]


def _fill() -> "User":
    """Create the benchmark's instructor with their courses and blocks; return the instructor."""
    from datetime import time as clock

    from django.contrib.auth.models import User

    from courses.models import Course
    from schedules.models import ActivityBlock, Schedule
    from schedules.rules.choices import ActivityType, Modality

    owner = User.objects.create_user("bench-dashboard", password="bench-password-123")
    for number in range(COURSES):
        course = Course.objects.create(owner=owner, title=f"Course {number}", weeks=15)
        schedule = Schedule.objects.get(course=course)  # made with the course
        ActivityBlock.objects.bulk_create(
            ActivityBlock(
                schedule=schedule,
                title=f"Block {index}",
                modality=Modality.LIVE if index % 3 == 0 else Modality.SELF_PACED,
                activity_type=ActivityType.LIVE_SEMINAR if index % 3 == 0 else ActivityType.READING,
                day=index % 7,
                start_time=clock(9 + index % 8, 0) if index % 3 == 0 else None,
                duration_minutes=30 + index % 4 * 15,
                weeks=[] if index % 2 else [1 + index % 15],
            )
            for index in range(BLOCKS_PER_COURSE)
        )
    return owner


if __name__ == "__main__":
    for row in main():
        print("\t".join(map(str, row)))
