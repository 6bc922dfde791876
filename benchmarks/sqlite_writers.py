"""Many writers at once on one SQLite file: does any of them get "database is locked"?

``python benchmarks/sqlite_writers.py --writers 20 --writes 25`` starts 20 threads (as
``runserver`` serves requests, one thread each), each with its own database connection and
its own course, released together. Each makes ``--writes`` write transactions through the
service layer, as a request that edits a course would: add an outcome (the course's
recommendation is recomputed and stored) and a block (``editor.services.block_add``), in
one IMMEDIATE transaction. It prints one JSON line: rows written, errors by message,
seconds, transactions per second, and the median and longest transaction as its writer saw
it (waiting for the lock included). It exits with status 1 when any write failed or a row
is missing.

``--pause S`` makes each writer rest between its transactions (a random 0 to 2·S seconds,
S on average), as people do between saves: 20 writers with ``--pause 1`` offer about 20
transactions a second. Without it, every writer writes again at once: the database is
saturated, and how long a writer waits then depends on how long the load lasts, because
SQLite's waiting writers poll for the lock rather than queue for it.

The database is a new SQLite file in a temporary folder, unless ``DATABASE_URL`` names one;
``SQLITE_BUSY_TIMEOUT`` sets the seconds a writer waits for the lock (see settings.py).
tests/blendplan/test_sqlite_writers.py runs it; docs/benchmarks.md records its figures.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup(database_url: str | None) -> None:
    """Configure Django on ``database_url`` (a new temporary SQLite file if None), migrated."""
    if database_url is None:
        database_url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'writers.sqlite3'}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blendplan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_courses(count: int) -> list[Any]:
    """Return ``count`` new courses (each with its draft schedule), one per writer."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from courses.services import course_create

    owner, _ = get_user_model().objects.get_or_create(username="writers-owner")
    return [
        course_create(
            owner=owner,
            title=f"Writers {n}",
            code=f"WRT {n:03d}",
            weekly_hours=Decimal(6),
            weeks=12,
            cohort_size=30,
            live_hours_available=Decimal(4),
        )
        for n in range(count)
    ]


def write(
    course_id: int,
    writes: int,
    pause: float,
    start: threading.Barrier,
    errors: list[str],
    waits: list[float],
) -> None:
    """Make ``writes`` transactions on the course, each adding an outcome and a block."""
    from django.db import connection, transaction

    from courses.choices import BloomLevel, ObjectiveKind
    from courses.models import Course
    from courses.services import outcome_add
    from schedules.editor.services import block_add
    from schedules.models import Schedule
    from schedules.rules.choices import ActivityType, Modality, Weekday

    try:
        schedule = Schedule.objects.get(course_id=course_id)
        course = Course.objects.get(pk=course_id)
        start.wait()
        for n in range(writes):
            time.sleep(random.uniform(0, 2 * pause))
            began = time.perf_counter()
            try:
                with transaction.atomic():
                    # An outcome changes the course: its recommendation is recomputed and stored.
                    outcome_add(
                        course=course,
                        text=f"Outcome {n}",
                        bloom_level=BloomLevel.APPLY,
                        kind=ObjectiveKind.INTERACTIVE_SKILL_MASTERY,
                    )
                    block_add(
                        schedule=schedule,
                        title=f"Reading {n}",
                        modality=Modality.SELF_PACED,
                        activity_type=ActivityType.READING,
                        day=Weekday.MONDAY,
                        duration_minutes=30,
                        due_day=Weekday.WEDNESDAY,
                    )
            except Exception as error:  # Counted and reported: that is the point.
                errors.append(f"{type(error).__name__}: {error}")
            waits.append(time.perf_counter() - began)
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--writes", type=int, default=25, help="Transactions per writer.")
    parser.add_argument(
        "--pause", type=float, default=0.0, help="Average seconds between a writer's writes."
    )
    arguments = parser.parse_args()
    setup(os.environ.get("DATABASE_URL"))
    from django.conf import settings

    from schedules.models import ActivityBlock

    courses = make_courses(arguments.writers)
    errors: list[str] = []
    waits: list[float] = []
    start = threading.Barrier(arguments.writers + 1)
    threads = [
        threading.Thread(
            target=write,
            args=(course.pk, arguments.writes, arguments.pause, start, errors, waits),
        )
        for course in courses
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    written = ActivityBlock.objects.filter(schedule__course__in=courses).count()
    expected = arguments.writers * arguments.writes
    report = {
        "writers": arguments.writers,
        "writes_each": arguments.writes,
        "pause_s": arguments.pause,
        "busy_timeout_s": settings.DATABASES["default"]["OPTIONS"].get("timeout"),
        "written": written,
        "expected": expected,
        "errors": dict(Counter(errors)),
        "seconds": round(seconds, 2),
        "transactions_per_second": round(written / seconds, 1),
        "median_transaction_s": round(statistics.median(waits), 3),
        "longest_transaction_s": round(max(waits), 2),
    }
    print(json.dumps(report))
    sys.exit(0 if not errors and written == expected else 1)


if __name__ == "__main__":
    main()
