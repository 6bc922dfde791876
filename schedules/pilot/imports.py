"""Importing an LMS or meeting export into a pilot, in the worker (issue #16).

The upload (``pilot_import_start``) is written to a temporary file under
``PILOT_UPLOAD_DIR``, makes a ``PilotImport`` job and queues ``pilot_import_run`` once that
commits; the request returns at once and the pilot page polls the job's progress. The task
streams the file through the import core (``schedules.pilot_imports.read``: memory does not
grow with the file), stages the records in batches in a temporary table of its connection,
recording its progress after each, and once the file is read moves them into the course's
records in key order, a chunk per transaction, with their content keys unique per course
(``INSERT … ON CONFLICT DO NOTHING``: a record imported before, or twice in the file, is not
stored or counted again; ``schedules.pilot.staging``). It deletes the temporary file when it
ends, whatever happened.

Nothing already imported is lost or changed by a refused file: a refusal found half-way (a
compressed file that expands past the limit, every record outside the course) takes back
only the records this import added, which are the ones whose ``source`` is its job.

Idempotent: a rerun of the task for a job that is finished, refused, or running (and moving)
in another worker does nothing; one for a stalled job carries on, and the records it had
already stored count once.
"""

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone

from schedules.models import Pilot, PilotActivity, PilotImport, PilotRecord, PilotSecret
from schedules.pilot.dates import course_dates
from schedules.pilot.evidence import pilot_figures_store
from schedules.pilot.staging import MERGE_CHUNK, Staging
from schedules.pilot_imports import ErrorCode, FormatKind, PilotImportError, Record, detect, read
from schedules.pilot_imports.source import too_large

logger = logging.getLogger("schedules.pilot_imports")

# Records staged per transaction, and the job's progress written after each: about a tenth
# of a second of work on these machines (docs/benchmarks.md, "Pilot imports").
BATCH = 5000
# Enough of the file's start to tell its kind (the import core needs far less).
HEAD_BYTES = 64 * 1024
TITLE_MAX = 500


class Upload(Protocol):
    """What an uploaded file gives (Django's ``UploadedFile``)."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...


def pilot_secret(pilot: Pilot) -> bytes:
    """Return the course's pseudonym secret, made (at random) the first time it is needed."""
    row, _ = PilotSecret.objects.get_or_create(pilot=pilot)
    return bytes(row.secret)


def _upload_dir() -> Path:
    path = Path(settings.PILOT_UPLOAD_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check_head(head: bytes, name: str, kind: FormatKind | None) -> None:
    """Refuse at once a file of no kind we read (the worker finds everything else)."""
    if kind is None:
        detect(head, name)


def pilot_import_start(
    *,
    pilot: Pilot,
    upload: Upload,
    kind: FormatKind | None,
    uploader_zone: str,
    day_first: bool | None = None,
    by: User | None,
) -> PilotImport:
    """Keep ``upload`` in a temporary file, make its import job and queue the task (once this
    commits); return the job.

    Raises ``PilotImportError`` (nothing kept) for a file over the size limit, or one that is
    clearly no export we read; ``ValueError`` when the course has no dates to read it by.
    """
    limit = settings.PILOT_IMPORT_MAX_BYTES
    course = pilot.schedule.course
    if course_dates(course, pilot) is None:
        raise ValueError("Give the course a start date first: the import reads dates by it.")
    if (upload.size or 0) > limit:
        raise too_large(limit, expanded=False)
    name = Path(upload.name or "upload").name[:255]
    handle, path = tempfile.mkstemp(prefix="pilot-", suffix=".upload", dir=_upload_dir())
    size, head = 0, b""
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > limit:
                    raise too_large(limit, expanded=False)
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                out.write(chunk)
        _check_head(head, name, kind)
        with transaction.atomic():
            job = PilotImport.objects.create(
                pilot=pilot,
                file_name=name,
                kind=kind.value if kind else "",
                # Remembered for the task: the kind the uploader chose, or detect it.
                uploader_zone=uploader_zone,
                uploaded_by=by,
                upload_path=path,
                size=size,
                assumptions=[] if day_first is None else [_DAY_FIRST_MARK[day_first]],
            )
            transaction.on_commit(lambda: pilot_import_run.enqueue(job.pk), robust=True)
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return job


# The uploader's word on day-first dates travels to the task as a first assumption line
# (replaced by the run's own assumptions once it has read the file).
_DAY_FIRST_MARK = {True: "day_first", False: "month_first"}


def _day_first(job: PilotImport) -> bool | None:
    said = job.assumptions[:1]
    if said == ["day_first"]:
        return True
    if said == ["month_first"]:
        return False
    return None


class ImportGoneError(Exception):
    """The job was deleted meanwhile (the course's pilot data was deleted)."""


def _claim(import_id: int) -> PilotImport | None:
    """Mark the job running and return it, or None when there is nothing to do."""
    with transaction.atomic():
        job = (
            PilotImport.objects.select_for_update()
            .select_related("pilot__schedule__course")
            .filter(pk=import_id)
            .first()
        )
        if job is None or not job.is_active:
            return None
        if job.state == PilotImport.State.RUNNING and not job.is_stalled:
            return None
        job.state, job.started = PilotImport.State.RUNNING, timezone.now()
        job.save(update_fields=["state", "started", "updated"])
    return job


class _Store:
    """Writes a run's records: each batch's activities first (made once per title, kept in
    memory by id), then the batch into the import's staging table, with the job's progress;
    once the file is read, the staged records join the course's in key order, skipping keys
    the course already has (``schedules.pilot.staging``)."""

    def __init__(self, job: PilotImport) -> None:
        self.job = job
        self.pilot_id = job.pilot_id
        self.activities: dict[str, int] = dict(
            PilotActivity.objects.filter(pilot_id=self.pilot_id).values_list("title", "pk")
        )
        self.made: set[int] = set()
        self.staging = Staging(import_id=job.pk, pilot_id=job.pilot_id)
        self.staging.create()

    def _activity_ids(self, titles: set[str]) -> None:
        new = titles - self.activities.keys()
        if not new:
            return
        PilotActivity.objects.bulk_create(
            [PilotActivity(pilot_id=self.pilot_id, title=title) for title in sorted(new)],
            ignore_conflicts=True,
        )
        for title, pk in PilotActivity.objects.filter(
            pilot_id=self.pilot_id, title__in=new
        ).values_list("title", "pk"):
            self.activities[title] = pk
            self.made.add(pk)

    def _progress(self, **figures: int) -> None:
        moved = PilotImport.objects.filter(pk=self.job.pk, state=PilotImport.State.RUNNING).update(
            **figures, updated=timezone.now()
        )
        if not moved:
            raise ImportGoneError

    def write(self, batch: list[Record], *, bytes_read: int, rows: int, records: int) -> None:
        with transaction.atomic():
            self._activity_ids({record.activity[:TITLE_MAX] for record in batch})
            self.staging.add(self._rows(batch))
            self._progress(bytes_read=bytes_read, rows=rows, records=records)

    def store(self) -> None:
        """Move the staged records into the course's, a chunk per transaction."""
        total = self.staging.sort()
        for after in range(0, total, MERGE_CHUNK):
            upto = min(after + MERGE_CHUNK, total)
            with transaction.atomic():
                self.staging.merge(after, upto)
                self._progress(stored=upto)

    def _rows(self, batch: list[Record]) -> list[tuple[Any, ...]]:
        """The batch's values in ``staging.STAGED`` order.

        A record's time (aware, UTC) goes to PostgreSQL as it is (the binary COPY writes it);
        SQLite stores Django's naive UTC text, made here without the per-value checks of
        ``adapt_datetimefield_value`` (a third of the time of a row). Its hour since the
        epoch is worked out once, from the same POSIX seconds. One comprehension per
        database, no call per value: this runs a million times per large log."""
        activities = self.activities
        if connection.vendor != "sqlite":
            return [
                (
                    record.key,
                    activities[record.activity[:TITLE_MAX]],
                    record.learner,
                    record.evidence.value,
                    at,
                    record.until,
                    None if at is None else int(at.timestamp()) // 3600,
                    record.minutes,
                    record.completion.value if record.completion else "",
                    record.score,
                )
                for record in batch
                for at in (record.at,)
            ]
        return [
            (
                record.key,
                activities[record.activity[:TITLE_MAX]],
                record.learner,
                record.evidence.value,
                None if at is None else at.replace(tzinfo=None).isoformat(" "),
                None if until is None else until.replace(tzinfo=None).isoformat(" "),
                None if at is None else int(at.timestamp()) // 3600,
                record.minutes,
                record.completion.value if record.completion else "",
                record.score,
            )
            for record in batch
            for at, until in ((record.at, record.until),)
        ]

    def take_back(self) -> None:
        """Delete what this import added: its records, and the activities only they named."""
        PilotRecord.objects.filter(source_id=self.job.pk).delete()
        PilotActivity.objects.filter(pk__in=self.made, records__isnull=True).delete()


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fail(job: PilotImport, code: str, message: str) -> None:
    now = timezone.now()
    PilotImport.objects.filter(pk=job.pk).update(
        state=PilotImport.State.FAILED,
        error_code=code,
        error=message,
        finished=now,
        updated=now,
        upload_path="",
    )


def _import(job: PilotImport, store: _Store, path: str) -> str:
    pilot = job.pilot
    course = pilot.schedule.course
    dates = course_dates(course, pilot)
    if dates is None:
        raise PilotImportError(ErrorCode.OUTSIDE_COURSE, "The course has no start date.")
    with open(path, "rb") as stream:
        run = read(
            stream,
            kind=FormatKind(job.kind) if job.kind else None,
            secret=pilot_secret(pilot),
            course_zone=str(course.timezone),
            uploader_zone=job.uploader_zone,
            course_start=dates.start,
            course_end=dates.end,
            size_limit=settings.PILOT_IMPORT_MAX_BYTES,
            filename=job.file_name,
            day_first=_day_first(job),
        )
        for batch in _batches(run, BATCH):
            store.write(batch, bytes_read=stream.tell(), rows=run.rows, records=run.records)
        store.store()
        added = PilotRecord.objects.filter(source_id=job.pk).count()
        now = timezone.now()
        PilotImport.objects.filter(pk=job.pk).update(
            state=PilotImport.State.FINISHED,
            kind=run.kind.value,
            bytes_read=job.size,
            rows=run.rows,
            records=run.records,
            added=added,
            before_course=run.before_course,
            after_course=run.after_course,
            problem_count=run.problem_count,
            problems=[{"line": p.line, "message": p.message} for p in run.problems],
            assumptions=run.assumptions,
            fingerprint=run.fingerprint,
            finished=now,
            updated=now,
            upload_path="",
        )
    pilot_figures_store(job.pilot)
    _tidy_records()
    return f"{added} of {run.records} records added"


def _tidy_records() -> None:
    """On PostgreSQL, vacuum and analyse the records once an import has stored them.

    The evidence and mapping pages read each activity's attendance and completions from an
    index alone; until the table is vacuumed, PostgreSQL still visits every row the index
    finds (its visibility map is not yet set), and until it is analysed it plans for a table
    without the import's rows. Autovacuum would get there, later: the instructor looks at the
    evidence as soon as the import ends. Only outside a transaction (``VACUUM`` cannot run in
    one: a test's transaction, or a worker that wraps tasks in one, skips it)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {PilotRecord._meta.db_table}")


@task
def pilot_import_run(import_id: int) -> str:
    """Read the job's file into the course's pilot data; return what happened."""
    job = _claim(import_id)
    if job is None:
        return "nothing to do"
    path = job.upload_path
    store = _Store(job)
    try:
        if not path or not Path(path).exists():
            _fail(job, "gone", "The uploaded file is no longer there: upload it again.")
            return "file gone"
        return _import(job, store, path)
    except ImportGoneError:
        return "dropped"
    except PilotImportError as refused:
        store.take_back()
        _fail(job, refused.code.value, refused.message)
        # Another import may have finished while this one stored records it took back.
        pilot_figures_store(job.pilot)
        return f"refused: {refused.code}"
    except Exception:
        logger.exception("Could not import %s", job.file_name, extra={"import_id": job.pk})
        store.take_back()
        _fail(job, "error", "Something went wrong while reading the file; nothing was kept.")
        raise
    finally:
        store.staging.drop()
        if path:
            with contextlib.suppress(OSError):
                Path(path).unlink(missing_ok=True)
