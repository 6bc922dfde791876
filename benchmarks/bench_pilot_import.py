"""Importing a 1,000,000-row Moodle log: time, and memory that does not grow with the file.

Plain Python, no Django: ``python benchmarks/bench_pilot_import.py`` (``make bench`` runs it
too). A Moodle log of the given rows (300 learners, 40 activities, two weeks, newest first,
Moodle 4's ``dd/mm/yy, HH:MM:SS`` times, realistic descriptions) is written to a temporary
file, then imported in a fresh process, as the upload task will: every record pseudonymised
and keyed, counted. Each size runs in its own process so that its peak RSS is its own; the
file is deleted afterwards. Figures go in docs/benchmarks.md.
"""

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZES = (200_000, 1_000_000)
LEARNERS = 300
ACTIVITIES = 40
START = datetime(2026, 11, 30, 7, 0)
HEADER = (
    "Time,User full name,Affected user,Event context,Component,Event name,Description,"
    "Origin,IP address\n"
)
ABOUT = "The user with id '{u}'"
EVENTS = (
    ("Course module viewed", ABOUT + " viewed the '{m}' activity with course module id '{c}'."),
    ("Post created", ABOUT + " has created the post with id '{c}7' in the discussion '90{c}'."),
    ("Quiz attempt submitted", ABOUT + " has submitted the attempt with id '{c}1' for '{c}'."),
    ("Course viewed", ABOUT + " viewed the course with id '12'."),
)


def write_log(path: Path, rows: int, *, start: datetime = START, days: int = 14) -> None:
    """A synthetic Moodle log of ``rows`` rows, newest first (as Moodle sorts it), spread
    over ``days`` days from ``start`` (two weeks by default: the pilot's)."""
    rng = random.Random(rows)
    names = [f"Learner {n:03d} Example" for n in range(LEARNERS)]
    contexts = [(f"Quiz: Week {n % 2 + 1} check {n}", "quiz", 800 + n) for n in range(ACTIVITIES)]
    # Up to 21:00 on the last day.
    end = start.replace(hour=0, minute=0, second=0) + timedelta(days=days - 1, hours=21)
    span = (end - start).total_seconds()
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for index in range(rows):
            at = start + timedelta(seconds=span * (1 - index / rows))
            user = rng.randrange(LEARNERS)
            context, module, cmid = contexts[rng.randrange(ACTIVITIES)]
            event, description = EVENTS[rng.randrange(len(EVENTS))]
            text = description.format(u=100 + user, m=module, c=cmid)
            out.write(
                f'"{at:%d/%m/%y, %H:%M:%S}",{names[user]},-,"{context}",Quiz,{event},'
                f'"{text}",web,192.0.2.{user % 250}\n'
            )


def measure(path: str) -> None:
    """Import the log at ``path`` and print seconds, records and peak RSS (MiB) as JSON."""
    from schedules.pilot_imports import read

    started = time.perf_counter()
    with open(path, "rb") as stream:
        run = read(
            stream,
            secret=b"benchmark-course-secret-0123456789",
            course_zone="Europe/Berlin",
            uploader_zone="Europe/Berlin",
            course_start=date(2026, 11, 30),
            course_end=date(2026, 12, 13),
            size_limit=1_000_000_000,
        )
        minutes_by_learner: dict[str, int] = {}
        for record in run:
            minutes_by_learner[record.learner] = minutes_by_learner.get(record.learner, 0) + 1
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "records": run.records, "rss_mib": peak}))


def run_size(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"logs_BM101_{rows}.csv"
        write_log(path, rows)
        size = path.stat().st_size
        answer = subprocess.run(
            [sys.executable, __file__, "--measure", str(path)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    result: dict[str, float] = json.loads(answer.stdout)
    assert result["records"] == rows, result
    return {**result, "mb": size / 1_000_000}


def main() -> list[tuple[str, float, str, str]]:
    results = {rows: run_size(rows) for rows in SIZES}
    small, large = results[SIZES[0]], results[SIZES[-1]]
    rows = f"{SIZES[-1]:,} rows"
    return [
        (f"Moodle log import, {rows} ({large['mb']:.0f} MB)", large["seconds"], "s", "< 60"),
        (f"Moodle log import, {rows}: rows per second", SIZES[-1] / large["seconds"], "/s", "—"),
        (f"Moodle log import, peak RSS at {SIZES[0]:,} rows", small["rss_mib"], "MiB", "—"),
        (f"Moodle log import, peak RSS at {rows}", large["rss_mib"], "MiB", "as at 200k"),
    ]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(sys.argv[2])
    else:
        for row in main():
            print("\t".join(str(value) for value in row))
