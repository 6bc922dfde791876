"""Stored rule sets gain ``factor_sizes.outcome_need_share`` (seed 000: "your learning
outcomes, learner constraints, and assessment strategy should drive the blend"): how much
of the learners' and tech columns' pull toward live time is withdrawn for knowledge
outcomes. The notes of the low-bandwidth and spread factors, where they are still the
shipped text, say how those factors are now scaled.

Rule sets validate without it (the spec defaults it to 1), but the Rules page's settings
form reads every factor size from the stored JSON, so each stored version gets the default
written in, with its note. The number is written out here rather than read from the spec,
so that this migration means the same whatever the spec later becomes.
"""

from typing import Any

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

NAME = "outcome_need_share"
DEFAULT = 1
NOTE = (
    "seed 000: 'your learning outcomes, learner constraints, and assessment strategy should "
    "drive the blend'; 'use synchronous time for interaction-intensive tasks'; STEM: "
    "'foundational content is asynchronous'. A local cohort with a lab makes live time "
    "possible, not needed: the learners' and tech columns' pull toward live time is withdrawn "
    "in proportion to the knowledge outcomes (0: none). A BlendPlan default."
)

# The shipped notes before and after this change; an admin's own note is left alone.
NOTES_NOW = {
    "low_bandwidth_points": (
        "seeds 000 and 001: bandwidth limits what live video can do ('provide low-bandwidth alternatives'). Half the 20-point step between seed 000's rows when every learner has low bandwidth (segment by segment), scaled by the part of the course no row covers; a BlendPlan default.",
        "seeds 000 and 001: bandwidth limits what live video can do ('provide low-bandwidth alternatives'). Half the 20-point step between seed 000's rows when every learner has low bandwidth (segment by segment), scaled by how far the course is from the best row allowing low bandwidth; a BlendPlan default.",
    ),
    "spread_points": (
        "seed 003: for learners 'in far-flung time zones, asynchronous learning may be the ONLY type of learning they can take advantage of'. Twice the 20-point step between rows when no live hour reaches anyone, in proportion below the reach threshold; a BlendPlan default.",
        "seed 003: for learners 'in far-flung time zones, asynchronous learning may be the ONLY type of learning they can take advantage of'. Twice the 20-point step between rows when no live hour reaches anyone, in proportion below the reach threshold, in full whatever row the course fits (row 2's 'time zones' says only that learners are on other clocks); a BlendPlan default.",
    ),
}


def add_outcome_need_share(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    RuleSet = apps.get_model("schedules", "RuleSet")
    for ruleset in RuleSet.objects.all():
        spec: dict[str, Any] = ruleset.spec
        sizes = spec.get("factor_sizes")
        if not isinstance(sizes, dict) or NAME in sizes:
            continue
        sizes[NAME] = DEFAULT
        notes = sizes.setdefault("notes", {})
        if isinstance(notes, dict):
            notes.setdefault(NAME, NOTE)
            for key, (before, after) in NOTES_NOW.items():
                if notes.get(key) == before:
                    notes[key] = after
        RuleSet.objects.filter(pk=ruleset.pk).update(spec=spec)


class Migration(migrations.Migration):
    dependencies = [("schedules", "0021_pilot_imported_data")]

    operations = [migrations.RunPython(add_outcome_need_share, migrations.RunPython.noop)]
