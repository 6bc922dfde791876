"""A draft's impact preview is worked out in the worker: one job per spec asked about,
idempotent, its progress recorded chunk by chunk and its result kept on the job.

Shares come from seed 000's matrix as shipped: a course fitting row 1 fully is 70% live; the
drafts here raise row 1 to 80%, so each such course would move by 10 points.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from courses.models import Course
from schedules.models import ImpactPreviewJob, RuleSet, Schedule
from schedules.recommendations import impact
from schedules.recommendations.impact import (
    Impact,
    draft_preview_state,
    impact_preview,
    impact_preview_run,
    impact_preview_start,
    spec_hash,
)
from schedules.rules import engine
from schedules.rulesets.selectors import (
    RuleSetAlreadyPublishedError,
    published_ruleset,
    spec_of,
    validate_spec,
)
from schedules.rulesets.services import (
    ruleset_draft_discard,
    ruleset_draft_save,
    ruleset_draft_start,
)
from tests.factories import CourseFactory, UserFactory
from tests.schedules.recommendations.test_recompute import (
    DATABASE_TASKS,
    DUMMY_TASKS,
    described_course,
    queued_job_ids,
)


def draft_with_row_1_at(share: int) -> RuleSet:
    """Return the draft, with row 1 of the published rules at ``share``% live."""
    published_ruleset()
    draft = ruleset_draft_start(by=UserFactory(rule_admin=True))
    return set_row_1(draft, share)


def set_row_1(draft: RuleSet, share: int) -> RuleSet:
    spec = {**draft.spec, "matrix": [dict(row) for row in draft.spec["matrix"]]}
    spec["matrix"][0]["live_share"] = share
    return ruleset_draft_save(draft=draft, spec=validate_spec(spec))


@pytest.fixture
def courses(db):
    made = [described_course(f"Course {n}") for n in range(5)]
    CourseFactory(title="Not described yet")  # no outcomes or learners: never previewed
    return made


@pytest.fixture
def queued(settings):
    settings.TASKS = DUMMY_TASKS
    return []


def start(draft: RuleSet, capture) -> ImpactPreviewJob:
    with capture(execute=True):
        job = impact_preview_start(draft=draft, by=None)
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_asking_queues_the_work_and_reads_no_course(
    courses, queued, django_capture_on_commit_callbacks
):
    draft = draft_with_row_1_at(80)
    job = start(draft, django_capture_on_commit_callbacks)

    assert queued_job_ids(impact_preview_run.get_backend()) == [job.pk]
    assert (job.state, job.done, job.total, job.result) == ("queued", 0, 6, [])
    assert (job.spec, job.spec_hash) == (draft.spec, spec_hash(draft.spec))


@pytest.mark.django_db
def test_asking_again_while_it_is_under_way_keeps_to_the_same_job(
    courses, queued, django_capture_on_commit_callbacks
):
    draft = draft_with_row_1_at(80)
    first = start(draft, django_capture_on_commit_callbacks)
    ImpactPreviewJob.objects.filter(pk=first.pk).update(state="running", done=2)

    again = start(draft, django_capture_on_commit_callbacks)

    assert again.pk == first.pk
    assert again.done == 2
    assert queued_job_ids(impact_preview_run.get_backend()) == [first.pk]  # queued once
    assert ImpactPreviewJob.objects.count() == 1


@pytest.mark.django_db
def test_the_task_keeps_the_same_result_as_the_preview_computed_on_the_spot(
    courses, django_capture_on_commit_callbacks
):
    """Tasks run at once in tests: the job is done when asking commits."""
    # A course already at the draft's share stays put: not listed.
    Schedule.objects.filter(course=courses[0]).update(recommended_live_share=80)
    draft = draft_with_row_1_at(80)
    expected = impact_preview(spec=spec_of(draft))

    job = start(draft, django_capture_on_commit_callbacks)

    assert len(expected) == 4
    assert (job.state, job.done, job.total, job.changed) == ("finished", 6, 6, 4)
    assert job.started is not None
    assert job.finished is not None
    state = draft_preview_state(draft)
    assert state is not None
    assert state.impacts == expected
    assert state.impacts[0] == Impact(
        courses[1].pk, "Course 1", state.impacts[0].owner, before=70, after=80
    )
    assert not state.stale


@pytest.mark.django_db
def test_the_preview_is_of_the_spec_asked_about_and_says_when_the_draft_changed_since(
    courses, django_capture_on_commit_callbacks
):
    draft = draft_with_row_1_at(80)
    start(draft, django_capture_on_commit_callbacks)

    set_row_1(draft, 90)
    state = draft_preview_state(draft)
    assert state is not None
    assert state.stale
    assert state.job.changed == 5
    assert state.impacts == []  # not listed: they are not what the draft does now

    set_row_1(draft, 80)  # back as it was: the preview is of this draft again
    state = draft_preview_state(draft)
    assert state is not None
    assert not state.stale
    assert {impact.after for impact in state.impacts} == {80}


@pytest.mark.django_db
def test_asking_about_a_changed_draft_drops_the_earlier_preview(
    courses, django_capture_on_commit_callbacks
):
    draft = draft_with_row_1_at(80)
    first = start(draft, django_capture_on_commit_callbacks)
    set_row_1(draft, 90)

    second = start(draft, django_capture_on_commit_callbacks)

    assert second.pk != first.pk
    assert list(ImpactPreviewJob.objects.all()) == [second]
    state = draft_preview_state(draft)
    assert state is not None
    assert {impact.after for impact in state.impacts} == {90}


@pytest.mark.django_db
def test_progress_is_recorded_after_each_chunk(
    courses, queued, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(impact, "CHUNK", 2)
    monkeypatch.setattr(impact.described_courses, "__defaults__", (2,))
    job = start(draft_with_row_1_at(80), django_capture_on_commit_callbacks)
    recorded = []
    write = impact._running

    def spy(job_id: int):
        recorded.append(ImpactPreviewJob.objects.get(pk=job_id).done)
        return write(job_id)

    monkeypatch.setattr(impact, "_running", spy)

    impact_preview_run.call(job.pk)

    assert recorded == [0, 2, 4, 6]  # before each chunk's record, then before the result
    job.refresh_from_db()
    assert (job.state, job.done, job.changed) == ("finished", 6, 5)


@pytest.mark.django_db
def test_a_rerun_of_a_finished_or_moving_job_does_nothing(
    courses, queued, django_capture_on_commit_callbacks
):
    job = start(draft_with_row_1_at(80), django_capture_on_commit_callbacks)
    assert impact_preview_run.call(job.pk).endswith("courses would change")
    finished = ImpactPreviewJob.objects.get(pk=job.pk).finished

    assert impact_preview_run.call(job.pk) == "nothing to do"
    assert ImpactPreviewJob.objects.get(pk=job.pk).finished == finished

    ImpactPreviewJob.objects.filter(pk=job.pk).update(state="running", updated=timezone.now())
    assert impact_preview_run.call(job.pk) == "nothing to do"  # another worker has it


@pytest.mark.django_db
def test_a_job_whose_worker_stopped_is_taken_over(
    courses, queued, django_capture_on_commit_callbacks
):
    draft = draft_with_row_1_at(80)
    job = start(draft, django_capture_on_commit_callbacks)
    ImpactPreviewJob.objects.filter(pk=job.pk).update(state="running", done=2)

    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        assert ImpactPreviewJob.objects.get(pk=job.pk).is_stalled
        again = start(draft, django_capture_on_commit_callbacks)  # asking again starts over
        assert again.pk != job.pk
        impact_preview_run.call(job.pk)  # the old task, if it comes back, finds nothing

    assert list(ImpactPreviewJob.objects.all()) == [again]


@pytest.mark.django_db
def test_a_job_dropped_while_it_runs_stops_at_its_next_chunk(
    courses, queued, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(impact.described_courses, "__defaults__", (2,))
    job = start(draft_with_row_1_at(80), django_capture_on_commit_callbacks)
    evaluated = []

    def recommend(*args, **kwargs):
        evaluated.append(1)
        if len(evaluated) == 1:
            ruleset_draft_discard(draft=RuleSet.objects.get(status="draft"))  # drops the job
        return engine.recommend(*args, **kwargs)

    monkeypatch.setattr(impact, "recommend", recommend)

    assert impact_preview_run.call(job.pk) == "dropped"
    assert len(evaluated) == 2  # the first chunk only
    assert not ImpactPreviewJob.objects.exists()


@pytest.mark.django_db
def test_a_failure_is_recorded_on_the_job_and_logged(
    courses, queued, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    job = start(draft_with_row_1_at(80), django_capture_on_commit_callbacks)

    def broken(*args, **kwargs):
        raise ValueError("Unknown time zone 'Mars/Olympus'\nmore detail")

    monkeypatch.setattr(impact, "recommend", broken)

    with pytest.raises(ValueError, match="Mars"):
        impact_preview_run.call(job.pk)

    job.refresh_from_db()
    assert (job.state, job.error) == ("failed", "Unknown time zone 'Mars/Olympus'")
    assert job.finished is not None
    assert "Could not preview the impact" in caplog.text


@pytest.mark.django_db
def test_a_draft_published_meanwhile_cannot_be_previewed(courses):
    draft = draft_with_row_1_at(80)
    RuleSet.objects.filter(version=1).update(status="retired")
    RuleSet.objects.filter(pk=draft.pk).update(
        status="published", version=9, published_at=timezone.now()
    )
    with pytest.raises(RuleSetAlreadyPublishedError):
        impact_preview_start(draft=draft, by=None)
    assert not ImpactPreviewJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_works_out_the_preview(courses, settings):
    """The database queue as production uses it: asking queues, the worker previews."""
    settings.TASKS = DATABASE_TASKS
    draft = draft_with_row_1_at(80)
    job = impact_preview_start(draft=draft, by=None)
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY"
    assert ImpactPreviewJob.objects.get(pk=job.pk).state == "queued"

    call_command("db_worker", batch=True, startup_delay=False)

    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.changed) == ("finished", 6, 6, 5)
    [ran] = DBTaskResult.objects.all()
    assert (ran.status, ran.return_value) == ("SUCCESSFUL", "5 of 6 courses would change")
    assert sorted(row["title"] for row in job.result) == [f"Course {n}" for n in range(5)]
    assert Course.objects.count() == 6
