"""Publishing rules queues the recomputing of every course, which the worker does in batches,
idempotently, recording its progress.

Shares come from seed 000's matrix as shipped: a course fitting row 1 fully is 70% live; the
rules published here raise row 1 to 80%, so each such course moves to 80%.
"""

import io
import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from courses.models import Course, LearnerSegment
from schedules.models import RecomputeJob, RuleSet, Schedule
from schedules.recommendations import recompute
from schedules.recommendations.recompute import recompute_batch, recompute_recommendations
from schedules.rulesets.selectors import published_ruleset, validate_spec
from schedules.rulesets.services import ruleset_draft_save, ruleset_draft_start, ruleset_publish
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

DUMMY_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def described_course(title: str = "Organic Chemistry") -> Course:
    """A course fitting row 1 of seed 000's matrix fully: 70% live under v1."""
    course = CourseFactory(title=title)
    LearnerSegmentFactory(profile__course=course)
    LearningOutcomeFactory(course=course)
    return course


def stored(course: Course) -> Schedule:
    return Schedule.objects.get(course=course)


def publish_row_1_at(share: int, *, note: str = "Pilot results") -> RuleSet:
    """Publish a draft whose row 1 is ``share``% live; return the new version."""
    admin = UserFactory(rule_admin=True)
    published_ruleset()
    draft = ruleset_draft_start(by=admin)
    spec = {**draft.spec, "matrix": [dict(row) for row in draft.spec["matrix"]]}
    spec["matrix"][0]["live_share"] = share
    ruleset_draft_save(draft=draft, spec=validate_spec(spec))
    return ruleset_publish(draft=draft, by=admin, note=note)


def queued_job_ids(backend: Any) -> list[int]:
    return [result.args[0] for result in backend.results]


@pytest.fixture
def courses(db):
    return [described_course(f"Course {n}") for n in range(5)]


@pytest.mark.django_db
def test_publishing_queues_the_work_and_returns_before_recomputing_any_course(
    courses, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)

    job = RecomputeJob.objects.get(ruleset=v2)
    assert queued_job_ids(recompute_recommendations.get_backend()) == [job.pk]
    assert (job.state, job.done, job.total) == ("queued", 0, 5)
    assert [stored(course).rules_version for course in courses] == [1] * 5
    assert [stored(course).recommended_live_share for course in courses] == [70] * 5


@pytest.mark.django_db
def test_the_published_rules_apply_at_once_to_a_course_saved_before_the_worker_comes(
    courses, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    LearningOutcomeFactory(course=courses[0], text="Another skill")
    assert (stored(courses[0]).rules_version, stored(courses[0]).recommended_live_share) == (2, 80)

    recompute_recommendations.call(RecomputeJob.objects.get(ruleset=v2).pk)

    job = RecomputeJob.objects.get(ruleset=v2)
    assert (job.done, job.changed) == (5, 4)  # the saved course was already at v2: skipped


@pytest.mark.django_db
def test_the_task_recomputes_every_course_and_its_progress_reaches_n_of_n(
    courses, django_capture_on_commit_callbacks
):
    """Tasks run at once in tests (ImmediateBackend): the task runs when publishing commits."""
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)

    job = RecomputeJob.objects.get(ruleset=v2)
    assert (job.state, job.done, job.total, job.changed, job.failed) == ("finished", 5, 5, 5, 0)
    assert job.started is not None
    assert job.finished is not None
    for course in courses:
        schedule = stored(course)
        assert (schedule.rules_version, schedule.recommended_live_share) == (2, 80)
        assert schedule.recommendation["updated_by_rules"] == 2
        assert schedule.recommendation["rule_version"] == 2


@pytest.mark.django_db
def test_the_task_goes_in_batches_and_queues_itself_for_the_rest(
    courses, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    monkeypatch.setattr(recompute, "BATCH_SIZE", 2)
    monkeypatch.setattr(recompute, "TASK_SECONDS", 0)  # one batch per task
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    job = RecomputeJob.objects.get(ruleset=v2)
    backend: Any = recompute_recommendations.get_backend()

    assert recompute_recommendations.call(job.pk) == "next batches queued"

    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("running", 2, 5)
    assert queued_job_ids(backend) == [job.pk, job.pk]  # publishing's, and the rest
    assert [stored(course).rules_version for course in courses] == [2, 2, 1, 1, 1]


@pytest.mark.django_db
def test_running_it_again_changes_nothing_and_recomputes_nothing(
    courses, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    before = [stored(course).recommendation for course in courses]
    job = RecomputeJob.objects.get(ruleset=v2)
    # As if a second worker had started over on the same job.
    RecomputeJob.objects.filter(pk=job.pk).update(state="running", cursor=0, done=0, changed=0)

    with CaptureQueriesContext(connection) as queries:
        assert recompute_recommendations.call(job.pk) == "done"

    assert not [q for q in queries.captured_queries if 'UPDATE "schedules_schedule"' in q["sql"]]
    job.refresh_from_db()
    assert (job.state, job.done, job.changed) == ("finished", 5, 0)
    assert [stored(course).recommendation for course in courses] == before


@pytest.mark.django_db
def test_recomputing_a_course_twice_gives_the_same_recommendation(
    courses, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    fields = ["recommended_live_share", "recommendation", "rules_version"]
    under_v1 = Schedule.objects.filter(course=courses[0]).values(*fields).get()
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    job = RecomputeJob.objects.get(ruleset=v2)
    recompute_recommendations.call(job.pk)
    first = Schedule.objects.filter(course=courses[0]).values(*fields).get()
    # A batch whose commit was lost (a worker killed) leaves its courses as they were, to
    # be done again by the rerun.
    Schedule.objects.filter(course=courses[0]).update(**under_v1)
    RecomputeJob.objects.filter(pk=job.pk).update(state="running", cursor=0, done=0)

    recompute_recommendations.call(job.pk)

    again = Schedule.objects.filter(course=courses[0]).values(*fields).get()
    assert again == first
    assert (again["rules_version"], again["recommended_live_share"]) == (2, 80)


@pytest.mark.django_db
def test_a_course_the_engine_cannot_read_is_logged_and_skipped_and_the_others_go_on(
    courses, caplog, django_capture_on_commit_callbacks
):
    broken = courses[2]
    # A time zone the time-zone database no longer has, written past validation.
    LearnerSegment.objects.filter(profile__course=broken).update(timezone="Mars/Olympus_Mons")
    with (
        caplog.at_level(logging.ERROR, logger="schedules.recompute"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        v2 = publish_row_1_at(80)

    job = RecomputeJob.objects.get(ruleset=v2)
    assert (job.state, job.done, job.changed, job.failed) == ("finished", 5, 4, 1)
    [failure] = job.failures
    assert (failure["id"], failure["title"]) == (broken.pk, "Course 2")
    assert stored(broken).rules_version == 1
    assert [stored(course).rules_version for course in courses if course != broken] == [2] * 4
    [record] = caplog.records
    assert f"Could not recompute course {broken.pk} ('Course 2') under rules v2" in (
        record.getMessage()
    )
    assert record.exc_info is not None


@pytest.mark.django_db
def test_after_a_worker_died_mid_way_a_rerun_carries_on_where_it_stopped(
    courses, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS  # the queued task is lost with the worker
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    job = RecomputeJob.objects.get(ruleset=v2)
    assert recompute_batch(job_id=job.pk, size=3)  # then the worker was killed

    out = io.StringIO()
    call_command("recompute_recommendations", stdout=out)

    job.refresh_from_db()
    assert (job.state, job.done, job.changed) == ("finished", 5, 5)
    assert "Done: 5 courses, 5 changed, 0 failed." in out.getvalue()
    assert [stored(course).rules_version for course in courses] == [2] * 5


@pytest.mark.django_db
def test_publishing_again_before_the_worker_came_supersedes_the_older_job(
    courses, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    with django_capture_on_commit_callbacks(execute=True):
        v3 = publish_row_1_at(60, note="Back down")
    older, newer = RecomputeJob.objects.get(ruleset=v2), RecomputeJob.objects.get(ruleset=v3)
    assert older.state == "superseded"

    assert recompute_recommendations.call(older.pk) == "done"  # does nothing
    assert [stored(course).rules_version for course in courses] == [1] * 5
    recompute_recommendations.call(newer.pk)

    assert [stored(course).recommended_live_share for course in courses] == [60] * 5
    assert [stored(course).rules_version for course in courses] == [3] * 5


@pytest.mark.django_db
def test_a_job_of_rules_retired_meanwhile_stops_at_its_next_batch(
    courses, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DUMMY_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        v2 = publish_row_1_at(80)
    job = RecomputeJob.objects.get(ruleset=v2)
    RuleSet.objects.filter(pk=v2.pk).update(status="retired")  # as a newer publish does

    assert not recompute_batch(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == "superseded"
    assert [stored(course).rules_version for course in courses] == [1] * 5


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_finishes_the_job_batch_after_batch(courses, settings, monkeypatch):
    """The database queue as production uses it: publishing queues, the worker recomputes,
    each task queuing the next batch for itself until every course is done."""
    settings.TASKS = DATABASE_TASKS
    monkeypatch.setattr(recompute, "BATCH_SIZE", 2)
    monkeypatch.setattr(recompute, "TASK_SECONDS", 0)
    v2 = publish_row_1_at(80)
    job = RecomputeJob.objects.get(ruleset=v2)
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert job.done == 0

    call_command("db_worker", batch=True, startup_delay=False)

    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.changed) == ("finished", 5, 5, 5)
    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [result.status for result in results] == ["SUCCESSFUL"] * 3  # 2, 2 and 1 course
    assert [result.return_value for result in results][-1] == "done"
    assert [stored(course).recommended_live_share for course in courses] == [80] * 5
