"""``check_blend``: the findings from the command line, as text and JSON."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ActivityBlockFactory, CourseFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("check_blend", *args, stdout=out)
    return out.getvalue()


def test_the_json_lists_each_finding_with_id_severity_block_weeks_message_fix_and_source():
    course = CourseFactory(title="Statics")
    block = ActivityBlockFactory(schedule=course.schedule, title="Loose reading", due_day=None)
    payload = json.loads(run(str(course.pk), "--json"))
    assert payload["course"] == {"id": course.pk, "title": "Statics"}
    [finding] = [f for f in payload["findings"] if f["id"] == "self-paced-without-due-day"]
    assert finding["severity"] == "problem"
    assert finding["block"] == block.pk
    assert finding["weeks"] == []
    assert "Loose reading" in finding["message"]
    assert finding["fix"] == "Give “Loose reading” a due day within its week."
    assert finding["source"] == "seed 003"


def test_the_text_output_names_each_check():
    course = CourseFactory()
    ActivityBlockFactory(schedule=course.schedule, due_day=None)
    assert "[problem] self-paced-without-due-day" in run(str(course.pk))


def test_an_unknown_course_is_a_clear_error():
    with pytest.raises(CommandError, match="no course with id 999"):
        run("999")
