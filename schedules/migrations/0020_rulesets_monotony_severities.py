"""Stored rule sets gain the monotony severities (seed 004): a warning from 75% of all
activities of one type, a problem from 95%.

Rule sets validate without them (the spec defaults them), but the Rules page's settings form
reads every threshold from the stored JSON, so each stored version gets the defaults written
in, with their notes. The numbers are written out here rather than read from the spec, so
that this migration means the same whatever the spec later becomes.
"""

from typing import Any

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

DEFAULTS = {"monotony_warning_share": 0.75, "monotony_problem_share": 0.95}
NOTES = {
    "monotony_warning_share": (
        "seed 004: 'The goal is not to use just one method but to be as creative and balanced "
        "as you can in using the two components.' Above max_share_of_one_activity_type one "
        "kind of activity is a suggestion; from three quarters of all activities it is a "
        "warning. The seed gives no number; a BlendPlan default."
    ),
    "monotony_problem_share": (
        "seed 004, as monotony_warning_share; seed 003: 'Over-reliance on video alone leads to "
        "a poor learner experience'. From 95% of all activities, a course is one method week "
        "after week: a problem. A BlendPlan default."
    ),
}


def add_monotony_severities(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    RuleSet = apps.get_model("schedules", "RuleSet")
    for ruleset in RuleSet.objects.all():
        spec: dict[str, Any] = ruleset.spec
        thresholds = spec.get("thresholds")
        if not isinstance(thresholds, dict) or all(name in thresholds for name in DEFAULTS):
            continue
        for name, value in DEFAULTS.items():
            thresholds.setdefault(name, value)
        notes = thresholds.setdefault("notes", {})
        if isinstance(notes, dict):
            for name, note in NOTES.items():
                notes.setdefault(name, note)
        RuleSet.objects.filter(pk=ruleset.pk).update(spec=spec)


class Migration(migrations.Migration):
    dependencies = [("schedules", "0019_learner_survey")]

    operations = [migrations.RunPython(add_monotony_severities, migrations.RunPython.noop)]
