"""Storing a Moodle log's records in the database, and the evidence page over them, on SQLite
and PostgreSQL.

The import core alone is ``bench_pilot_import.py``; this times what the upload task adds:
the same synthetic Moodle log (300 learners, 40 activities, two weeks) uploaded through
``pilot_import_start`` and imported by ``pilot_import_run`` (the task as the worker runs it:
records staged in batches with progress after each, then moved into the course's records in
key order; ``schedules.pilot.staging``), then the same file imported again (every key
already there: nothing stored, nothing counted twice), then the evidence page's figures (also
with the heatmap drawn in a segment's zone) and the mapping page's rows over all of them.

``make bench-pilot`` (or ``python benchmarks/bench_pilot_store.py``) runs 200,000 and
1,000,000 rows on a throwaway SQLite file and, when it answers, on PostgreSQL at
``PILOT_POSTGRES_URL`` (default ``postgres://postgres@127.0.0.1:5432/blendplan_bench_pilot``,
a database it drops and makes again); ``--rows N`` and ``--database-url URL`` choose one run.
Each run is its own process, so that its peak RSS is its own. It prints wall time, the
process's CPU time, the PostgreSQL backend's CPU time (read from /proc: the database server
works for the import too) and the load average, which says how far a shared machine's
figures are a ceiling. Figures go in docs/benchmarks.md ("Pilot imports").
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pilot_import import write_log
from django_setup import setup_django

SIZES = (200_000, 1_000_000)
POSTGRES_URL = os.environ.get(
    "PILOT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/blendplan_bench_pilot"
)


def _maintenance(url: str) -> tuple[str, str]:
    """The server's maintenance database, and the name of the benchmark's own."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def postgres_answers(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(_maintenance(url)[0], connect_timeout=3):
            return True
    except Exception:
        return False


def fresh_postgres(url: str) -> None:
    """Drop and make the benchmark's database (never one the app uses: its own name)."""
    import psycopg

    maintenance, name = _maintenance(url)
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server_cpu(pid: int | None) -> float:
    """CPU seconds of the PostgreSQL backend ``pid`` (0 on SQLite, or where /proc is shut)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(rows: int, database_url: str | None) -> dict[str, Any]:
    """Import a log of ``rows`` rows twice into a fresh database; return the figures."""
    if database_url is not None:
        fresh_postgres(database_url)
    setup_django(database_url)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.files import File
    from django.db import connection

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
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    result: dict[str, Any] = {
        "rows": rows,
        "database": connection.vendor,
        "mb": log.stat().st_size / 1e6,
        "load_before": os.getloadavg()[0],
    }
    for attempt in ("first", "again"):
        with log.open("rb") as handle:
            started, cpu, server = time.perf_counter(), _cpu(), _server_cpu(backend)
            job = pilot_import_start(
                pilot=pilot,
                upload=File(handle, name="log.csv"),
                kind=None,
                uploader_zone="Europe/Berlin",
                by=owner,
            )
            pilot_import_run.call(job.pk)
            result[f"{attempt}_s"] = time.perf_counter() - started
            result[f"{attempt}_cpu_s"] = _cpu() - cpu
            result[f"{attempt}_server_cpu_s"] = _server_cpu(backend) - server
        job.refresh_from_db()
        assert job.state == "finished", job.error
        result[f"{attempt}_added"], result[f"{attempt}_records"] = job.added, job.records
    result["stored"] = PilotRecord.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            result["database_mb"] = cursor.fetchone()[0] / 1e6
    else:
        result["database_mb"] = Path(settings.DATABASES["default"]["NAME"]).stat().st_size / 1e6
    started = time.perf_counter()
    evidence_page(course, pilot, (None, 0.0, 0.0))
    result["evidence_ms"] = (time.perf_counter() - started) * 1000
    for zone in ("America/New_York", "Asia/Kolkata"):
        started = time.perf_counter()
        evidence_page(course, pilot, (None, 0.0, 0.0), zone=zone)
        result[f"evidence_{zone.split('/')[1].lower()}_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    mapping_rows(course, pilot)
    result["mapping_ms"] = (time.perf_counter() - started) * 1000
    result["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["load_after"] = os.getloadavg()[0]
    return result


def run(rows: int, database_url: str | None) -> dict[str, Any]:
    """``measure`` in a process of its own."""
    command = [sys.executable, __file__, "--measure", "--rows", str(rows)]
    if database_url:
        command += ["--database-url", database_url]
    answer = subprocess.run(command, capture_output=True, text=True)
    if answer.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{answer.stderr}")
    figures: dict[str, Any] = json.loads(answer.stdout.splitlines()[-1])
    return figures


def show(figures: dict[str, Any]) -> None:
    f = figures
    print(
        f"{f['database']}, {f['rows']:,} rows ({f['mb']:.0f} MB), load {f['load_before']:.1f}"
        f"→{f['load_after']:.1f}: first import {f['first_s']:.1f} s wall, "
        f"{f['first_cpu_s']:.1f} s CPU (+{f['first_server_cpu_s']:.1f} s server), "
        f"{f['first_added']:,} added; again {f['again_s']:.1f} s wall, "
        f"{f['again_cpu_s']:.1f} s CPU (+{f['again_server_cpu_s']:.1f} s server), "
        f"{f['again_added']:,} added; {f['stored']:,} stored, {f['database_mb']:.0f} MB; "
        f"evidence {f['evidence_ms']:.0f} ms (heatmap in New York {f['evidence_new_york_ms']:.0f}"
        f" ms, Kolkata {f['evidence_kolkata_ms']:.0f} ms), mapping {f['mapping_ms']:.0f} ms; "
        f"peak RSS {f['rss_mib']:.1f} MiB",
        flush=True,
    )


def main(
    sizes: tuple[int, ...] = SIZES, database_urls: tuple[str | None, ...] | None = None
) -> list[tuple[str, float, str, str]]:
    """Run every size on SQLite and (when it answers) PostgreSQL; return ``make bench`` rows."""
    if database_urls is None:
        database_urls = (None, POSTGRES_URL) if postgres_answers(POSTGRES_URL) else (None,)
    table: list[tuple[str, float, str, str]] = []
    for url in database_urls:
        for rows in sizes:
            figures = run(rows, url)
            show(figures)
            name = f"Pilot import stored, {rows:,} rows, {figures['database']}"
            table += [
                (f"{name}: first import", figures["first_s"], "s", "< 60"),
                (f"{name}: peak RSS", figures["rss_mib"], "MiB", "flat"),
            ]
    return table


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="one size (default: 200,000 and 1,000,000)")
    parser.add_argument("--database-url", help="PostgreSQL (default: SQLite, then PostgreSQL)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure(options.rows, options.database_url)))
    else:
        main(
            (options.rows,) if options.rows else SIZES,
            (options.database_url,) if options.database_url else None,
        )
