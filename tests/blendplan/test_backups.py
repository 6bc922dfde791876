"""Backups that are known to restore: a populated database, backed up and restored into a
fresh one, holds the same rows in every table; retention keeps the newest N.

The round trip runs on the engine the suite runs on (SQLite in memory by default,
PostgreSQL with ``DATABASE_URL=postgres://…``), so CI's two runs cover both engines.
"""

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from django.db.utils import load_backend

from blendplan.backups import BackupError, backup_create, backup_restore, backups_prune
from courses.models import Course
from schedules.demo import DEMO_COURSES
from schedules.reviews.services import schedule_submit
from tests.factories import (
    ActivityBlockFactory,
    ApiTokenFactory,
    CourseFactory,
    FindingDismissalFactory,
    LearningOutcomeFactory,
    ReviewCommentFactory,
    UserFactory,
)

# pg_dump and the SQLite backup API read committed rows from their own connection.
pytestmark = pytest.mark.django_db(transaction=True)

MOMENT = datetime(2027, 1, 11, 3, 15, tzinfo=UTC)


def populate() -> None:
    """Fill the database as a pilot would: the demo, a submitted version, unicode text."""
    call_command("seed_demo", force=True, verbosity=0)
    course = Course.objects.get(code=DEMO_COURSES[0].course["code"])
    version = schedule_submit(course=course, by=course.owner)
    ReviewCommentFactory(version=version, body="Très bien — ajoutez une date 📅 pour la lecture.")
    owner = UserFactory(username="zoë", first_name="Zoë", last_name="Ångström", instructor=True)
    other = CourseFactory(owner=owner, title="Ökologie – Feldübungen 🌿", code="ÖKO 101")
    outcome = LearningOutcomeFactory(course=other, text="Bestimme Flechten im Gelände")
    ActivityBlockFactory(
        schedule=other.schedule,
        live=True,
        title="Seminar 討論",
        start_time=time(9),
        outcomes=[outcome],
    )
    FindingDismissalFactory(schedule=other.schedule, reason="Lecture facultative ✓")
    ApiTokenFactory(user=owner, name="LMS-Brücke")
    session = SessionStore()
    session["note"] = "naïve"
    session.create()


def table_rows(settings_dict: Mapping[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Return every table's rows, ordered by primary key, read through a new connection."""
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(dict(settings_dict))
    try:
        with wrapper.cursor() as cursor:
            rows = {}
            for table in sorted(wrapper.introspection.table_names(cursor)):
                columns = wrapper.introspection.get_primary_key_columns(cursor, table)
                order = ", ".join(wrapper.ops.quote_name(column) for column in columns or [])
                cursor.execute(
                    f"SELECT * FROM {wrapper.ops.quote_name(table)} ORDER BY {order or 1}"
                )
                rows[table] = cursor.fetchall()
            return rows
    finally:
        wrapper.close()


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Yield the settings of a new, empty database of the suite's engine; drop it after."""
    settings_dict = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        # A file in WAL mode, as the app's own database is.
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        with closing(sqlite3.connect(settings_dict["NAME"])) as database:
            database.execute("PRAGMA journal_mode=WAL")
        yield settings_dict
        return
    settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_restored"
    quoted = connection.ops.quote_name(settings_dict["NAME"])
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    try:
        yield settings_dict
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


def test_a_backup_restored_into_a_fresh_database_holds_every_row_of_every_table(
    tmp_path, fresh_database
):
    populate()
    path = backup_create(settings_dict=connection.settings_dict, directory=tmp_path, now=MOMENT)

    backup_restore(settings_dict=fresh_database, path=path)

    original = table_rows(connection.settings_dict)
    restored = table_rows(fresh_database)
    assert list(restored) == list(original)
    for table, rows in original.items():
        assert restored[table] == rows, table
    # The comparison covered a populated database: auth, sessions, m2m, migrations…
    for table in (
        "auth_user",
        "auth_user_groups",
        "django_session",
        "django_migrations",
        "schedules_activityblock_outcomes",
        "schedules_scheduleversion",
        "schedules_reviewcomment",
    ):
        assert original[table], f"{table} is empty"


def test_the_backup_file_is_named_after_the_moment_in_utc_and_written_whole(tmp_path):
    path = backup_create(settings_dict=connection.settings_dict, directory=tmp_path, now=MOMENT)

    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"
    assert path == tmp_path / f"blendplan-20270111T031500Z{suffix}"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no .partial left behind


def test_a_second_backup_in_the_same_second_is_refused_rather_than_overwriting(tmp_path):
    backup_create(settings_dict=connection.settings_dict, directory=tmp_path, now=MOMENT)

    with pytest.raises(BackupError, match="already exists"):
        backup_create(settings_dict=connection.settings_dict, directory=tmp_path, now=MOMENT)


def backup_files(directory: Path, days: range, suffix: str = ".sqlite3") -> list[Path]:
    paths = [directory / f"blendplan-202701{day:02d}T031500Z{suffix}" for day in days]
    for path in paths:
        path.write_bytes(b"")
    return paths


@pytest.mark.django_db(transaction=False)
def test_retention_keeps_the_newest_n_backups_by_the_time_in_their_names(tmp_path):
    paths = backup_files(tmp_path, range(1, 6))

    removed = backups_prune(directory=tmp_path, engine="sqlite", keep=3)

    assert removed == paths[:2]
    assert sorted(tmp_path.iterdir()) == paths[2:]


@pytest.mark.django_db(transaction=False)
def test_retention_leaves_other_files_and_the_other_engines_backups_alone(tmp_path):
    backup_files(tmp_path, range(1, 4))
    dumps = backup_files(tmp_path, range(1, 3), suffix=".pgdump")
    mine = tmp_path / "blendplan-before-upgrade.sqlite3"
    mine.write_bytes(b"")

    backups_prune(directory=tmp_path, engine="sqlite", keep=1)

    assert sorted(tmp_path.iterdir()) == sorted(
        [*dumps, mine, tmp_path / "blendplan-20270103T031500Z.sqlite3"]
    )


@pytest.mark.django_db(transaction=False)
def test_retention_refuses_to_keep_none(tmp_path):
    with pytest.raises(BackupError, match="at least one"):
        backups_prune(directory=tmp_path, engine="sqlite", keep=0)
