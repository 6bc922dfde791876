"""``python manage.py seed_demo``: demo users and three demo courses (one with a running
pilot whose evidence is imported and one suggested edit applied, one approved and shared
with its learners, one with a first-week survey answered), idempotently."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from courses.models import Course
from courses.roles import group_for
from schedules.demo import (
    DEMO_COURSES,
    DEMO_PASSWORD,
    DEMO_PILOT,
    DEMO_SURVEY_ANSWERS,
    DEMO_SURVEY_COURSE,
    DEMO_USERS,
    DemoBlock,
    DemoCourse,
    demo_pilot_exports,
)
from schedules.learnerpage.services import learner_page_create
from schedules.models import Pilot
from schedules.overview.services import demo_course_create
from schedules.pilot.evidence import mapping_rows
from schedules.pilot.imports import pilot_import_run, pilot_import_start
from schedules.pilot.selectors import evidence_with_edits
from schedules.pilot.services import (
    pilot_mapping_save,
    pilot_move,
    pilot_plan,
    readiness_tick,
    retrospective_book,
    revision_apply,
)
from schedules.reviews.services import review_decide, schedule_submit
from schedules.survey.services import demo_survey_create

# The course whose schedule the demo approves and shares with its learners: sample week B,
# taught from New York to offices in London and Singapore across the clocks' change in
# March, so its learners' page shows each zone's own times.
LEARNERS_DEMO = DEMO_COURSES[1]


class Command(BaseCommand):
    help = (
        "Create the demo users (instructor, reviewer, rulesadmin; password "
        f"{DEMO_PASSWORD}) and three demo courses, one per sample week of seed 000, one of "
        "them approved with a learners' page and one with a running pilot. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo password is public: never in production).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates users with a public password, so it refuses to run with "
                "DEBUG off. Use --force if this really is a demo server."
            )
        with transaction.atomic():
            instructor = self._create_users()
            created = [demo for demo in DEMO_COURSES if self._create_course(demo, instructor)]
            shared = self._share_with_learners(instructor) if LEARNERS_DEMO in created else ""
        for demo in created:
            self.stdout.write(f"Created demo course: {demo.course['title']}")
        if shared:
            self.stdout.write(f"Its approved schedule for learners (no sign-in): {shared}")
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data ready. Sign in as instructor, reviewer or rulesadmin "
                f"with the password {DEMO_PASSWORD}."
            )
        )

    def _create_users(self) -> Any:
        user_model = get_user_model()
        instructor = None
        for demo in DEMO_USERS:
            user, created = user_model.objects.get_or_create(
                username=demo.username,
                defaults={
                    "first_name": demo.first_name,
                    "last_name": demo.last_name,
                    "email": demo.email,
                    "is_staff": demo.is_staff,
                },
            )
            if not user.email:  # made by an earlier seed_demo, before demo users had one
                user.email = demo.email
                user.save(update_fields=["email"])
            if created:
                # The demo password meets the same rules as any other (AUTH_PASSWORD_VALIDATORS).
                try:
                    validate_password(DEMO_PASSWORD, user)
                except ValidationError as refused:
                    raise CommandError(
                        f"The demo password is refused for {demo.username}: "
                        + " ".join(refused.messages)
                    ) from refused
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
                self.stdout.write(f"Created demo user: {demo.username}")
            user.groups.add(group_for(demo.role))
            if demo.username == "instructor":
                instructor = user
        return instructor

    def _share_with_learners(self, instructor: Any) -> str:
        """Submit and approve ``LEARNERS_DEMO``'s schedule and make its learners' link (and
        calendar feed); return the link's path."""
        course = Course.objects.get(owner=instructor, code=LEARNERS_DEMO.course["code"])
        reviewer = get_user_model().objects.get(username="reviewer")
        version = schedule_submit(course=course, by=instructor)
        review_decide(version=version, by=reviewer, approve=True, comment="Approved for the demo.")
        page = learner_page_create(schedule=course.schedule, by=instructor)
        return f"/l/{page.token}/"

    def _create_course(self, demo: DemoCourse, owner: Any) -> bool:
        """Create one demo course unless the owner already has it; return whether it did."""
        if Course.objects.filter(owner=owner, code=demo.course["code"]).exists():
            return False
        course = demo_course_create(owner=owner, demo=demo)
        if demo.course["code"] == DEMO_PILOT.course_code:
            # A running pilot with part of its checklist done and its retrospective booked.
            pilot = pilot_plan(schedule=course.schedule)
            for item, note in DEMO_PILOT.ticks:
                readiness_tick(pilot=pilot, item=item, note=note, by=owner)
            retrospective_book(pilot=pilot, on=DEMO_PILOT.retrospective_on)
            pilot_move(pilot=pilot, action="start")
            self._import_demo_evidence(pilot, owner)
        if demo.course["code"] == DEMO_SURVEY_COURSE:
            demo_survey_create(course=course, by=owner, answers=DEMO_SURVEY_ANSWERS)
        return True

    def _import_demo_evidence(self, pilot: Pilot, owner: Any) -> None:
        """Import the demo pilot's made-up exports through the upload task, as a newcomer
        would, and confirm the suggested mapping, so the evidence page has something to show."""
        course = pilot.schedule.course
        blocks = [
            DemoBlock(
                title=block.title,
                live=block.start_time is not None,
                day=block.day,
                start_minute=block.start_time.hour * 60 + block.start_time.minute
                if block.start_time
                else None,
                duration=block.duration_minutes,
                due_day=block.due_day,
            )
            for block in pilot.schedule.blocks.all()
            if not block.weeks or set(block.weeks) & set(pilot.weeks)
        ]
        start = pilot.start_date or course.start_date
        if start is None:
            return
        for name, content in demo_pilot_exports(blocks, start=start, weeks=list(pilot.weeks)):
            job = pilot_import_start(
                pilot=pilot,
                upload=ContentFile(content, name=name),
                kind=None,
                uploader_zone=str(course.timezone),
                by=owner,
            )
            # At once, so the demo is complete without a worker (a worker finds it done).
            pilot_import_run.call(job.pk)
        rows, _ = mapping_rows(course, pilot)
        pilot_mapping_save(
            pilot=pilot, chosen={row.activity.pk: row.suggestion.block_id for row in rows}
        )
        self._apply_demo_revision(pilot, owner)

    def _apply_demo_revision(self, pilot: Pilot, owner: Any) -> None:
        """Apply the evidence's suggested edit to ``DEMO_PILOT.revised_block`` through the
        service, as the instructor would from the revise page: the evidence page then shows
        an applied edit (with Undo) beside the suggestions still to apply."""
        evidence = evidence_with_edits(pilot.schedule.course, pilot)
        block = next(
            (b for b in evidence["blocks"].values() if b.title == DEMO_PILOT.revised_block), None
        )
        edit = evidence["edits"].get(block.pk) if block is not None else None
        if block is None or edit is None:
            return
        revision_apply(
            pilot=pilot, block=block, edit=edit, expected_version=block.version, by=owner
        )
