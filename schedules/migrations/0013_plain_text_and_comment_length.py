"""Text a person types refuses control characters; a comment has at most 5,000 characters.

Longer comments already stored are shortened first, saying so, so the constraint holds.
"""

import blendplan.validators
import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


LIMIT = 5000
SHORTENED = " […shortened to 5,000 characters]"


def shorten_long_comments(apps, schema_editor):
    ReviewComment = apps.get_model("schedules", "ReviewComment")
    long_ones = ReviewComment.objects.annotate(
        length=django.db.models.functions.text.Length("body")
    ).filter(length__gt=LIMIT)
    for comment in long_ones:
        comment.body = comment.body[: LIMIT - len(SHORTENED)] + SHORTENED
        comment.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("schedules", "0012_block_position_unique"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="activityblock",
            name="title",
            field=models.CharField(
                max_length=200, validators=[blendplan.validators.PlainTextValidator()]
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="name",
            field=models.CharField(
                help_text="What the token is for, e.g. “Moodle sync”.",
                max_length=60,
                validators=[blendplan.validators.PlainTextValidator()],
            ),
        ),
        migrations.AlterField(
            model_name="findingdismissal",
            name="reason",
            field=models.TextField(
                max_length=2000,
                validators=[
                    blendplan.validators.PlainTextValidator(multiline=True),
                    django.core.validators.MaxLengthValidator(2000),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="reviewcomment",
            name="body",
            field=models.TextField(
                max_length=5000,
                validators=[
                    blendplan.validators.PlainTextValidator(multiline=True),
                    django.core.validators.MaxLengthValidator(
                        5000,
                        message="Keep a comment to 5,000 characters or fewer "
                        "(it has %(show_value)d).",
                    ),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="ruleset",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="What changed and why, for the history.",
                max_length=300,
                validators=[blendplan.validators.PlainTextValidator()],
            ),
        ),
        migrations.RunPython(shorten_long_comments, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reviewcomment",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("body"), 5000
                ),
                name="comment_length_limited",
                violation_error_message="A comment has at most 5,000 characters.",
            ),
        ),
    ]
