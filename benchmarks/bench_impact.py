"""The impact preview of a draft rule set over 10,000 stored courses, on SQLite.

Fills a throwaway SQLite database with 10,000 described courses (3 outcomes, a learner
profile and 2 segments each), makes a draft that changes row 1's share, and times
``impact_preview`` end to end, the computation the worker's ``impact_preview_run`` does
(without its few progress writes): loading every course, building its facts, evaluating it
and comparing. Median of 3 runs. ``--courses N`` measures another size (``make bench``: 10,000).

Then, as a rule admin meets it: the "Preview the impact" request (an htmx POST through the
test client, queuing the task in the database queue, as in production), and the task as the
worker runs it (``impact_preview_run``, its progress writes and stored result included).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_setup import setup_django

COURSES = 10_000
RUNS = 3


def _fill(count: int) -> None:
    from django.contrib.auth.models import User

    from courses.choices import Bandwidth, BloomLevel, LearnerProfileKind, ObjectiveKind
    from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome
    from schedules.models import Schedule

    owner = User.objects.create_user("bench-impact", password="bench-password-123")
    kinds = list(ObjectiveKind)
    profiles = list(LearnerProfileKind)
    bandwidths = list(Bandwidth)
    courses = Course.objects.bulk_create(
        Course(owner=owner, title=f"Course {n}", timezone="Europe/London") for n in range(count)
    )
    Schedule.objects.bulk_create(Schedule(course=course) for course in courses)
    LearningOutcome.objects.bulk_create(
        LearningOutcome(
            course=course,
            text=f"Outcome {i}",
            bloom_level=BloomLevel.APPLY,
            kind=kinds[(n + i) % 3],
            position=i,
        )
        for n, course in enumerate(courses)
        for i in range(3)
    )
    profile_rows = LearnerProfile.objects.bulk_create(
        LearnerProfile(
            course=course,
            kind=profiles[n % 3],
            bandwidth=bandwidths[n % 3],
            lab_access=n % 2 == 0,
            lms_present=True,
        )
        for n, course in enumerate(courses)
    )
    LearnerSegment.objects.bulk_create(
        LearnerSegment(profile=profile, name=name, head_count=15, timezone=zone)
        for profile in profile_rows
        for name, zone in (("Home", "Europe/London"), ("Away", "America/New_York"))
    )


def main(courses: int = COURSES) -> list[tuple[str, float, str, str]]:
    setup_django()
    from schedules.models import RuleSet
    from schedules.recommendations.impact import impact_preview
    from schedules.recommendations.recompute import recompute_batch, recompute_job_start
    from schedules.rulesets.selectors import published_ruleset, spec_of

    _fill(courses)
    published = published_ruleset()
    job = recompute_job_start(ruleset=published)  # every course recommended under v1
    while recompute_batch(job_id=job.pk):
        pass
    spec = dict(published.spec)
    spec["matrix"] = [dict(row) for row in spec["matrix"]]
    spec["matrix"][0]["live_share"] = 80
    draft = RuleSet.objects.create(status=RuleSet.Status.DRAFT, spec=spec)
    timings, changed = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        changed = len(impact_preview(spec=spec_of(draft)))
        timings.append(time.perf_counter() - start)
    request, task = _as_the_worker_does_it()
    return [
        (
            f"impact preview, {courses:,} courses on SQLite ({changed:,} change) (median)",
            statistics.median(timings),
            "s",
            "< 5",
        ),
        ("impact preview: the rule admin's request (queues the task)", request, "ms", "< 200"),
        (f"impact preview: the task in the worker, {courses:,} courses", task, "s", "—"),
    ]


def _as_the_worker_does_it() -> tuple[float, float]:
    """Return the preview request's time in ms and the task's in seconds."""
    from django.contrib.auth.models import User
    from django.test import Client

    from courses.roles import Role, group_for
    from schedules.models import ImpactPreviewJob
    from schedules.recommendations.impact import impact_preview_run

    admin = User.objects.create_user("bench-rule-admin", password="bench-password-123")
    admin.groups.add(group_for(Role.RULE_ADMIN))
    client = Client()
    client.force_login(admin)
    assert client.get("/rules/").status_code == 200  # warm: URLs and templates loaded
    start = time.perf_counter()
    response = client.post("/rules/draft/preview/", HTTP_HX_REQUEST="true")
    request = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.status_code
    job = ImpactPreviewJob.objects.get()
    assert job.state == ImpactPreviewJob.State.QUEUED
    start = time.perf_counter()
    impact_preview_run.call(job.pk)
    task = time.perf_counter() - start
    job.refresh_from_db()
    assert job.state == ImpactPreviewJob.State.FINISHED
    return request, task


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=COURSES)
    for row in main(parser.parse_args().courses):
        print("\t".join(map(str, row)))
