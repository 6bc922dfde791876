"""``manage.py backup``: a timestamped backup of the configured database, then retention."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

# The backup reads committed rows through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)

SUFFIX = ".sqlite3" if connection.vendor == "sqlite" else ".pgdump"


def backup(*args: str) -> str:
    out = StringIO()
    call_command("backup", *args, stdout=out)
    return out.getvalue()


def test_backup_writes_a_timestamped_file_and_prints_it_with_its_size(tmp_path):
    output = backup("--dir", str(tmp_path / "backups"))

    [path] = (tmp_path / "backups").iterdir()
    assert re.fullmatch(rf"blendplan-\d{{8}}T\d{{6}}Z{re.escape(SUFFIX)}", path.name)
    assert f"Backed up to {path} ({path.stat().st_size:,} bytes)." in output


def test_backup_keeps_the_newest_n_and_says_which_it_removed(tmp_path):
    old = [tmp_path / f"blendplan-2020010{day}T000000Z{SUFFIX}" for day in (1, 2, 3)]
    for path in old:
        path.write_bytes(b"")

    output = backup("--dir", str(tmp_path), "--keep", "2")

    remaining = sorted(path.name for path in tmp_path.iterdir())
    assert remaining[0] == old[2].name
    assert len(remaining) == 2
    assert f"Removed 2 older (keeping 2): {old[0].name}, {old[1].name}" in output


def test_backup_refuses_to_keep_none(tmp_path):
    with pytest.raises(CommandError, match="--keep must be 1 or more"):
        backup("--dir", str(tmp_path), "--keep", "0")
    assert not list(tmp_path.iterdir())
