"""The pilot's pages with a full term of data, against the editor page in the same run.

The pilot issue asks that "the pilot pages render in the editor's time budget with a full
term of data". This builds the editor benchmark's 15-week course (300 blocks: four live
sessions and sixteen self-paced readings a week, ``editor_course.py``) for a cohort of 300
learners in two segments (Berlin and New York), marks all fifteen weeks as its pilot
(``--pilot-weeks 2``: the first two, the rest of the term's data imported all the same),
and imports, through the upload task as the worker runs it:

- our CSV template (``static/pilot/``) with a term of what happened: each live session
  attended by about 60% of the cohort with the minutes each stayed, and each reading opened
  twice by most learners around its due day (about 160,000 rows);
- a Moodle activity completion report of the 240 readings for the 300 learners (72,000
  completion states);
- a 1,000,000-row Moodle log spread over the fifteen weeks (``bench_pilot_import.py``'s
  synthetic log: its 40 quizzes map to no block, as a real log's forum and quiz views often
  do not), unless ``--log-rows 0``.

The activities are then mapped as suggested (each title is its block's), as the instructor
confirms them once. Then, through Django's test client on the full request stack, signed in
as the instructor, it times (medians of ``BENCH_ROUNDS`` rounds, pages taken in turn) the
pilot page, the evidence page (and its heatmap in the New York segment's zone, whole page
and the htmx fragment), the mapping page (viewed again; first in a process, its
suggestions read from the import; after the blend changed, its suggestions worked out and
kept again) and the privacy page, next to the editor page of the same course.
``python benchmarks/bench_pilot_pages.py`` (SQLite) or ``--database-url postgres://…`` (a
database it drops and makes again). Results in docs/benchmarks.md
("Pilot imports").
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pilot_import import write_log
from bench_pilot_store import fresh_postgres
from django_setup import setup_django
from editor_course import BLOCKS_PER_WEEK, WEEKS, create_editor_blocks

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
LEARNERS = 300
START = date(2027, 1, 11)  # a Monday
# The editor benchmark's budget for its page (bench_editor.py).
EDITOR_BUDGET_MS = 50


def _name(number: int) -> str:
    return f"Term Learner {number:03d}"


def write_term(folder: Path) -> tuple[Path, Path]:
    """Write the term's CSV template and completion report; return their paths."""
    rng = random.Random(2027)
    activity = folder / "term-activity.csv"
    completion = folder / "term-completion.csv"
    header = ['""', '"Email address"']
    states: dict[int, list[str]] = {n: [] for n in range(LEARNERS)}
    with activity.open("w", encoding="utf-8", newline="") as out:
        out.write("learner,activity,timestamp,minutes,score\n")
        for week in range(1, WEEKS + 1):
            monday = datetime.combine(START, datetime.min.time()) + timedelta(weeks=week - 1)
            for index in range(BLOCKS_PER_WEEK):
                title = f"Block {week}.{index}"
                day = monday + timedelta(days=index % 7)
                if index < 4:  # live, as editor_course.py lays them out
                    start = day + timedelta(hours=8 + index * 2 + index // 7)
                    for number in rng.sample(range(LEARNERS), int(LEARNERS * 0.6)):
                        late = rng.choice((0, 0, 2, 5, 10))
                        minutes = max(60 - late - rng.choice((0, 0, 15)), 10)
                        at = start + timedelta(minutes=late)
                        out.write(f"{_name(number)},{title},{at:%Y-%m-%dT%H:%M},{minutes},\n")
                    continue
                due = day  # due_day = index % 7 in editor_course.py
                header += [f'"{title}"', f'"{due:%Y-%m-%d} 23:59:00"']
                for number in range(LEARNERS):
                    worked = due + timedelta(
                        days=rng.choice((-2, -1, 0, 0, 1)),
                        hours=rng.choice((12, 19, 20, 21)),
                        minutes=rng.randrange(60),
                    )
                    if rng.random() < 0.9:
                        for later in (0, 25):
                            at = worked + timedelta(minutes=later)
                            out.write(f"{_name(number)},{title},{at:%Y-%m-%dT%H:%M},,\n")
                    if rng.random() < 0.8:
                        states[number] += ['"Completed"', f'"{worked:%Y-%m-%d %H:%M:%S}"']
                    else:
                        states[number] += ['"Not completed"', '""']
    with completion.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        for number, cells in states.items():
            email = f'"learner{number:03d}@example.edu"'
            out.write(",".join([f'"{_name(number)}"', email, *cells]) + "\n")
    return activity, completion


def _interleaved(calls: dict[str, Any], rounds: int) -> dict[str, float]:
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in timings.items()}


def build(
    database_url: str | None, log_rows: int, pilot_weeks: int = WEEKS
) -> tuple[dict[str, Any], int]:
    """Make the course, import its term and map it; return a GET callable per page (the
    editor page first) and the number of records stored."""
    if database_url is not None:
        fresh_postgres(database_url)
    # The slow-request warnings of the pages under study are not the benchmark's output.
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    setup_django(database_url)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.files import File
    from django.test import Client

    from courses.models import Course, LearnerProfile, LearnerSegment
    from schedules.models import Pilot, PilotRecord, Schedule
    from schedules.pilot import services
    from schedules.pilot.evidence import mapping_rows
    from schedules.pilot.imports import pilot_import_run, pilot_import_start

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    folder = Path(tempfile.mkdtemp())
    settings.PILOT_UPLOAD_DIR = str(folder / "uploads")
    owner = User.objects.create_user("bench-pilot-pages", password="bench-password-123")
    course = Course.objects.create(
        owner=owner,
        title="A full term",
        weeks=WEEKS,
        start_date=START,
        timezone="Europe/Berlin",
        cohort_size=LEARNERS,
    )
    profile = LearnerProfile.objects.create(course=course)
    LearnerSegment.objects.create(
        profile=profile, name="Berlin", head_count=200, timezone="Europe/Berlin"
    )
    LearnerSegment.objects.create(
        profile=profile, name="New York", head_count=100, timezone="America/New_York"
    )
    schedule, _ = Schedule.objects.get_or_create(course=course)
    create_editor_blocks(schedule)
    pilot = Pilot.objects.create(schedule=schedule, first_week=1, last_week=pilot_weeks)

    files = list(write_term(folder))
    if log_rows:
        log = folder / "term-log.csv"
        write_log(log, log_rows, start=datetime.combine(START, time_of_day(7)), days=WEEKS * 7)
        files.append(log)
    started = time.perf_counter()
    for path in files:
        with path.open("rb") as handle:
            job = pilot_import_start(
                pilot=pilot,
                upload=File(handle, name=path.name),
                kind=None,
                uploader_zone="Europe/Berlin",
                by=owner,
            )
            pilot_import_run.call(job.pk)
        job.refresh_from_db()
        assert job.state == "finished", (path.name, job.error)
        print(
            f"imported {path.name}: {job.records:,} records read, {job.added:,} added",
            file=sys.stderr,
        )
    print(f"imports took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    rows, _blocks = mapping_rows(course, pilot)
    chosen = {row.activity.pk: row.suggestion.block_id for row in rows}
    mapped = sum(block is not None for block in chosen.values())
    services.pilot_mapping_save(pilot=pilot, chosen=chosen)
    stored = PilotRecord.objects.filter(pilot=pilot).count()
    print(
        f"{len(rows)} activities, {mapped} mapped to blocks; {stored:,} records stored",
        file=sys.stderr,
    )

    client = Client()
    client.force_login(owner)
    base = f"/courses/{course.pk}"
    pages = {
        "editor page (the budget's page)": (f"{base}/blend/", {}),
        "pilot page": (f"{base}/pilot/", {}),
        "evidence page": (f"{base}/pilot/evidence/", {}),
        "evidence page, heatmap in New York": (
            f"{base}/pilot/evidence/?zone=America/New_York",
            {},
        ),
        "heatmap fragment (htmx), New York": (
            f"{base}/pilot/evidence/?zone=America/New_York",
            {"HX-Request": "true", "HX-Target": "pilot-heatmap"},
        ),
        "mapping page": (f"{base}/pilot/mapping/", {}),
        "mapping page, first view in a process (suggestions kept on the import)": (
            f"{base}/pilot/mapping/",
            {},
        ),
        "mapping page after the blend changed (suggestions worked out and kept again)": (
            f"{base}/pilot/mapping/",
            {},
        ),
        "privacy page": ("/pilot/privacy/", {}),
    }

    from schedules.models import PilotImport
    from schedules.pilot.mapping import forget_suggestions

    def getter(url: str, headers: dict[str, str], cold: bool = False, stale: bool = False) -> Any:
        def get() -> int:
            if cold or stale:
                forget_suggestions()
            if stale:  # as a renamed or moved block makes the kept suggestions' key differ
                PilotImport.objects.filter(pilot=pilot).update(suggested={})
            response = client.get(url, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return len(response.content)

        return get

    return {
        name: getter(url, headers, cold="first view" in name, stale="blend changed" in name)
        for name, (url, headers) in pages.items()
    }, stored


def measure(database_url: str | None, log_rows: int, pilot_weeks: int) -> dict[str, Any]:
    """Build the term, time the pages; return their medians (ms) with what was measured."""
    from django.db import connection

    calls, stored = build(database_url, log_rows, pilot_weeks)
    # Warm (templates compiled, kept facts filled), and each page's size.
    sizes = {name: call() for name, call in calls.items()}
    return {
        "database": connection.vendor,
        "pilot_weeks": pilot_weeks,
        "records": stored,
        "load": os.getloadavg()[0],
        "medians": _interleaved(calls, ROUNDS),
        "sizes": sizes,
    }


def show(figures: dict[str, Any]) -> None:
    """Print ``measure``'s figures as a Markdown table."""
    medians = figures["medians"]
    print(
        f"\n{figures['database']}, a {WEEKS}-week term's data, a {figures['pilot_weeks']}-week"
        f" pilot, {LEARNERS} learners, {figures['records']:,} records,"
        f" load {figures['load']:.1f}; medians of {ROUNDS} rounds"
    )
    editor = medians["editor page (the budget's page)"]
    print("| Page | Median ms | Against the editor page | Budget | Size |")
    print("|---|---|---|---|---|")
    for name, ms in medians.items():
        size = f"{figures['sizes'][name] / 1024:,.0f} KiB"
        print(f"| {name} | {ms:.1f} | {ms / editor:.2f}× | < {EDITOR_BUDGET_MS} ms | {size} |")


def main() -> list[tuple[str, float, str, str]]:
    """``make bench``'s rows: the pages of a whole-term pilot and of a two-week pilot in the
    same term's data, on SQLite, each built and timed in a process of its own."""
    rows = []
    for weeks in (WEEKS, 2):
        command = [sys.executable, __file__, "--pilot-weeks", str(weeks), "--json"]
        answer = subprocess.run(command, capture_output=True, text=True)
        if answer.returncode:
            raise SystemExit(f"{' '.join(command)} failed:\n{answer.stderr}")
        figures = json.loads(answer.stdout.splitlines()[-1])
        show(figures)
        for name, ms in figures["medians"].items():
            if not name.startswith("editor page"):
                rows.append((f"Pilot {name}, {weeks}-week pilot in a term", ms, "ms", "< 50"))
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL (default: a throwaway SQLite file)")
    parser.add_argument(
        "--log-rows", type=int, default=1_000_000, help="rows of Moodle log (default 1,000,000)"
    )
    parser.add_argument(
        "--pilot-weeks",
        type=int,
        default=WEEKS,
        help=f"the pilot's weeks from week 1 (default {WEEKS}: the whole term)",
    )
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    figures = measure(options.database_url, options.log_rows, options.pilot_weeks)
    if options.json:
        print(json.dumps(figures))
    else:
        show(figures)
