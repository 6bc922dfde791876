"""What a pilot imports from the LMS and the meeting tools (issue #16): the course's
pseudonym secret, each import's job, the activities the files name (with the block each is
mapped to) and the pseudonymised records themselves.

Everything hangs off the course's ``Pilot`` row, so "delete this course's pilot data"
deletes it in one step: imports, records, mappings and the secret. No name, e-mail or IP
address is stored: learners are HMAC pseudonyms under the secret (``schedules.pilot_imports``),
and the uploaded file is deleted once its import has run.
"""

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from schedules.models.blocks import ActivityBlock
from schedules.models.pilots import Pilot
from schedules.pilot_imports import Completion, Evidence, FormatKind

KIND_CHOICES = [(kind.value, kind.label) for kind in FormatKind]

# An import that has not moved for this long has lost its worker (progress is written
# after every batch, well under a second of work).
IMPORT_STALLED_AFTER = timedelta(minutes=2)
SECRET_BYTES = 32
# The share of an import's time that reading the file takes; storing its records is the
# rest (docs/benchmarks.md, "Pilot imports": about 70:30 for a large Moodle log).
READ_SHARE = 70


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


class PilotSecret(models.Model):
    """The course's pseudonym secret: generated once, never shown, deleted with the pilot's
    data (after which the same learners get new, unrelated pseudonyms)."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="secret")
    secret = models.BinaryField(max_length=64, default=new_secret, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Pseudonym secret of {self.pilot}"  # never the secret itself


class PilotImport(models.Model):
    """One uploaded file, read in the worker: where it stands, what it found."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Imported"
        FAILED = "failed", "Refused"

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=255)
    # The kind the uploader chose ("" for detect), then the kind it was read as.
    kind = models.CharField(max_length=40, blank=True, choices=KIND_CHOICES)
    uploader_zone = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The upload while it waits for the worker (a temporary file, deleted when the task
    # ends, whatever happened); empty once it has gone.
    upload_path = models.CharField(max_length=500, blank=True, editable=False)
    state = models.CharField(max_length=12, choices=State, default=State.QUEUED)
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes uploaded.")
    bytes_read = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    records = models.PositiveIntegerField(default=0, help_text="Records within the course.")
    added = models.PositiveIntegerField(default=0, help_text="Records not imported before.")
    # Records moved from the import's staging table into the course's data so far (the
    # last step, once the file is read: ``schedules.pilot.staging``).
    stored = models.PositiveIntegerField(default=0)
    before_course = models.PositiveIntegerField(default=0)
    after_course = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    # [{"line": 12, "message": "…"}], the first 50.
    problems = models.JSONField(default=list, blank=True)
    assumptions = models.JSONField(default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    # The pilot weeks' engagement figures once this import finished (the heatmap's hours and
    # the totals, with the zone and days they are for): the evidence page reads them rather
    # than every record (schedules.pilot.evidence.pilot_figures_store).
    engagement = models.JSONField(default=dict, blank=True, editable=False)
    # The evidence tables' counts (attendance per block and week, completions per block)
    # while this is the latest import, with the key of the mapping, blocks and days they
    # were counted for (schedules.pilot.evidence.counted).
    counted = models.JSONField(default=dict, blank=True, editable=False)
    # The block suggested for each imported activity while this is the latest import, with
    # the key of the activities' and blocks' facts they were worked out from
    # (schedules.pilot.evidence.suggestions_of): the mapping page's first view in any
    # process reads them rather than comparing every title again.
    suggested = models.JSONField(default=dict, blank=True, editable=False)
    error_code = models.CharField(max_length=30, blank=True)
    error = models.TextField(blank=True, help_text="Why the file was refused, as shown.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "finished", "failed"]),
                name="pilot_import_state_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_active(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def is_stalled(self) -> bool:
        return self.is_active and self.updated < timezone.now() - IMPORT_STALLED_AFTER

    @property
    def duplicates(self) -> int:
        """Records already imported before (the same file twice, overlapping exports)."""
        return max(self.records - self.added, 0)

    @property
    def percent(self) -> int:
        """How far the import is: reading the file is the first ``READ_SHARE`` percent,
        storing its records the rest."""
        if self.state == self.State.FINISHED:
            return 100
        if self.stored and self.records:
            return min(99, READ_SHARE + self.stored * (100 - READ_SHARE) // self.records)
        return min(READ_SHARE, self.bytes_read * READ_SHARE // self.size) if self.size else 0


class PilotActivity(models.Model):
    """An activity or meeting as the imported files name it, and the block it is (the
    instructor's mapping, remembered for the next import)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(max_length=500)
    block = models.ForeignKey(
        ActivityBlock,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilot_activities",
    )
    # Confirmed by the instructor; with no block, "not part of the plan".
    confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "title"], name="pilot_activity_title_once_per_pilot"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PilotRecord(models.Model):
    """One piece of evidence about one (pseudonymous) learner. The key is the import core's
    content key: the same evidence imported twice is stored once."""

    # Not indexed alone: the unique (pilot, key) index starts with it.
    pilot = models.ForeignKey(
        Pilot, on_delete=models.CASCADE, related_name="records", db_index=False
    )
    # 64 bits of the content hash (``schedules.pilot_imports.run.record_key``): a small
    # number keeps the unique index small, which is what a large import's time goes on.
    key = models.BigIntegerField()
    # The import that first brought it (a refused import takes back only its own records).
    # Not indexed: read once at the end of an import, and on a refusal; each index costs
    # every one of a large log's inserts (docs/benchmarks.md, "Pilot imports"). No database
    # constraint either: PostgreSQL checks one per inserted row, and this one guards nothing
    # the import does not set itself (Django sets it to NULL when an import is deleted).
    source = models.ForeignKey(
        PilotImport,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    activity = models.ForeignKey(PilotActivity, on_delete=models.CASCADE, related_name="records")
    learner = models.CharField(max_length=32)
    evidence = models.CharField(max_length=12, choices=[(e.value, e.value) for e in Evidence])
    at = models.DateTimeField(null=True)
    # Whole hours since 1970 (UTC) of ``at``: the heatmap groups by it natively and turns
    # each hour into the course's weekday and hour afterwards (a few hundred a term),
    # rather than converting every record's time in the database.
    hour = models.IntegerField(null=True)
    until = models.DateTimeField(null=True)
    minutes = models.FloatField(null=True)
    completion = models.CharField(
        max_length=16, choices=[(c.value, c.value) for c in Completion], blank=True
    )
    score = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pilot", "key"], name="pilot_record_once"),
        ]
        indexes = [
            # The evidence page reads one kind of evidence of the pilot weeks (attendance,
            # completion, scores) without going through the rest (a log's events). A log's
            # events are not in it: they are read only by the worker's engagement figures,
            # which go through every record anyway, and leaving them out keeps a
            # million-event import from writing a million index entries in time order
            # (docs/benchmarks.md, "Pilot imports"). Conditions in ORs, as the pages'
            # ``evidence = …`` filters imply them for SQLite's planner.
            models.Index(
                fields=["pilot", "evidence", "at"],
                name="pilot_record_evidence",
                condition=Q(evidence=Evidence.ATTENDANCE)
                | Q(evidence=Evidence.COMPLETION)
                | Q(evidence=Evidence.SCORE),
            ),
            # Each activity's attendance and completions read from the index alone (a term of
            # a large cohort is tens of thousands of each): the evidence page counts
            # completions per block and due day, and the mapping page finds when each
            # meeting started, without visiting the table's rows. Not a log's events: a
            # completion report or a meeting's attendance is small beside a log.
            models.Index(
                fields=["pilot", "evidence", "activity", "completion", "at", "learner"],
                name="pilot_record_activity",
                condition=Q(evidence=Evidence.ATTENDANCE) | Q(evidence=Evidence.COMPLETION),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evidence} of {self.learner}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The import writes ``hour`` with the record; a record saved one by one gets it here.
        self.hour = None if self.at is None else int(self.at.timestamp()) // 3600
        super().save(*args, **kwargs)
