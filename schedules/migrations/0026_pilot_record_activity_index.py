"""An index of each activity's attendance and completions (pilot, evidence, activity,
completion, time, learner), so the evidence page counts a term's completions against due
days, and the mapping page finds when each meeting started, from the index alone
(docs/benchmarks.md, "The pilot pages over a full term")."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("schedules", "0025_pilot_record_integer_keys"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pilotrecord",
            index=models.Index(
                condition=models.Q(
                    ("evidence", "attendance"), ("evidence", "completion"), _connector="OR"
                ),
                fields=["pilot", "evidence", "activity", "completion", "at", "learner"],
                name="pilot_record_activity",
            ),
        ),
    ]
