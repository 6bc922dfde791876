"""Importing exports into a course's pilot: the upload, the task that reads the file in the
worker (run at once in tests), counting nothing twice, and refusals that leave what was
imported before as it was."""

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schedules.models import Pilot, PilotActivity, PilotImport, PilotRecord, PilotSecret
from schedules.pilot.imports import pilot_import_run, pilot_import_start
from schedules.pilot.services import pilot_data_delete
from schedules.pilot_imports import FormatKind
from tests.factories import CourseFactory, PilotFactory, UserFactory
from tests.schedules.pilot_imports.helpers import fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.PILOT_UPLOAD_DIR = str(tmp_path / "uploads")
    return tmp_path / "uploads"


@pytest.fixture
def pilot():
    # The fixtures' course: two weeks from Monday 30 November 2026, in Berlin.
    course = CourseFactory(start_date=date(2026, 11, 30), weeks=2, timezone="Europe/Berlin")
    return PilotFactory(schedule=course.schedule, running=True)


def upload(pilot, name, content=None, **options):
    options.setdefault("kind", None)
    options.setdefault("uploader_zone", "Europe/Berlin")
    return pilot_import_start(
        pilot=pilot,
        upload=SimpleUploadedFile(name, fixture(name) if content is None else content),
        by=pilot.schedule.course.owner,
        **options,
    )


def stored(pilot):
    return set(PilotRecord.objects.filter(pilot=pilot).values_list("key", "learner", "at"))


def text(response):
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())


def test_an_import_stores_pseudonymised_records_and_deletes_the_uploaded_file(
    django_capture_on_commit_callbacks, pilot, uploads
):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(pilot, "moodle_log.csv")
    job.refresh_from_db()
    assert job.state == PilotImport.State.FINISHED
    assert job.kind == FormatKind.MOODLE_LOG
    assert job.added == job.records > 0
    assert job.fingerprint
    assert "Times read as Europe/Berlin." in job.assumptions
    assert list(uploads.iterdir()) == []
    assert job.upload_path == ""
    learners = set(PilotRecord.objects.values_list("learner", flat=True))
    assert all(learner.startswith("p_") for learner in learners)
    assert not any("Ana" in learner or "Díaz" in learner for learner in learners)
    assert PilotActivity.objects.filter(pilot=pilot, title="Quiz: Week 2 check").exists()


def test_the_same_file_imported_twice_counts_nothing_twice(
    django_capture_on_commit_callbacks, pilot
):
    with django_capture_on_commit_callbacks(execute=True):
        first = upload(pilot, "moodle_log.csv")
    before = stored(pilot)
    with django_capture_on_commit_callbacks(execute=True):
        second = upload(pilot, "moodle_log.csv")
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.state == PilotImport.State.FINISHED
    assert second.added == 0
    assert second.duplicates == first.added
    assert second.fingerprint == first.fingerprint
    assert stored(pilot) == before


def test_running_the_task_again_for_a_finished_import_does_nothing(
    django_capture_on_commit_callbacks, pilot
):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(pilot, "zoom_participants_new.csv")
    before = stored(pilot)
    assert pilot_import_run.call(job.pk) == "nothing to do"
    assert stored(pilot) == before


def test_a_stalled_import_run_again_carries_on_and_counts_once(pilot, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = upload(pilot, "moodle_log.csv")
    # A first worker stored the file's records, then died before finishing the job.
    PilotImport.objects.filter(pk=job.pk).update(state=PilotImport.State.QUEUED)
    path = Path(job.upload_path)
    copy = path.read_bytes()
    assert pilot_import_run.call(job.pk).endswith("records added")
    once = stored(pilot)
    path.write_bytes(copy)
    PilotImport.objects.filter(pk=job.pk).update(
        state=PilotImport.State.QUEUED, upload_path=str(path)
    )
    pilot_import_run.call(job.pk)
    job.refresh_from_db()
    assert stored(pilot) == once
    assert job.added == len(once)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("moodle_log_renamed.csv", "Expected:"),
        ("moodle_log_other_term.csv", "another course or term"),
        ("moodle_log_mixed_dates.csv", "line"),
    ],
)
def test_a_bad_file_is_refused_with_its_message_and_leaves_earlier_data_intact(
    django_capture_on_commit_callbacks, pilot, uploads, name, says
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(pilot, "moodle_log.csv")
    before = stored(pilot)
    activities = set(PilotActivity.objects.values_list("title", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        job = upload(pilot, name)
    job.refresh_from_db()
    assert job.state == PilotImport.State.FAILED
    assert says in job.error
    assert stored(pilot) == before
    assert set(PilotActivity.objects.values_list("title", flat=True)) == activities
    assert list(uploads.iterdir()) == []


def test_a_file_refused_half_way_takes_back_only_its_own_records(
    django_capture_on_commit_callbacks, pilot, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(pilot, "moodle_log.csv")
    before = stored(pilot)
    # A file whose records are stored in batches, then refused at its end.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = upload(pilot, "zoom_participants_new.csv")
    PilotImport.objects.filter(pk=job.pk).update(size=1, kind=FormatKind.ZOOM_PARTICIPANTS.value)
    settings.PILOT_IMPORT_MAX_BYTES = 300  # the task finds the file too large part-way
    pilot_import_run.call(job.pk)
    job.refresh_from_db()
    assert job.state == PilotImport.State.FAILED
    assert "limit" in job.error
    assert stored(pilot) == before


def test_the_upload_page_refuses_a_file_of_no_known_kind_at_once(client, pilot, uploads):
    client.force_login(pilot.schedule.course.owner)
    response = client.post(
        reverse("schedules:pilot_import", args=[pilot.schedule.course.pk]),
        {
            "file": SimpleUploadedFile("notes.csv", fixture("not_an_export.csv")),
            "uploader_zone": "Europe/Berlin",
        },
    )
    assert response.status_code == 422
    assert "We could not tell what kind of export this is" in text(response)
    assert not PilotImport.objects.exists()
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_the_upload_page_refuses_a_file_over_the_size_limit(client, pilot, settings):
    settings.PILOT_IMPORT_MAX_BYTES = 100
    client.force_login(pilot.schedule.course.owner)
    response = client.post(
        reverse("schedules:pilot_import", args=[pilot.schedule.course.pk]),
        {
            "file": SimpleUploadedFile("moodle_log.csv", fixture("moodle_log.csv")),
            "uploader_zone": "Europe/Berlin",
        },
    )
    assert response.status_code == 422
    assert "larger than the 100 bytes limit" in text(response)
    assert not PilotImport.objects.exists()


def test_the_upload_page_refuses_an_unknown_time_zone_and_keeps_nothing(client, pilot):
    client.force_login(pilot.schedule.course.owner)
    response = client.post(
        reverse("schedules:pilot_import", args=[pilot.schedule.course.pk]),
        {
            "file": SimpleUploadedFile("moodle_log.csv", fixture("moodle_log.csv")),
            "uploader_zone": "Europe/Berlinn",
        },
    )
    assert response.status_code == 422
    assert "is not a known time zone" in text(response)
    assert not PilotImport.objects.exists()


def test_an_upload_redirects_to_the_pilot_page_which_shows_the_import(
    client, django_capture_on_commit_callbacks, pilot
):
    course = pilot.schedule.course
    client.force_login(course.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("schedules:pilot_import", args=[course.pk]),
            {
                "file": SimpleUploadedFile("moodle_log.csv", fixture("moodle_log.csv")),
                "uploader_zone": "Europe/Berlin",
            },
        )
    assert response.status_code == 302
    response = client.get(response["Location"])
    words = text(response)
    assert "“moodle_log.csv” is being imported in the background." in words
    assert "moodle_log.csv Imported" in words
    assert "new activities to blocks" in words


def test_the_progress_fragment_polls_while_an_import_waits_and_stops_once_it_is_done(
    client, pilot, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    course = pilot.schedule.course
    job = upload(pilot, "moodle_log.csv")
    client.force_login(course.owner)
    url = reverse("schedules:pilot_imports_progress", args=[course.pk])
    fragment = client.get(url, headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "Waiting for the background worker" in body
    assert "<html" not in body
    pilot_import_run.call(job.pk)
    body = unescape(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert "every 2s" not in body
    assert "data-announce>“moodle_log.csv” is imported: 7 new records." in body
    # Without JavaScript the Refresh link shows the whole pilot page.
    assert "<html" in client.get(url).content.decode()


def test_an_outsider_cannot_upload_to_a_course(client, pilot):
    client.force_login(UserFactory(instructor=True))
    response = client.post(
        reverse("schedules:pilot_import", args=[pilot.schedule.course.pk]),
        {
            "file": SimpleUploadedFile("moodle_log.csv", fixture("moodle_log.csv")),
            "uploader_zone": "Europe/Berlin",
        },
    )
    assert response.status_code == 404
    assert not PilotImport.objects.exists()


def test_deleting_the_pilot_data_deletes_imports_records_mapping_secret_and_waiting_uploads(
    django_capture_on_commit_callbacks, pilot, settings, uploads
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(pilot, "moodle_log.csv")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    upload(pilot, "zoom_participants_new.csv")  # still waiting for the worker
    assert PilotSecret.objects.filter(pilot=pilot).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert pilot_data_delete(schedule=pilot.schedule)
    assert not Pilot.objects.exists()
    for model in (PilotImport, PilotRecord, PilotActivity, PilotSecret):
        assert not model.objects.exists()
    assert list(uploads.iterdir()) == []


def test_a_new_secret_gives_the_same_learner_an_unrelated_pseudonym(
    django_capture_on_commit_callbacks, pilot
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(pilot, "moodle_log.csv")
    first = set(PilotRecord.objects.values_list("learner", flat=True))
    schedule = pilot.schedule
    pilot_data_delete(schedule=schedule)
    again = PilotFactory(schedule=schedule, running=True)
    with django_capture_on_commit_callbacks(execute=True):
        upload(again, "moodle_log.csv")
    assert not first & set(PilotRecord.objects.values_list("learner", flat=True))


def test_an_import_keeps_the_pilot_weeks_engagement_for_the_evidence_page(
    django_capture_on_commit_callbacks, pilot
):
    from zoneinfo import ZoneInfo

    from schedules.pilot.evidence import engagement, engagement_of

    with django_capture_on_commit_callbacks(execute=True):
        upload(pilot, "moodle_log.csv")
        job = upload(pilot, "zoom_participants_new.csv")
    job.refresh_from_db()
    zone, first, last = ZoneInfo("Europe/Berlin"), date(2026, 11, 30), date(2026, 12, 13)
    assert job.engagement == engagement_of(pilot, zone, first, last)
    assert job.engagement["records"] == PilotRecord.objects.filter(pilot=pilot).count()
    # Kept for these days and this zone only: another zone is worked out afresh.
    assert engagement(pilot, zone, first, last) == job.engagement
    other = engagement(pilot, ZoneInfo("Asia/Tokyo"), first, last)
    assert other["key"].startswith("Asia/Tokyo")
    # The evidence tables' counts too (nothing is matched to a block yet: none to show).
    assert job.counted["key"]
    assert (job.counted["sessions"], job.counted["completions"]) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_import_leaves_its_records_vacuumed_and_analysed(pilot):
    """The evidence page reads each activity's attendance and completions from an index
    alone; PostgreSQL does so without visiting the rows only once the table is vacuumed, so an
    import vacuums and analyses it when it ends (outside a transaction, as the worker runs
    it) rather than leaving the first look at the evidence to wait for autovacuum."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's; SQLite needs none for its index-only reads")

    def vacuums():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relname = %s",
                [PilotRecord._meta.db_table],
            )
            return cursor.fetchone()

    before = vacuums()
    job = upload(pilot, "moodle_log.csv")  # outside a transaction: the task runs on commit
    job.refresh_from_db()
    assert job.state == PilotImport.State.FINISHED
    after = vacuums()
    assert after[0] > before[0]  # vacuumed
    assert after[1] > before[1]  # analysed
