"""Moving every course's stored recommendation to a newly published rule set, in the worker.

Publishing makes a ``RecomputeJob`` and queues ``recompute_recommendations``; the request
returns at once, and the published rules already apply to whatever is computed from then on
(a course saved meanwhile is recomputed under them by ``recommendation_refresh``). The task
goes through the courses in batches of ``BATCH_SIZE``, in id order, each batch one
transaction that also moves the job's progress on. After ``TASK_SECONDS`` it queues itself
for the rest, so a worker restarting between tasks loses nothing and other tasks (e-mail)
are not held up.

Safe to run again, or twice at once: a batch locks the published rule set's row and the
job's row and reads where the last committed batch stopped, so two runs take turns; a
course already at the new version is skipped, and recomputing one gives the same result. A
worker killed mid-batch loses that batch's transaction only; ``manage.py
recompute_recommendations`` (or any rerun of the task) carries on from there. A course the
engine cannot read is logged with its id and left as it was; the others go on.
"""

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone

from courses.models import Course
from schedules.models import RecomputeJob, RuleSet, Schedule
from schedules.recommendations.selectors import (
    courses_with_facts,
    facts_data,
    missing_for_recommendation,
)
from schedules.recommendations.services import store_recommendation
from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rulesets.selectors import spec_of

logger = logging.getLogger("schedules.recompute")

# Courses a batch recomputes in one transaction: on SQLite about a second of holding the
# write lock (docs/benchmarks.md), so pages' own writes wait at most that long.
BATCH_SIZE = 200
# On SQLite a write waiting for the lock polls for it (sleeping up to 100 ms between tries)
# rather than queuing, so it can lose to the next batch again and again: between batches the
# task lets go of the lock this long (docs/benchmarks.md, "Publishing"). PostgreSQL's batches
# lock only their own courses' rows, and need no pause.
SQLITE_PAUSE_SECONDS = 0.15
# A task goes on with the next batch until it has run this long, then queues the rest.
TASK_SECONDS = 10.0
# The failed courses a job lists (all are counted and logged).
FAILURES_KEPT = 100


def recompute_job_start(*, ruleset: RuleSet) -> RecomputeJob:
    """Make the job that moves every course to ``ruleset`` and queue it once committed.

    Called inside the publishing transaction: a job of an older version that has not
    finished is superseded, since this one goes through every course.
    """
    RecomputeJob.objects.filter(
        state__in=[RecomputeJob.State.QUEUED, RecomputeJob.State.RUNNING]
    ).exclude(ruleset=ruleset).update(
        state=RecomputeJob.State.SUPERSEDED, finished=timezone.now(), updated=timezone.now()
    )
    last = Course.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    job, _ = RecomputeJob.objects.get_or_create(
        ruleset=ruleset,
        defaults={"total": Course.objects.filter(pk__lte=last).count(), "last_course_id": last},
    )
    transaction.on_commit(lambda: recompute_recommendations.enqueue(job.pk), robust=True)
    return job


@dataclass
class BatchOutcome:
    """What one batch did."""

    changed: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)


def _locked_schedules(ids: list[int]) -> dict[int, Schedule]:
    """Return the schedules of courses ``ids`` by course id, locked (made where missing).

    Locked first, so an instructor's change saved meanwhile waits for the batch and is then
    stored over it, rather than the batch storing a result from facts read before it.
    """
    schedules = Schedule.objects.select_for_update().only(
        "pk", "course_id", "recommended_live_share", "rules_version"
    )
    found = {schedule.course_id: schedule for schedule in schedules.filter(course_id__in=ids)}
    if len(found) < len(ids):
        Schedule.objects.bulk_create(
            [Schedule(course_id=pk) for pk in ids if pk not in found], ignore_conflicts=True
        )
        found = {schedule.course_id: schedule for schedule in schedules.filter(course_id__in=ids)}
    return found


def _recompute(ids: list[int], ruleset: RuleSet) -> BatchOutcome:
    """Recompute and store the recommendations of courses ``ids`` under ``ruleset``."""
    assert ruleset.version is not None
    outcome = BatchOutcome()
    schedules = _locked_schedules(ids)
    spec = spec_of(ruleset)
    courses = courses_with_facts(Course.objects.filter(pk__in=ids).order_by("pk"))
    updated = []
    for course in courses:
        schedule = schedules[course.pk]
        if schedule.rules_version == ruleset.version or missing_for_recommendation(course):
            continue  # already moved (a rerun, or saved since), or nothing to recommend from
        try:
            facts = CourseFacts.model_validate(facts_data(course))
            recommendation = recommend(facts, spec, rule_version=ruleset.version)
        except Exception as error:  # one course's bad data must not stop the others
            logger.exception(
                "Could not recompute course %s (%r) under rules v%s; it keeps its old "
                "recommendation",
                course.pk,
                course.title,
                ruleset.version,
                extra={"course_id": course.pk, "rules_version": ruleset.version},
            )
            first_line = (str(error).splitlines() or [type(error).__name__])[0]
            outcome.failures.append({"id": course.pk, "title": course.title, "error": first_line})
            continue
        before = schedule.recommended_live_share
        moved = before != recommendation.live_percent
        store_recommendation(schedule, recommendation, ruleset.version)
        if moved:
            schedule.recommendation["updated_by_rules"] = ruleset.version
            # What it was, so the panel can say what the new rules changed (38% → 31%).
            schedule.recommendation["updated_from_percent"] = before
            outcome.changed += 1
        updated.append(schedule)
    Schedule.objects.bulk_update(
        updated, ["recommended_live_share", "recommendation", "rules_version"]
    )
    return outcome


def _finish(job: RecomputeJob, ruleset: RuleSet) -> None:
    """Mark ``job`` finished (courses deleted since publishing were never gone through, so
    the total becomes the count done) and log what it did."""
    job.state, job.finished, job.total = RecomputeJob.State.FINISHED, timezone.now(), job.done
    logger.info(
        "Recomputed the recommendations of %d courses under %s: %d changed, %d failed",
        job.done,
        ruleset,
        job.changed,
        job.failed,
        extra={"rules_version": ruleset.version, "job_id": job.pk},
    )


def recompute_batch(*, job_id: int, size: int | None = None) -> bool:
    """Go through the job's next ``size`` (``BATCH_SIZE``) courses in one transaction;
    return whether the job has courses left (False once it is finished, superseded or
    gone)."""
    size = size or BATCH_SIZE
    with transaction.atomic():
        ruleset_id = RecomputeJob.objects.filter(pk=job_id).values_list("ruleset_id", flat=True)
        # The rule set's row first, then the job's, in the order publishing takes them.
        ruleset = RuleSet.objects.select_for_update().filter(pk__in=ruleset_id).first()
        job = RecomputeJob.objects.select_for_update().filter(pk=job_id).first()
        if ruleset is None or job is None or not job.is_active:
            return False
        now = timezone.now()
        if ruleset.status != RuleSet.Status.PUBLISHED:
            job.state, job.finished = RecomputeJob.State.SUPERSEDED, now
            job.save()
            return False
        if job.state == RecomputeJob.State.QUEUED:
            job.state, job.started = RecomputeJob.State.RUNNING, now
        # Locked, so none is deleted before its schedule is read (or made), and in the order
        # an instructor's save takes them: the course's row, then its schedule's.
        ids = list(
            Course.objects.select_for_update()
            .filter(pk__gt=job.cursor, pk__lte=job.last_course_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:size]
        )
        if ids:
            outcome = _recompute(ids, ruleset)
            job.cursor = ids[-1]
            job.done = min(job.done + len(ids), job.total)
            job.changed += outcome.changed
            job.failed += len(outcome.failures)
            job.failures = [*job.failures, *outcome.failures][:FAILURES_KEPT]
        more = len(ids) == size  # a short batch was the last: later courses are not the job's
        if not more:
            _finish(job, ruleset)
        job.save()
    return more


@task
def recompute_recommendations(job_id: int) -> str:
    """Recompute the job's courses batch by batch; after ``TASK_SECONDS`` queue the rest.

    Returns what happened, which the task's result keeps.
    """
    deadline = time.monotonic() + TASK_SECONDS
    while recompute_batch(job_id=job_id):
        if time.monotonic() > deadline:
            recompute_recommendations.enqueue(job_id)
            return "next batches queued"
        if connection.vendor == "sqlite":
            time.sleep(SQLITE_PAUSE_SECONDS)
    return "done"
