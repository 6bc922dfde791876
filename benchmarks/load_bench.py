"""The load benchmark (``make bench-load``): gunicorn on SQLite and on PostgreSQL, a realistic
mix of pages under locust, and the same server's /health/ throughput in the same run.

For each database (PostgreSQL only when it answers on LOAD_POSTGRES_URL): a fresh database,
migrated and filled by ``load/seed_load.py`` (one 300-block course per user), gunicorn with
LOAD_WORKERS sync workers on loopback, then locust headless for LOAD_SECONDS with
LOAD_USERS users asking without pause (the mix of ``load/locustfile.py``), then as many
users asking only for /health/. Prints, per page, requests per second, p50/p95/p99 and
errors, and the checks the operations issue sets: the mix at 1/15 of /health/ or better,
no page's p95 above twice the editor page's, no errors.

Bounded: every run has a time limit, the servers are ended as a process group, and
nothing listens beyond 127.0.0.1. Not part of the test suite (never a timed test).
"""

import contextlib
import csv
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.blendplan.two_servers import (  # noqa: E402
    Server,
    manage,
    scratch_database,
    server_environment,
    wait_until_healthy,
)
from tests.blendplan.two_servers import free_port as _free_port  # noqa: E402

USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = int(os.environ.get("LOAD_WORKERS", "4"))
POSTGRES_URL = os.environ.get("LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/blendplan")
LOCUSTFILE = ROOT / "benchmarks" / "load" / "locustfile.py"


@dataclass(frozen=True)
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


def start_gunicorn(env: dict[str, str], log: Path) -> Server:
    port = _free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "blendplan.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env={**env, "LOG_LEVEL": "WARNING"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(port=port, process=process, log=log)


def locust(server: Server, env: dict[str, str], prefix: Path, *classes: str) -> list[Row]:
    """Run locust headless against ``server`` with the user classes named; return its rows."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(max(USERS // 5, 1)),
            "--run-time",
            f"{SECONDS}s",
            "--stop-timeout",
            "10",
            "--host",
            server.url,
            "--csv",
            str(prefix),
            "--only-summary",
            # Statistics from when every user is signed in: the mix, not the sign-ins.
            "--reset-stats",
            "--loglevel",
            "WARNING",
            *classes,
        ],
        cwd=ROOT,
        env=env,
        check=False,
        timeout=SECONDS + 120,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    rows = []
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for line in csv.DictReader(stats):
            rows.append(
                Row(
                    name=line["Name"],
                    requests=int(line["Request Count"]),
                    failures=int(line["Failure Count"]),
                    rps=float(line["Requests/s"]),
                    p50=float(line["50%"] or 0),
                    p95=float(line["95%"] or 0),
                    p99=float(line["99%"] or 0),
                )
            )
    return rows


@contextlib.contextmanager
def database(engine: str, workdir: Path) -> Iterator[str]:
    if engine == "sqlite":
        yield f"sqlite:///{workdir / 'load.sqlite3'}"
    else:
        with scratch_database(POSTGRES_URL) as url:
            yield url


def postgres_answers() -> bool:
    """Whether the PostgreSQL server of LOAD_POSTGRES_URL answers (its maintenance database:
    the benchmark makes a database of its own there)."""
    parts = urllib.parse.urlsplit(POSTGRES_URL)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        import psycopg

        with psycopg.connect(maintenance, connect_timeout=3):
            return True
    except Exception:
        return False


def run(engine: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, database(engine, Path(tmp)) as url:
        workdir = Path(tmp)
        env = server_environment(url)
        manage("migrate", "--no-input", env=env, timeout=600)
        seed = workdir / "seed.json"
        started = time.monotonic()
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "load" / "seed_load.py"), str(seed)],
            cwd=ROOT,
            env={**env, "LOAD_USERS": str(USERS)},
            check=True,
            timeout=1200,
        )
        print(f"  seeded {USERS} courses of 300 blocks in {time.monotonic() - started:.0f} s")
        server = start_gunicorn(env, workdir / "gunicorn.log")
        try:
            wait_until_healthy(server, deadline=time.monotonic() + 60)
            load_env = {**os.environ, "LOAD_SEED": str(seed)}
            mix = locust(server, load_env, workdir / "mix", "Instructor", "Reviewer")
            health = locust(server, load_env, workdir / "health", "Health")
        finally:
            server.stop()
    report(engine, mix, health)


def report(engine: str, mix: list[Row], health: list[Row]) -> None:
    pages = [row for row in mix if row.name != "Aggregated" and not row.name.startswith("sign")]
    aggregated = next(row for row in mix if row.name == "Aggregated")
    # The mix's throughput and errors are its pages' (sign-ins excluded); its percentiles are
    # locust's over every request.
    total = Row(
        "the mix",
        sum(row.requests for row in pages),
        sum(row.failures for row in pages),
        sum(row.rps for row in pages),
        aggregated.p50,
        aggregated.p95,
        aggregated.p99,
    )
    health_total = next(row for row in health if row.name == "Aggregated")
    print(f"\n### {engine}: {USERS} users, {SECONDS} s, gunicorn --workers {WORKERS}\n")
    print("| Page | Requests | Errors | Req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for row in sorted(pages, key=lambda row: -row.p95):
        print(
            f"| {row.name} | {row.requests} | {row.failures} | {row.rps:.1f} | "
            f"{row.p50:.0f} | {row.p95:.0f} | {row.p99:.0f} |"
        )
    print(
        f"| **the mix** | {total.requests} | {total.failures} | {total.rps:.1f} | "
        f"{total.p50:.0f} | {total.p95:.0f} | {total.p99:.0f} |"
    )
    print(
        f"| /health/ alone | {health_total.requests} | {health_total.failures} | "
        f"{health_total.rps:.1f} | {health_total.p50:.0f} | {health_total.p95:.0f} | "
        f"{health_total.p99:.0f} |"
    )
    ratio = health_total.rps / total.rps if total.rps else float("inf")
    editor = next((row for row in pages if row.name.startswith("editor page")), None)
    worst = max(pages, key=lambda row: row.p95)
    print()
    print(f"- the mix runs at 1/{ratio:.1f} of /health/ (target: 1/15 or better)")
    if editor is not None:
        print(
            f"- slowest p95: {worst.name}, {worst.p95:.0f} ms = "
            f"{worst.p95 / editor.p95:.1f}× the editor page's {editor.p95:.0f} ms (target ≤ 2×)"
        )
    print(f"- errors: {total.failures} (target 0)")


def main() -> None:
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    wanted = os.environ.get("LOAD_ENGINES", "sqlite,postgresql").split(",")
    engines = [e for e in ("sqlite", "postgresql") if e in wanted]
    if "postgresql" in engines and not postgres_answers():
        engines.remove("postgresql")
    if "postgresql" in wanted and "postgresql" not in engines:
        print(f"(PostgreSQL does not answer on {POSTGRES_URL}: SQLite only)")
    for engine in engines:
        print(f"\n{engine}:")
        run(engine)


if __name__ == "__main__":
    main()
