"""``python manage.py recompute_recommendations [--queue]``: carry on with moving every course
to the published rules after a worker died mid-way (the Rules page says "No progress since…").
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from schedules.recommendations.recompute import recompute_batch, recompute_recommendations
from schedules.rulesets.selectors import published_recompute_job


class Command(BaseCommand):
    help = (
        "Carry on with recomputing every course's recommendation under the published rules, "
        "from where the last committed batch stopped. Safe while a worker is also at it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the work for the background worker instead of doing it here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        job = published_recompute_job()
        if job is None or not job.is_active:
            self.stdout.write("Nothing to do: every course is at the published rules.")
            return
        if options["queue"]:
            recompute_recommendations.enqueue(job.pk)
            self.stdout.write(f"Queued the rest of {job} for the worker.")
            return
        while recompute_batch(job_id=job.pk):
            job.refresh_from_db()
            self.stdout.write(f"{job.done:,} of {job.total:,} courses")
        job.refresh_from_db()
        self.stdout.write(
            self.style.SUCCESS(f"Done: {job.done:,} courses, {job.changed:,} changed, ")
            + (self.style.ERROR if job.failed else str)(f"{job.failed:,} failed.")
        )
