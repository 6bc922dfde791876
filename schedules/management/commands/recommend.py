"""``python manage.py recommend SPEC.json``: a recommendation for a described course, as JSON.

For LMS teams and scripts. ``-`` reads the spec from standard input; ``--schema`` prints the
JSON Schema of the spec. Uses the published rule set. A bad spec exits with status 1 and one
readable line per problem.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.validation_messages import format_validation_errors
from schedules.rulesets.selectors import published_ruleset, spec_of


class Command(BaseCommand):
    help = "Print the recommended live/self-paced split for a course described in a JSON file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("spec", nargs="?", help="The course as JSON: a file, or - for stdin.")
        parser.add_argument(
            "--schema", action="store_true", help="Print the JSON Schema of the spec and stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schema"]:
            self.stdout.write(json.dumps(CourseFacts.model_json_schema(), indent=2))
            return
        if not options["spec"]:
            raise CommandError("Name a spec file (or - for standard input), or use --schema.")
        text = self._read(options["spec"])
        try:
            facts = CourseFacts.model_validate_json(text)
        except ValidationError as error:
            problems = format_validation_errors(error)
            raise CommandError(
                "The spec was refused:\n" + "\n".join(f"  - {line}" for line in problems)
            ) from error
        ruleset = published_ruleset()
        recommendation = recommend(facts, spec_of(ruleset), rule_version=ruleset.version)
        self.stdout.write(json.dumps(recommendation.to_dict(), indent=2, ensure_ascii=False))

    def _read(self, name: str) -> str:
        if name == "-":
            return sys.stdin.read()
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"There is no file {name}.")
        return path.read_text(encoding="utf-8")
