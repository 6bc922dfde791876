"""20 writers at once on one SQLite file, as under ``runserver``: none is told "database is
locked", and every row they wrote is there.

The suite's own SQLite database is in memory, so the check runs
``benchmarks/sqlite_writers.py`` in a subprocess on a new file (WAL, the app's settings). It
asserts no errors and no missing rows, never a duration. With the 5-second busy timeout of
before, this load lost writes (docs/benchmarks.md).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_twenty_concurrent_writers_on_sqlite_all_commit(tmp_path):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'writers.sqlite3'}",
    }
    environment.pop("SQLITE_BUSY_TIMEOUT", None)

    result = subprocess.run(
        [sys.executable, "benchmarks/sqlite_writers.py", "--writers", "20", "--writes", "10"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == {}
    assert report["written"] == report["expected"] == 200
