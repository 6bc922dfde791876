"""What a draft rule set would change across every stored course, worked out in the worker.

A rule admin's "Preview the impact" makes an ``ImpactPreviewJob`` with the draft's spec as
it is then, and queues ``impact_preview_run``; the request returns at once and the Rules
page polls the job's progress. The task goes through every course in chunks of 2,000 (one
query each, with what the engine reads prefetched), evaluates each with the draft and keeps
the courses whose recommended share would change, biggest change first, on the job. The
page shows the latest job of the draft, and says when the draft has changed since (its
spec's hash is not the job's).

Idempotent: asking again while a preview of the same spec runs returns that job; a rerun of
the task for a job that is running (and moving) or done does nothing. Asking for a preview
drops the earlier ones (only the latest is shown), and a task whose job has gone stops at its
next chunk. It only reads the courses: progress is written between chunks, when no query is
open, so on SQLite it never holds a read snapshot while it writes.
"""

import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from courses.models import Course
from courses.people import person_name
from schedules.models import ImpactPreviewJob, RuleSet
from schedules.recommendations.selectors import (
    courses_with_facts,
    facts_data,
    missing_for_recommendation,
)
from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.spec import RuleSetSpec
from schedules.rulesets.selectors import RuleSetAlreadyPublishedError

logger = logging.getLogger("schedules.impact")

# Courses read in one query (with their outcomes, profiles and segments prefetched); the
# job's progress moves on after each chunk (docs/benchmarks.md, "The impact preview").
CHUNK = 2000

Progress = Callable[[int], None]


def spec_hash(spec: Any) -> str:
    """Return the SHA-256 of a rule set's JSON ``spec`` (keys sorted), to tell specs apart."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def described_courses(
    chunk: int = CHUNK, *, progress: Progress | None = None
) -> Iterator[tuple[Course, CourseFacts]]:
    """Yield every course that has what a recommendation needs, with its engine facts.

    Courses are read ``chunk`` at a time in id order, each chunk's query finished before its
    courses are yielded; ``progress`` is called after each chunk with the number of courses
    gone through so far (the described and the others).
    """
    courses = courses_with_facts(
        Course.objects.select_related("schedule", "owner")
        # The stored explanation is large JSON; only its share is compared here.
        .defer("schedule__recommendation")
        .order_by("pk")
    )
    seen, last = 0, 0
    while batch := list(courses.filter(pk__gt=last)[:chunk]):
        for course in batch:
            if not missing_for_recommendation(course):
                yield course, CourseFacts.model_validate(facts_data(course))
        seen, last = seen + len(batch), batch[-1].pk
        if progress is not None:
            progress(seen)


@dataclass(frozen=True, slots=True)
class Impact:
    """How a draft would change one course's recommended live share."""

    course_id: int
    title: str
    owner: str
    before: int | None
    after: int

    @property
    def change(self) -> int:
        return self.after - (self.before or 0)


def impact_preview(*, spec: RuleSetSpec, progress: Progress | None = None) -> list[Impact]:
    """Return the courses whose recommendation ``spec`` would change, biggest change first."""
    impacts = []
    for course, facts in described_courses(progress=progress):
        after = recommend(facts, spec).live_percent
        before = course.schedule.recommended_live_share
        if after != before:
            impacts.append(
                Impact(course.pk, course.title, person_name(course.owner), before, after)
            )
    impacts.sort(key=lambda impact: (-abs(impact.change), impact.title))
    return impacts


def impact_preview_start(*, draft: RuleSet, by: User | None) -> ImpactPreviewJob:
    """Return the job previewing ``draft`` as it is now, making and queuing one (once this
    commits) unless a preview of the same spec is already under way.

    Raises RuleSetAlreadyPublishedError when ``draft`` was published meanwhile.
    """
    with transaction.atomic():
        # Locked, so two admins asking at once make one job between them.
        draft = RuleSet.objects.select_for_update().get(pk=draft.pk)
        if draft.status != RuleSet.Status.DRAFT:
            raise RuleSetAlreadyPublishedError(draft)
        key = spec_hash(draft.spec)
        under_way = (
            ImpactPreviewJob.objects.filter(
                draft=draft,
                spec_hash=key,
                state__in=[ImpactPreviewJob.State.QUEUED, ImpactPreviewJob.State.RUNNING],
            )
            .order_by("-created", "-pk")
            .first()
        )
        if under_way is not None and not under_way.is_stalled:
            return under_way
        # Only the latest preview is shown: the others go (results can be large), and a
        # task still working on one stops at its next chunk.
        ImpactPreviewJob.objects.all().delete()
        job = ImpactPreviewJob.objects.create(
            draft=draft,
            spec=draft.spec,
            spec_hash=key,
            requested_by=by,
            total=Course.objects.count(),
        )
        transaction.on_commit(lambda: impact_preview_run.enqueue(job.pk), robust=True)
    return job


class PreviewGoneError(Exception):
    """The job was dropped (a newer preview was asked for, or the draft discarded)."""


def _claim(job_id: int) -> ImpactPreviewJob | None:
    """Mark the job running and return it, or None when there is nothing to do: it is gone,
    done, or running in another worker that is still moving it on."""
    with transaction.atomic():
        job = ImpactPreviewJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_active:
            return None
        if job.state == ImpactPreviewJob.State.RUNNING and not job.is_stalled:
            return None
        job.state, job.started, job.done = ImpactPreviewJob.State.RUNNING, timezone.now(), 0
        job.save()
    return job


def _running(job_id: int) -> Any:
    """Return the job's row while it runs (a query set to update)."""
    return ImpactPreviewJob.objects.filter(pk=job_id, state=ImpactPreviewJob.State.RUNNING)


@task
def impact_preview_run(job_id: int) -> str:
    """Work out the job's preview, recording progress after each chunk, and keep the result.

    Returns what happened, which the task's result keeps.
    """
    job = _claim(job_id)
    if job is None:
        return "nothing to do"
    seen = 0

    def record(count: int) -> None:
        nonlocal seen
        seen = count
        moved = _running(job_id).update(done=min(count, job.total), updated=timezone.now())
        if not moved:
            raise PreviewGoneError

    try:
        impacts = impact_preview(spec=RuleSetSpec.model_validate(job.spec), progress=record)
    except PreviewGoneError:
        return "dropped"
    except Exception as error:
        logger.exception(
            "Could not preview the impact of %s", job.draft_id, extra={"job_id": job_id}
        )
        first_line = (str(error).splitlines() or [type(error).__name__])[0]
        now = timezone.now()
        _running(job_id).update(
            state=ImpactPreviewJob.State.FAILED, error=first_line, finished=now, updated=now
        )
        raise
    now = timezone.now()
    # Courses made or deleted since it was asked for: the total is the count gone through.
    _running(job_id).update(
        state=ImpactPreviewJob.State.FINISHED,
        total=seen,
        done=seen,
        changed=len(impacts),
        result=[asdict(impact) for impact in impacts],
        finished=now,
        updated=now,
    )
    return f"{len(impacts)} of {seen} courses would change"


@dataclass(frozen=True)
class PreviewState:
    """The latest impact preview of a draft, as the Rules page shows it."""

    job: ImpactPreviewJob
    # The courses that would change (once the job is finished, and while the draft is as it
    # was asked about).
    impacts: list[Impact]
    # Whether the draft has changed since the preview was asked for.
    stale: bool


def draft_preview_state(draft: RuleSet) -> PreviewState | None:
    """Return the latest impact preview of ``draft``, or None if none was asked for."""
    job = (
        ImpactPreviewJob.objects.filter(draft=draft)
        .defer("spec", "result")
        .order_by("-created", "-pk")
        .first()
    )
    if job is None:
        return None
    stale = job.spec_hash != spec_hash(draft.spec)
    impacts = []
    # A preview of the draft as it was is not listed: every change to the draft would draw
    # (and read) a table of up to every course again, and it no longer says what the draft does.
    if job.state == ImpactPreviewJob.State.FINISHED and not stale:
        impacts = [Impact(**row) for row in job.result]
    return PreviewState(job=job, impacts=impacts, stale=stale)
