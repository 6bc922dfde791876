"""Pilot records keyed by a 64-bit number rather than 32 hexadecimal characters, the evidence
index without a log's events, no index on the pilot alone, no database constraint on the
import that brought a record, and an import's storing progress
(docs/benchmarks.md, "Pilot imports": what a million-row import's time went on).

Existing keys are turned into what the import core now computes for the same records
(``schedules.pilot_imports.run``: the first 64 bits of the BLAKE2b digest that the hex key
spelt, and for a numbered repeat ``"<hex>-<n>"`` the digest of that number and ``n``), so a
file imported before this migration and again after it still counts nothing twice. Going
back writes each number as 16 hex digits: unique, but no longer what the older code would
compute, so a file imported again after going back is counted again.
"""

import hashlib
import re
from typing import Any

from django.db import migrations, models

HEX_KEY = re.compile(r"^([0-9a-f]{32})(?:-(\d+))?$")
CHUNK = 2000


def _signed(digest: bytes) -> int:
    return int.from_bytes(digest[:8], "big", signed=True)


def number_of(text: str) -> int:
    """The 64-bit key of an earlier text key (any other text: 64 bits of its own digest)."""
    match = HEX_KEY.match(text)
    if match is None:
        return _signed(hashlib.blake2b(text.encode(), digest_size=8).digest())
    key = _signed(bytes.fromhex(match.group(1)))
    if match.group(2) is None:
        return key
    # As schedules.pilot_imports.run.numbered_key (kept here: a migration does not change).
    return _signed(hashlib.blake2b(f"{key}-{match.group(2)}".encode(), digest_size=8).digest())


def _rewrite(apps: Any, source: str, field: str, value: Any) -> None:
    record = apps.get_model("schedules", "PilotRecord")
    batch = []
    for row in record.objects.only("pk", source).order_by("pk").iterator(chunk_size=CHUNK):
        setattr(row, field, value(getattr(row, source)))
        batch.append(row)
        if len(batch) >= CHUNK:
            record.objects.bulk_update(batch, [field])
            batch = []
    if batch:
        record.objects.bulk_update(batch, [field])


def forwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, "key", "key_number", number_of)


def backwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, "key_number", "key", lambda number: format(number & (2**64 - 1), "016x"))


class Migration(migrations.Migration):
    dependencies = [
        ("schedules", "0024_pilot_revision_undo"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="pilotrecord", name="pilot_record_once"),
        migrations.AddField(
            model_name="pilotrecord",
            name="key_number",
            field=models.BigIntegerField(null=True),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.RemoveField(model_name="pilotrecord", name="key"),
        migrations.RenameField(model_name="pilotrecord", old_name="key_number", new_name="key"),
        migrations.AlterField(
            model_name="pilotrecord",
            name="key",
            field=models.BigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="pilotrecord",
            constraint=models.UniqueConstraint(fields=("pilot", "key"), name="pilot_record_once"),
        ),
        migrations.RemoveIndex(model_name="pilotrecord", name="pilot_record_evidence"),
        migrations.AddIndex(
            model_name="pilotrecord",
            index=models.Index(
                condition=models.Q(
                    ("evidence", "attendance"),
                    ("evidence", "completion"),
                    ("evidence", "score"),
                    _connector="OR",
                ),
                fields=["pilot", "evidence", "at"],
                name="pilot_record_evidence",
            ),
        ),
        migrations.AlterField(
            model_name="pilotrecord",
            name="pilot",
            field=models.ForeignKey(
                db_index=False,
                on_delete=models.deletion.CASCADE,
                related_name="records",
                to="schedules.pilot",
            ),
        ),
        migrations.AlterField(
            model_name="pilotrecord",
            name="source",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="+",
                to="schedules.pilotimport",
            ),
        ),
        migrations.AddField(
            model_name="pilotimport",
            name="stored",
            field=models.PositiveIntegerField(default=0),
        ),
    ]
