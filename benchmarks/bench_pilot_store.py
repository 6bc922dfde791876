"""Storing a Moodle log's records in the database, and the evidence page over them, on SQLite.

The import core alone is ``bench_pilot_import.py``; this times what the upload task adds:
the same synthetic Moodle log (300 learners, 40 activities, two weeks) uploaded through
``pilot_import_start`` and imported by ``pilot_import_run`` (the task as the worker runs it:
every record stored with its unique key in batches, progress written after each), then the
same file imported again (every key already there: nothing stored, nothing counted twice),
then the evidence page's figures over all of them (``evidence_page``: heatmap, sessions,
completion and hours, grouped in the database), and with the heatmap also drawn in a
segment's zone. ``--rows N`` (default 200,000). Figures go
in docs/benchmarks.md ("Pilot imports").
"""

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pilot_import import write_log
from django_setup import setup_django


def main(rows: int) -> None:
    setup_django()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.files import File

    from courses.models import Course
    from schedules.models import Pilot, PilotRecord, Schedule
    from schedules.pilot.evidence import evidence_page, mapping_rows
    from schedules.pilot.imports import pilot_import_run, pilot_import_start

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    folder = Path(tempfile.mkdtemp())
    settings.PILOT_UPLOAD_DIR = str(folder / "uploads")
    owner = User.objects.create_user("bench-pilot", password="bench-password-123")
    course = Course.objects.create(
        owner=owner,
        title="Bench",
        weeks=2,
        start_date=date(2026, 11, 30),
        timezone="Europe/Berlin",
        cohort_size=300,
    )
    schedule, _ = Schedule.objects.get_or_create(course=course)
    pilot = Pilot.objects.create(schedule=schedule, first_week=1, last_week=2)
    log = folder / "log.csv"
    write_log(log, rows)
    print(f"{rows:,} rows, {log.stat().st_size / 1e6:.0f} MB")
    for attempt in ("first import", "same file again"):
        with log.open("rb") as handle:
            started = time.perf_counter()
            job = pilot_import_start(
                pilot=pilot,
                upload=File(handle, name="log.csv"),
                kind=None,
                uploader_zone="Europe/Berlin",
                by=owner,
            )
            pilot_import_run.call(job.pk)
            took = time.perf_counter() - started
        job.refresh_from_db()
        print(
            f"{attempt}: {took:.1f} s ({rows / took:,.0f} rows/s), {job.state}, "
            f"{job.added:,} added of {job.records:,}"
        )
    print(f"records stored: {PilotRecord.objects.count():,}")
    print(f"database: {Path(settings.DATABASES['default']['NAME']).stat().st_size / 1e6:.0f} MB")
    started = time.perf_counter()
    evidence_page(course, pilot, (None, 0.0, 0.0))
    print(f"evidence page figures: {(time.perf_counter() - started) * 1000:.0f} ms")
    for zone in ("America/New_York", "Asia/Kolkata"):
        started = time.perf_counter()
        evidence_page(course, pilot, (None, 0.0, 0.0), zone=zone)
        took = (time.perf_counter() - started) * 1000
        print(f"evidence page figures, heatmap also in {zone}: {took:.0f} ms")
    started = time.perf_counter()
    mapping_rows(course, pilot)
    print(f"mapping page rows: {(time.perf_counter() - started) * 1000:.0f} ms")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    main(parser.parse_args().rows)
