"""Publishing rules over 10,000 courses, on SQLite: how soon the request returns, and how
soon a real worker has moved every course to the new version.

Fills a throwaway SQLite database with 10,000 described courses (``bench_impact``'s bulk
fill: 3 outcomes, a learner profile and 2 segments each), recommends each under v1, then
starts ``manage.py db_worker`` in a process of its own (as in production: polling every
second), and as a rule admin posts "Publish" through the view (Django's test client). It
times the request, then polls the job's progress until the worker has finished, meanwhile
saving a course every half second as an instructor would (a write that must wait for the
worker's batch to commit on SQLite) and reporting the longest such save. One run: it takes
about a minute. ``--courses N`` for another size. ``make bench`` runs it in a process of its
own, on a database of its own (``main``).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_setup import setup_django

HERE = Path(__file__).resolve().parent
COURSES = 10_000


def main(courses: int = COURSES) -> list[tuple[str, float, str, str]]:
    """Return the figures, measured in a new process (``make bench`` runs every benchmark in
    one process, whose database the others have filled)."""
    done = subprocess.run(
        [sys.executable, __file__, "--courses", str(courses)],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("\t") for line in done.stdout.splitlines() if line.count("\t") == 3]
    return [(name, float(value), unit, target) for name, value, unit, target in rows]


def measure(courses: int) -> list[tuple[str, float, str, str]]:
    """Fill a new database, publish through the view and time it; print progress."""
    setup_django()
    from bench_impact import _fill
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.urls import reverse

    from courses.models import Course
    from courses.roles import Role
    from schedules.models import RecomputeJob, RuleSet
    from schedules.recommendations.recompute import recompute_batch, recompute_job_start
    from schedules.rulesets.selectors import published_ruleset

    _fill(courses)
    v1 = published_ruleset()
    setup = recompute_job_start(ruleset=v1)  # every course recommended under v1
    while recompute_batch(job_id=setup.pk):
        pass
    admin = User.objects.create_user("bench-rules", password="bench-password-123")
    admin.groups.add(Group.objects.get(name=Role.RULE_ADMIN))
    spec = {**v1.spec, "matrix": [dict(row) for row in v1.spec["matrix"]]}
    spec["matrix"][0]["live_share"] = 80
    draft = RuleSet.objects.create(status=RuleSet.Status.DRAFT, spec=spec, based_on=v1)
    client = Client()
    client.force_login(admin)

    worker = subprocess.Popen(
        [sys.executable, str(HERE.parent / "manage.py"), "db_worker", "--no-reload"],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client.get(reverse("schedules:rules"))  # the first request's set-up is not timed
        time.sleep(3)  # the worker is up and polling before the rule admin publishes
        start = time.perf_counter()
        response = client.post(
            reverse("schedules:draft_publish"), {"note": "Benchmark", "draft": draft.pk}
        )
        returned = time.perf_counter() - start
        assert response.status_code == 302, response.status_code
        job = RecomputeJob.objects.get(ruleset=draft)
        print(f"publish returned in {returned:.3f} s: {job.done:,} of {job.total:,}", flush=True)

        course = Course.objects.order_by("pk").last()
        assert course is not None
        longest_save, last_print = 0.0, 0.0
        while job.is_active:
            time.sleep(0.5)
            save_start = time.perf_counter()
            course.save()  # an instructor's save: recomputes and stores this one course
            longest_save = max(longest_save, time.perf_counter() - save_start)
            job.refresh_from_db()
            if time.perf_counter() - last_print > 5:
                last_print = time.perf_counter()
                print(f"  {time.perf_counter() - start:5.1f} s: {job.done:,} of {job.total:,}")
        finished = time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert job.state == RecomputeJob.State.FINISHED, job.state
    print(f"finished: {job.done:,} courses, {job.changed:,} changed, {job.failed} failed")
    return [
        (f"publish over {courses:,} courses on SQLite: the request", returned, "s", "< 1"),
        (f"publish over {courses:,} courses: until the worker is done", finished, "s", "—"),
        (f"longest course save meanwhile ({courses:,})", longest_save, "s", "—"),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=COURSES)
    for row in measure(parser.parse_args().courses):
        print("\t".join(map(str, row)))
