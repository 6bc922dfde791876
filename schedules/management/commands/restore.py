"""``python manage.py restore FILE --yes``: replace the database with a backup.

Restores a file written by ``manage.py backup`` into the configured database, all or nothing
(see ``blendplan/backups.py``). Without ``--yes`` it only checks the file and says what it
would do. Stop the app servers and workers first: what they write during a restore is lost.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from blendplan.backups import BackupError, backup_check, backup_restore, database_label


class Command(BaseCommand):
    help = (
        "Replace everything in the configured database with a backup made by "
        "`manage.py backup`. Needs --yes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The backup (.pgdump or .sqlite3).")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Really replace the database's contents with the backup's.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        settings_dict = connections[DEFAULT_DB_ALIAS].settings_dict
        label = database_label(settings_dict)
        try:
            if not options["yes"]:
                backup_check(settings_dict=settings_dict, path=path)
                raise CommandError(
                    f"Restoring replaces everything in {label} with the contents of {path}, "
                    "and whatever was written since that backup is lost. The file reads "
                    "well; run again with --yes to restore it."
                )
            # Our own connection must not hold the database while it is replaced.
            connections.close_all()
            backup_restore(settings_dict=settings_dict, path=path)
        except BackupError as error:
            raise CommandError(
                f"{error} Nothing was restored: the database is as it was."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {label} from {path}."))
