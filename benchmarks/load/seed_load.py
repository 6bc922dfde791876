"""Fill the load benchmark's database: one instructor per simulated user, each with a
15-week course of 300 blocks (as the editor benchmark has), ten of them submitted for
review, a reviewer with an API token; and write what the load script needs as JSON.

Run by ``benchmarks/load_bench.py`` with the app server's environment (DATABASE_URL…):
``python benchmarks/load/seed_load.py OUT.json``.
"""

import json
import os
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from editor_course import WEEKS, create_editor_blocks  # noqa: E402

from courses.models import Course, LearningOutcome  # noqa: E402
from courses.roles import Role, group_for  # noqa: E402
from schedules.api.tokens import token_create  # noqa: E402
from schedules.models import ActivityBlock, Schedule  # noqa: E402
from schedules.reviews.services import schedule_submit  # noqa: E402
from schedules.rules.choices import Modality  # noqa: E402

PASSWORD = "load-benchmark-password-9"
SUBMITTED = 10


def course_for(owner: User, number: int) -> tuple[Course, list[int]]:
    """Make a 300-block course for ``owner``; return it and its week-1 self-paced blocks."""
    course = Course.objects.create(
        owner=owner,
        title=f"Load course {number}",
        weeks=WEEKS,
        start_date=date(2027, 1, 11),
        timezone="Europe/London",
    )
    outcomes = [
        LearningOutcome.objects.create(course=course, text=f"Outcome {n}", position=n)
        for n in range(5)
    ]
    schedule = Schedule.objects.get(course=course)
    blocks = create_editor_blocks(schedule)
    links = ActivityBlock.outcomes.through
    links.objects.bulk_create(
        links(activityblock_id=block.pk, learningoutcome_id=outcome.pk)
        for block in blocks
        for outcome in outcomes[:2]
    )
    editable = [b.pk for b in blocks if b.modality == Modality.SELF_PACED and b.weeks == [1]]
    return course, editable


def main() -> None:
    users = int(os.environ.get("LOAD_USERS", "50"))
    instructors = []
    group = group_for(Role.INSTRUCTOR)
    for number in range(users):
        owner = User.objects.create_user(f"load-instructor-{number}", password=PASSWORD)
        owner.groups.add(group)
        course, editable = course_for(owner, number)
        if number < SUBMITTED:
            schedule_submit(course=course, by=owner)
        instructors.append({"username": owner.username, "course": course.pk, "blocks": editable})
    reviewer = User.objects.create_user("load-reviewer", password=PASSWORD)
    reviewer.groups.add(group_for(Role.REVIEWER))
    _, token = token_create(user=reviewer, name="Load benchmark")
    submitted = list(
        Schedule.objects.filter(course__owner__username__startswith="load-instructor-")
        .exclude(status="draft")
        .values_list("pk", flat=True)
    )
    Path(sys.argv[1]).write_text(
        json.dumps(
            {
                "password": PASSWORD,
                "instructors": instructors,
                "reviewer": reviewer.username,
                "token": token,
                "submitted": submitted,
            }
        )
    )


if __name__ == "__main__":
    main()
