"""Where an import's records wait while the file is read, and how they join the course's data
(issue #16: a 1,000,000-row Moodle log in under a minute, docs/benchmarks.md "Pilot
imports").

Inserting each batch straight into the records table wrote every record into the unique
(pilot, key) index at a random place, and that index outgrew memory: most of a large
import's time. Instead the batches go into a temporary table of the import's connection,
which has no index (SQLite: ``executemany``; PostgreSQL: binary ``COPY … FROM STDIN``), are sorted
by key once the file is read, and join the records table in key order, a chunk of
``MERGE_CHUNK`` per transaction, with ``ON CONFLICT (pilot_id, key) DO NOTHING``: a key the
course already has, or a second record with the same key in this file, is not stored again.
In key order each index page is written once per chunk rather than once per record.

A chunk a transaction keeps SQLite's write lock short (about half a second), so the pages'
writes take their turn between chunks, and lets the job's progress move. The temporary
tables belong to the connection and vanish with it; ``drop`` removes them sooner.
"""

from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, connection

from schedules.models import PilotRecord

# Records moved per transaction in the last step (about half a second of SQLite's write lock
# on these machines).
MERGE_CHUNK = 50_000
# The columns a record brings from the file; the pilot and the import are the job's.
STAGED = (
    "key",
    "activity_id",
    "learner",
    "evidence",
    "at",
    "until",
    "hour",
    "minutes",
    "completion",
    "score",
)
# PostgreSQL sorts the staged records in memory up to this much (its default, 4 MB, spills a
# million records to disk): the database server's memory, bounded, not the worker's.
SORT_MEMORY = "64MB"


class Staging:
    """One import's staging table, on the current connection."""

    def __init__(self, *, import_id: int, pilot_id: int) -> None:
        self.import_id = import_id
        self.pilot_id = pilot_id
        self.postgres = connection.vendor == "postgresql"
        self.table = f"pilot_staging_{import_id}"
        self.sorted = f"pilot_sorted_{import_id}"
        self.columns = ", ".join(connection.ops.quote_name(name) for name in STAGED)
        # PostgreSQL: the staging table's column types, for a binary COPY (``add``).
        self.types: list[int] = []

    def _execute(self, sql: str, params: Sequence[Any] | None = None) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.rowcount)

    def create(self) -> None:
        """Make the empty staging table (dropping one a failed run of this import left)."""
        self.drop()
        if self.postgres:
            records = connection.ops.quote_name(PilotRecord._meta.db_table)
            self._execute(
                f"CREATE TEMPORARY TABLE {self.table} AS "
                f"SELECT {self.columns} FROM {records} WITH NO DATA"
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
                    "AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                    [self.table],
                )
                self.types = [int(oid) for (oid,) in cursor.fetchall()]
        else:
            # No declared types: SQLite keeps each value as it is bound.
            self._execute(f"CREATE TEMPORARY TABLE {self.table} ({self.columns})")

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        """Stage ``rows`` (values in ``STAGED`` order)."""
        with connection.cursor() as cursor:
            if self.postgres:
                # psycopg's own cursor, for COPY. Binary: the server takes each value as it
                # is (no parsing of text times and numbers), and psycopg's C dumpers write
                # it without formatting text (docs/benchmarks.md, "Pilot imports").
                raw = cursor.cursor
                sql = f"COPY {self.table} ({self.columns}) FROM STDIN (FORMAT BINARY)"
                with raw.copy(sql) as copy:
                    copy.set_types(self.types)
                    write = copy.write_row
                    for row in rows:
                        write(row)
            else:
                marks = ", ".join(["%s"] * len(STAGED))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})", rows
                )

    def sort(self) -> int:
        """Sort the staged records by key into a numbered table; return how many there are.

        Outside any transaction: on SQLite it writes only the temporary database, so the
        course's database stays open to other writers meanwhile."""
        if self.postgres:
            self._execute(f"SET work_mem = '{SORT_MEMORY}'")
            try:
                self._execute(
                    f"CREATE TEMPORARY TABLE {self.sorted} AS SELECT {self.columns}, "
                    f"row_number() OVER (ORDER BY key) AS n FROM {self.table}"
                )
            finally:
                self._execute("RESET work_mem")
            self._execute(f"CREATE INDEX ON {self.sorted} (n)")
        else:
            # Rows get rowids 1, 2, … in the order the SELECT gives them: by key.
            self._execute(
                f"CREATE TEMPORARY TABLE {self.sorted} AS "
                f"SELECT {self.columns} FROM {self.table} ORDER BY key"
            )
        self._execute(f"DROP TABLE {self.table}")
        with connection.cursor() as cursor:
            number = "count(*)" if self.postgres else "max(rowid)"
            cursor.execute(f"SELECT {number} FROM {self.sorted}")
            (count,) = cursor.fetchone()
        return int(count or 0)

    def merge(self, after: int, upto: int) -> int:
        """Insert the sorted records numbered ``after`` + 1 to ``upto`` into the course's
        records, as this import's, skipping keys the course has; return how many were new."""
        records = connection.ops.quote_name(PilotRecord._meta.db_table)
        number = "n" if self.postgres else "rowid"
        return self._execute(
            f"INSERT INTO {records} (pilot_id, source_id, {self.columns}) "
            f"SELECT %s, %s, {self.columns} FROM {self.sorted} "
            f"WHERE {number} > %s AND {number} <= %s ORDER BY {number} "
            "ON CONFLICT (pilot_id, key) DO NOTHING",
            [self.pilot_id, self.import_id, after, upto],
        )

    def drop(self) -> None:
        """Remove the staging tables (nothing to do when the connection has gone)."""
        try:
            for table in (self.table, self.sorted):
                self._execute(f"DROP TABLE IF EXISTS {table}")
        except DatabaseError:
            pass
