"""The downloads of the 300-block benchmark course's submitted version, one per format.

Times, through Django's test client on a throwaway SQLite database (server time, no
network), the instructor's download of each export of the 15-week, 300-block course the
editor benchmark edits (``editor_course.py``), submitted for review: CSV, Excel, JSON,
iCalendar and the IMS Common Cartridge. Median of ``BENCH_ROUNDS`` (20) downloads each, the
formats taken in turn. Whether an export holds a request long enough to need a background
task (over about a second) is read from these figures (docs/benchmarks.md).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_setup import setup_django
from editor_course import WEEKS, create_editor_blocks

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
FORMATS = ("csv", "xlsx", "json", "ics", "imscc")


def main() -> list[tuple[str, float, str, str]]:
    setup_django()
    from datetime import date

    from django.contrib.auth.models import User
    from django.test import Client

    from courses.models import Course, LearningOutcome
    from schedules.models import ActivityBlock, Schedule
    from schedules.reviews.services import schedule_submit

    owner = User.objects.create_user("bench-exports", password="bench-password-123")
    course = Course.objects.create(
        owner=owner,
        title="Benchmark course",
        weeks=WEEKS,
        start_date=date(2027, 1, 11),
        timezone="Europe/London",
    )
    outcomes = [
        LearningOutcome.objects.create(course=course, text=f"Outcome {n}", position=n)
        for n in range(5)
    ]
    schedule = Schedule.objects.get(course=course)
    links = ActivityBlock.outcomes.through
    links.objects.bulk_create(
        links(activityblock_id=block.pk, learningoutcome_id=outcome.pk)
        for block in create_editor_blocks(schedule)
        for outcome in outcomes[:2]
    )
    schedule_submit(course=course, by=owner)
    client = Client()
    client.force_login(owner)
    urls = {name: f"/reviews/{schedule.pk}/export.{name}" for name in FORMATS}
    timings: dict[str, list[float]] = {name: [] for name in FORMATS}
    sizes: dict[str, int] = {}
    for name, url in urls.items():  # once each first: caches warm, every format works
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        sizes[name] = len(response.content)
    for _ in range(ROUNDS):
        for name, url in urls.items():
            start = time.perf_counter()
            response = client.get(url)
            timings[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    return [
        (
            f"export .{name}, 300 blocks ({sizes[name] / 1024:,.0f} KiB) (median)",
            statistics.median(timings[name]),
            "ms",
            "< 1000 (else a task)",
        )
        for name in FORMATS
    ]


if __name__ == "__main__":
    for row in main():
        print("\t".join(map(str, row)))
