"""Backups of the configured database, and restoring them: ``manage.py backup`` / ``restore``.

PostgreSQL is dumped with ``pg_dump --format=custom`` (a consistent snapshot, taken in one
transaction while the app keeps writing) and restored with ``pg_restore --clean --if-exists
--no-owner --single-transaction``. SQLite is copied with sqlite3's online backup API
(``sqlite3.Connection.backup``) both ways: a consistent copy that includes what still sits in
the ``-wal`` file, taken while the app keeps writing.

A restore never leaves a half-restored database. The file is checked first (its engine, and
that it reads: ``pg_restore --list``, SQLite's ``PRAGMA integrity_check``), and then it is
copied in one transaction of the database itself: pg_restore's ``--single-transaction`` (a
failure half-way rolls back the drops and the loads), and for SQLite one
``sqlite3_backup_step(-1)``, which writes every page inside a single write transaction on the
destination. Restoring into a temporary database and swapping it in was not chosen: renaming
a PostgreSQL database needs every connection to it closed and the CREATEDB privilege, and
swapping an SQLite file under running app servers (with its ``-wal`` and ``-shm`` files) can
corrupt it, while the engines' own transactions give the same all-or-nothing result.

Connection details for PostgreSQL go to the client tools through the environment
(``PGHOST``, ``PGPASSWORD``…), never on the command line, where other users of the machine
could read them.
"""

import os
import re
import sqlite3
import subprocess
from collections.abc import Mapping
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

Engine = Literal["sqlite", "postgresql"]

PREFIX = "blendplan-"
SUFFIXES: dict[Engine, str] = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
# The first bytes of each engine's backup file: SQLite's file header, pg_dump's custom format.
MAGIC: dict[Engine, bytes] = {"sqlite": b"SQLite format 3\x00", "postgresql": b"PGDMP"}
ENGINE_NAMES: dict[Engine, str] = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_WITH_ARTICLE: dict[Engine, str] = {"sqlite": "an SQLite", "postgresql": "a PostgreSQL"}
# Only files this module named are counted (and removed) by the retention.
_BACKUP_NAME = re.compile(r"blendplan-\d{8}T\d{6}Z\.(sqlite3|pgdump)")


class BackupError(Exception):
    """A backup or restore that was not done; the message says why, as a sentence."""


def engine_of(settings_dict: Mapping[str, Any]) -> Engine:
    """Return which engine a ``DATABASES`` entry uses; BackupError for any other."""
    engine = str(settings_dict["ENGINE"])
    if engine == "django.db.backends.sqlite3":
        return "sqlite"
    if engine == "django.db.backends.postgresql":
        return "postgresql"
    raise BackupError(f"Backups cover SQLite and PostgreSQL only, not {engine}.")


def database_label(settings_dict: Mapping[str, Any]) -> str:
    """Return the database as a person would name it: its file, or its name and host."""
    if engine_of(settings_dict) == "sqlite":
        return str(settings_dict["NAME"])
    host = settings_dict.get("HOST") or "localhost"
    return f"PostgreSQL database {settings_dict['NAME']} on {host}"


def backup_create(*, settings_dict: Mapping[str, Any], directory: Path, now: datetime) -> Path:
    """Write a backup of the database into ``directory`` and return its path.

    The file is named after ``now`` in UTC (``blendplan-20270111T031500Z.sqlite3`` or
    ``.pgdump``), and is written under a ``.partial`` name first, so a backup that fails
    half-way never looks like a finished one.
    """
    engine = engine_of(settings_dict)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{PREFIX}{now.astimezone(UTC):%Y%m%dT%H%M%SZ}{SUFFIXES[engine]}"
    if target.exists():
        raise BackupError(f"{target} already exists: one backup per second at most.")
    partial = target.with_name(target.name + ".partial")
    try:
        if engine == "sqlite":
            _sqlite_backup(settings_dict, partial)
        else:
            _pg_run(["pg_dump", "--format=custom", f"--file={partial}"], settings_dict)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def backups_prune(*, directory: Path, engine: Engine, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups of ``engine`` in ``directory``; return them.

    Newest by the time in the name (UTC), not the file's modification time, which copying
    the folder elsewhere changes. Files this module did not name are left alone.
    """
    if keep < 1:
        raise BackupError("Keep at least one backup (--keep 1 or more).")
    backups = sorted(
        path
        for path in directory.glob(f"{PREFIX}*{SUFFIXES[engine]}")
        if _BACKUP_NAME.fullmatch(path.name)
    )
    removed = backups[:-keep]
    for path in removed:
        path.unlink()
    return removed


def backup_check(*, settings_dict: Mapping[str, Any], path: Path) -> None:
    """Raise BackupError unless ``path`` is a readable backup for this database's engine."""
    engine = engine_of(settings_dict)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    with path.open("rb") as file:
        head = file.read(len(MAGIC["sqlite"]))
    found = next((name for name, magic in MAGIC.items() if head.startswith(magic)), None)
    if found is None:
        raise BackupError(
            f"{path} is not a BlendPlan backup: it is neither an SQLite database nor a "
            "pg_dump custom-format file."
        )
    if found != engine:
        raise BackupError(
            f"{path} is a backup of {_WITH_ARTICLE[found]} database, but this BlendPlan "
            f"uses {ENGINE_NAMES[engine]}. Restore it where DATABASE_URL names "
            f"{_WITH_ARTICLE[found]} database."
        )
    if engine == "sqlite":
        _sqlite_check(path)
    else:
        _pg_run(["pg_restore", "--list", str(path)], settings_dict, what=f"reading {path}")


def backup_restore(*, settings_dict: Mapping[str, Any], path: Path) -> None:
    """Replace the database's contents with the backup at ``path``, all or nothing.

    Raises BackupError, with the database untouched, for a missing, damaged or other
    engine's file, and for a restore that fails half-way.
    """
    backup_check(settings_dict=settings_dict, path=path)
    if engine_of(settings_dict) == "sqlite":
        with (
            closing(sqlite3.connect(_read_only_uri(path), uri=True)) as source,
            closing(_sqlite_connect(settings_dict)) as database,
        ):
            try:
                source.backup(database)
            except sqlite3.Error as error:
                raise BackupError(f"Restoring {path} failed: {error}.") from error
    else:
        _pg_run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={settings_dict['NAME']}",
                str(path),
            ],
            settings_dict,
            what=f"restoring {path}",
        )


def _sqlite_connect(settings_dict: Mapping[str, Any]) -> sqlite3.Connection:
    """Open the configured SQLite database as the app does (its busy timeout included)."""
    name = str(settings_dict["NAME"])
    timeout = float(settings_dict.get("OPTIONS", {}).get("timeout", 5))
    return sqlite3.connect(name, timeout=timeout, uri=name.startswith("file:"))


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def _sqlite_backup(settings_dict: Mapping[str, Any], target: Path) -> None:
    name = str(settings_dict["NAME"])
    if not name.startswith("file:") and not Path(name).is_file():
        raise BackupError(f"There is no SQLite database at {name} to back up.")
    with (
        closing(_sqlite_connect(settings_dict)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        # All pages in one step: one read transaction, so one consistent snapshot, while
        # the app's writers carry on (WAL readers do not block writers).
        source.backup(copy)
        # A backup is one self-contained file, not a WAL database with a -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")


def _sqlite_check(path: Path) -> None:
    try:
        with closing(sqlite3.connect(_read_only_uri(path), uri=True)) as backup:
            problems = [row[0] for row in backup.execute("PRAGMA integrity_check")]
            migrations = backup.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is damaged; SQLite says: {error}.") from error
    if problems != ["ok"]:
        raise BackupError(f"{path} is damaged; SQLite says: {'; '.join(problems[:3])}.")
    if migrations is None:
        raise BackupError(f"{path} is an SQLite database but not a BlendPlan backup.")


def _pg_environment(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    """Return the environment that points libpq's tools at the database (password included)."""
    environment = dict(os.environ)
    options = settings_dict.get("OPTIONS", {})
    sources = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    environment.update({name: str(value) for name, value in sources.items() if value})
    return environment


def _pg_run(command: list[str], settings_dict: Mapping[str, Any], *, what: str = "") -> None:
    """Run a PostgreSQL client tool against the database; BackupError with its message."""
    try:
        result = subprocess.run(
            command, env=_pg_environment(settings_dict), capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} was not found. Install the PostgreSQL client tools (the server's "
            "major version or newer) and make sure they are on the PATH."
        ) from error
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        detail = "; ".join(message[:3]) or f"exit status {result.returncode}"
        raise BackupError(f"{command[0]} failed {what or 'backing up'}: {detail}.")
