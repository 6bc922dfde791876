"""``manage.py restore``: a backup replaces the database's contents, all or nothing, and
only when asked with ``--yes``; a missing, damaged or other engine's file changes nothing."""

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from blendplan.backups import backup_create
from courses.models import Course
from tests.factories import CourseFactory

# The backup and the restore go through their own connections: rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_file(tmp_path):
    """A backup holding the course "Kept"."""
    CourseFactory(title="Kept")
    return backup_create(
        settings_dict=connection.settings_dict,
        directory=tmp_path,
        now=datetime(2027, 1, 11, tzinfo=UTC),
    )


def titles() -> list[str]:
    return sorted(Course.objects.values_list("title", flat=True))


def restore(*args: str) -> str:
    out = StringIO()
    call_command("restore", *args, stdout=out)
    return out.getvalue()


def test_restore_with_yes_brings_back_the_backups_rows_and_drops_later_ones(backup_file):
    CourseFactory(title="Added after the backup")
    Course.objects.filter(title="Kept").update(title="Renamed after the backup")

    output = restore(str(backup_file), "--yes")

    assert titles() == ["Kept"]
    assert f"from {backup_file}." in output


def test_restore_without_yes_refuses_and_changes_nothing(backup_file):
    CourseFactory(title="Added after the backup")

    with pytest.raises(CommandError, match="run again with --yes"):
        restore(str(backup_file))

    assert titles() == ["Added after the backup", "Kept"]


def test_restore_refuses_a_truncated_backup_and_leaves_the_database_untouched(backup_file):
    CourseFactory(title="Added after the backup")
    # Cut off the end: for pg_dump the table of contents still reads, the data does not.
    data = backup_file.read_bytes()
    backup_file.write_bytes(data[: len(data) - len(data) // 20])

    with pytest.raises(
        CommandError, match="Nothing was restored: the database is as it was"
    ) as error:
        restore(str(backup_file), "--yes")

    assert titles() == ["Added after the backup", "Kept"]
    if connection.vendor == "postgresql":
        # pg_restore began (dropping tables) and failed on the data: its one transaction
        # rolled back.
        assert "pg_restore failed restoring" in str(error.value)


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    CourseFactory(title="Mine")
    path = tmp_path / "notes.sqlite3"
    path.write_text("Not a database at all.")

    with pytest.raises(CommandError, match="is not a BlendPlan backup"):
        restore(str(path), "--yes")

    assert titles() == ["Mine"]


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        restore(str(tmp_path / "missing.sqlite3"), "--yes")


def test_restore_refuses_a_backup_of_the_other_engine_in_a_sentence(tmp_path):
    CourseFactory(title="Mine")
    if connection.vendor == "sqlite":
        path = tmp_path / "blendplan-20270111T000000Z.pgdump"
        path.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(100))
        expected = "is a backup of a PostgreSQL database, but this BlendPlan uses SQLite"
    else:
        path = tmp_path / "blendplan-20270111T000000Z.sqlite3"
        with closing(sqlite3.connect(path)) as database:
            database.execute("CREATE TABLE django_migrations (id integer)")
        expected = "is a backup of an SQLite database, but this BlendPlan uses PostgreSQL"

    with pytest.raises(CommandError, match=expected):
        restore(str(path), "--yes")

    assert titles() == ["Mine"]


def test_restore_refuses_an_sqlite_database_that_is_not_blendplans(tmp_path):
    CourseFactory(title="Mine")
    path = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(path)) as database:
        database.execute("CREATE TABLE notes (id integer)")
    # On PostgreSQL any SQLite file is the other engine's, and refused as such.
    expected = (
        "is an SQLite database but not a BlendPlan backup"
        if connection.vendor == "sqlite"
        else "is a backup of an SQLite database, but this BlendPlan uses PostgreSQL"
    )

    with pytest.raises(CommandError, match=expected):
        restore(str(path), "--yes")

    assert titles() == ["Mine"]
