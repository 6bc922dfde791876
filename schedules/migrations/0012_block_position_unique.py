"""Blocks' positions become unique within their schedule.

Adds made at the same moment (or after a delete) could give two blocks the same position;
each schedule whose blocks share one is renumbered 0, 1, 2… in its current order (position,
then id) before the constraint is added.
"""

from itertools import groupby
from operator import itemgetter

from django.db import migrations, models


def renumber_shared_positions(apps, schema_editor):
    ActivityBlock = apps.get_model("schedules", "ActivityBlock")
    # Three numbers a block, read before any is written.
    rows = list(
        ActivityBlock.objects.order_by("schedule_id", "position", "pk").values_list(
            "pk", "schedule_id", "position"
        )
    )
    for _, blocks in groupby(rows, key=itemgetter(1)):
        ordered = list(blocks)
        positions = [position for _, _, position in ordered]
        if len(set(positions)) == len(positions):
            continue  # no two blocks of this schedule share a position: left as it is
        renumbered = [
            ActivityBlock(pk=pk, position=position) for position, (pk, _, _) in enumerate(ordered)
        ]
        ActivityBlock.objects.bulk_update(renumbered, ["position"])


class Migration(migrations.Migration):
    dependencies = [
        ("schedules", "0011_api_token_expires"),
    ]

    operations = [
        migrations.RunPython(renumber_shared_positions, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="activityblock",
            constraint=models.UniqueConstraint(
                fields=("schedule", "position"),
                name="block_position_unique",
                violation_error_message="Two blocks of a schedule cannot share a position.",
            ),
        ),
    ]
