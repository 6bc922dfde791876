"""Storing an import's records through its staging table (schedules.pilot.staging): a record
counts once however often a file or several files give it, progress moves while the records
are stored, and a failure while storing takes back only that import's records."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from schedules.models import PilotActivity, PilotImport, PilotRecord
from schedules.pilot import imports
from schedules.pilot.imports import pilot_import_run, pilot_import_start
from schedules.pilot.staging import Staging
from schedules.pilot_imports import run as import_run
from tests.factories import CourseFactory, PilotFactory
from tests.schedules.pilot_imports.helpers import fixture

pytestmark = pytest.mark.django_db

HEADER = "learner,activity,timestamp,minutes,score\n"


@pytest.fixture(autouse=True)
def queued(settings, tmp_path):
    settings.PILOT_UPLOAD_DIR = str(tmp_path / "uploads")
    # The task is run by the test, as the worker would.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def pilot():
    course = CourseFactory(start_date=date(2026, 11, 30), weeks=2, timezone="Europe/Berlin")
    return PilotFactory(schedule=course.schedule, running=True)


def imported(pilot, name, content):
    job = pilot_import_start(
        pilot=pilot,
        upload=SimpleUploadedFile(name, content),
        kind=None,
        uploader_zone="Europe/Berlin",
        by=pilot.schedule.course.owner,
    )
    pilot_import_run.call(job.pk)
    job.refresh_from_db()
    return job


def stored(pilot):
    return set(PilotRecord.objects.filter(pilot=pilot).values_list("key", "learner", "at"))


def template(*lines):
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode()


ROWS = [f"Learner {n},Week 1 reading,2026-12-0{n % 5 + 1}T1{n}:00,,0.{n}" for n in range(8)]


def test_an_overlapping_export_adds_only_the_records_the_course_does_not_have(pilot):
    first = imported(pilot, "first.csv", template(*ROWS[:5]))
    second = imported(pilot, "second.csv", template(*ROWS[3:]))
    assert (first.added, first.duplicates) == (5, 0)
    assert (second.records, second.added, second.duplicates) == (5, 3, 2)
    assert PilotRecord.objects.filter(pilot=pilot).count() == 8


def test_the_same_record_twice_in_one_file_far_apart_is_stored_and_counted_once(pilot, monkeypatch):
    # Identical records close together are numbered apart (two posts in one second); ones
    # further apart than the window of recent keys share a key, and the merge keeps one.
    monkeypatch.setattr(import_run, "RECENT_KEYS", 1)
    job = imported(pilot, "twice.csv", template(ROWS[0], ROWS[1], ROWS[2], ROWS[0]))
    assert job.state == PilotImport.State.FINISHED
    assert (job.records, job.added, job.duplicates) == (4, 3, 1)
    assert PilotRecord.objects.filter(pilot=pilot).count() == 3


def test_progress_moves_after_each_chunk_while_the_records_are_stored(pilot, monkeypatch):
    monkeypatch.setattr(imports, "MERGE_CHUNK", 2)
    seen = []
    merge = Staging.merge

    def watched(self, after, upto):
        job = PilotImport.objects.get(pk=self.import_id)
        seen.append((job.stored, job.percent))
        return merge(self, after, upto)

    monkeypatch.setattr(Staging, "merge", watched)
    job = imported(pilot, "five.csv", template(*ROWS[:5]))
    assert job.state == PilotImport.State.FINISHED
    # Read (70%), then 2 and 4 of the 5 records stored before the last chunk.
    assert seen == [(0, 70), (2, 82), (4, 94)]
    assert (job.stored, job.percent) == (5, 100)


def test_a_failure_while_storing_takes_back_only_that_imports_records(pilot, monkeypatch):
    earlier = imported(pilot, "moodle_log.csv", fixture("moodle_log.csv"))
    before = stored(pilot)
    titles = set(PilotActivity.objects.values_list("title", flat=True))
    monkeypatch.setattr(imports, "MERGE_CHUNK", 2)
    calls = []
    merge = Staging.merge

    def failing(self, after, upto):
        calls.append(PilotRecord.objects.filter(source_id=self.import_id).count())
        if len(calls) == 3:
            raise RuntimeError("the database went away")
        return merge(self, after, upto)

    monkeypatch.setattr(Staging, "merge", failing)
    job = pilot_import_start(
        pilot=pilot,
        upload=SimpleUploadedFile("eight.csv", template(*ROWS)),
        kind=None,
        uploader_zone="Europe/Berlin",
        by=pilot.schedule.course.owner,
    )
    with pytest.raises(RuntimeError):
        pilot_import_run.call(job.pk)
    job.refresh_from_db()
    assert calls[-1] == 4  # two chunks of this import had been stored when it failed
    assert job.state == PilotImport.State.FAILED
    assert "nothing was kept" in job.error
    assert stored(pilot) == before
    assert set(PilotActivity.objects.values_list("title", flat=True)) == titles
    earlier.refresh_from_db()
    assert earlier.state == PilotImport.State.FINISHED


def test_reading_counts_for_most_of_the_bar_and_storing_for_the_rest():
    running = PilotImport.State.RUNNING
    assert PilotImport(state=running, size=1000, bytes_read=500).percent == 35
    assert PilotImport(state=running, size=1000, bytes_read=1000, records=10).percent == 70
    reading_done = {"size": 1000, "bytes_read": 1000, "records": 10}
    assert PilotImport(state=running, stored=5, **reading_done).percent == 85
    assert PilotImport(state=running, stored=10, **reading_done).percent == 99


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("zoom.csv", fixture("zoom_participants_new.csv")),
        ("template.csv", template("Learner 1,Week 1 quiz,2026-12-01T10:15,45,0.5", *ROWS)),
    ],
)
def test_every_value_of_a_record_is_stored_as_the_file_gives_it(pilot, name, content):
    # PostgreSQL stages them with a binary COPY, SQLite as Django's text: both give back
    # the times, intervals, minutes, scores and completion states the import core read.
    from django.conf import settings

    from schedules.pilot.dates import course_dates
    from schedules.pilot.imports import pilot_secret
    from schedules.pilot_imports import read

    job = imported(pilot, name, content)
    assert job.state == PilotImport.State.FINISHED, job.error
    course = pilot.schedule.course
    dates = course_dates(course, pilot)
    assert dates is not None
    run = read(
        io.BytesIO(content),
        kind=None,
        secret=pilot_secret(pilot),
        course_zone=str(course.timezone),
        uploader_zone="Europe/Berlin",
        course_start=dates.start,
        course_end=dates.end,
        size_limit=settings.PILOT_IMPORT_MAX_BYTES,
        filename=name,
    )
    expected = {
        (
            record.key,
            record.learner,
            record.evidence.value,
            record.activity,
            record.at,
            record.until,
            None if record.at is None else int(record.at.timestamp()) // 3600,
            record.minutes,
            record.completion.value if record.completion else "",
            record.score,
        )
        for record in run
    }
    assert expected
    assert any(row[7] is not None for row in expected)  # minutes
    got = set(
        PilotRecord.objects.filter(pilot=pilot).values_list(
            "key",
            "learner",
            "evidence",
            "activity__title",
            "at",
            "until",
            "hour",
            "minutes",
            "completion",
            "score",
        )
    )
    assert got == expected
