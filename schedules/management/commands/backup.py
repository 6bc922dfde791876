"""``python manage.py backup [--dir var/backups] [--keep 14]``: back up the database.

Writes a timestamped, consistent backup of the configured database (``pg_dump`` custom
format for PostgreSQL, the online backup API for SQLite; see ``blendplan/backups.py``), then
keeps the newest ``--keep`` backups of that engine in the folder and deletes the older ones.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from blendplan.backups import BackupError, backup_create, backups_prune, engine_of

# Two weeks of nightly backups.
DEFAULT_KEEP = 14


class Command(BaseCommand):
    help = (
        "Back up the configured database (PostgreSQL or SQLite) to a timestamped file and "
        f"keep the newest N backups (default {DEFAULT_KEEP})."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=settings.BASE_DIR / "var" / "backups",
            help="The folder for backups (default var/backups; made if missing).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=DEFAULT_KEEP,
            help=f"How many of the newest backups to keep (default {DEFAULT_KEEP}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["dir"]
        keep: int = options["keep"]
        if keep < 1:
            raise CommandError("--keep must be 1 or more: the backup just made is kept.")
        settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
        try:
            path = backup_create(
                settings_dict=settings_dict, directory=directory, now=timezone.now()
            )
            removed = backups_prune(directory=directory, engine=engine_of(settings_dict), keep=keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Backed up to {path} ({path.stat().st_size:,} bytes).")
        )
        if removed:
            names = ", ".join(path.name for path in removed)
            self.stdout.write(f"Removed {len(removed)} older (keeping {keep}): {names}")
