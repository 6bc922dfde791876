"""``python manage.py purge_pilot_data``: delete the data of pilots ended more than
``PILOT_DATA_RETENTION_DAYS`` ago, as the pilot privacy page promises (run it daily)."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from schedules.pilot.services import pilot_data_purge


class Command(BaseCommand):
    help = (
        "Delete every pilot (its checklist ticks, retrospective and decisions, imports and "
        "their records, mapping and pseudonym secret) ended more than "
        "PILOT_DATA_RETENTION_DAYS days ago."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.PILOT_DATA_RETENTION_DAYS
        count = pilot_data_purge(ended_before=timezone.now() - timedelta(days=days))
        pilots = "pilot" if count == 1 else "pilots"
        self.stdout.write(f"Deleted the data of {count} {pilots} ended over {days} days ago.")
