"""``python manage.py check_blend COURSE_ID [--json]``: the blend checks from the command line."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from courses.models import Course
from schedules.editor.selectors import blend_facts
from schedules.rules.checks import run_checks


class Command(BaseCommand):
    help = "Run the blend checks on a course and print the findings (exit status 0 either way)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("course_id", type=int, help="The course's id (see the admin).")
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        course = Course.objects.filter(pk=options["course_id"]).first()
        if course is None:
            raise CommandError(f"There is no course with id {options['course_id']}.")
        if not hasattr(course, "schedule"):
            raise CommandError(f"“{course}” has no schedule yet.")
        findings = run_checks(blend_facts(course))
        if options["json"]:
            payload = {
                "course": {"id": course.pk, "title": course.title},
                "findings": [finding.to_dict() for finding in findings],
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        if not findings:
            self.stdout.write(self.style.SUCCESS(f"{course}: nothing to flag."))
            return
        self.stdout.write(f"{course}: {len(findings)} finding(s)")
        for finding in findings:
            self.stdout.write(
                f"[{finding.severity.value}] {finding.check}: {finding.message}\n"
                f"    fix: {finding.fix} ({finding.source})"
            )
