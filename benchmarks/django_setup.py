"""Set Django up on a throwaway SQLite database for a benchmark (imported by bench_*.py)."""

import os
import sys
import tempfile
from pathlib import Path


def setup_django(database_url: str | None = None) -> None:
    """Configure Django on a fresh, migrated SQLite file (or on ``database_url``, an empty
    database the caller made); call once, before importing models."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if database_url is None:
        database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        database_url = f"sqlite:///{database}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "blendplan.settings")
    # Production settings: DEBUG off, so templates are cached as they are in production.
    os.environ["DEBUG"] = "0"
    os.environ.setdefault(
        "SECRET_KEY", "benchmark-only-secret-key-not-for-production-use-0123456789"
    )
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    # The request log's line per request is written (as in production) but not shown.
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # No setup_test_environment(): its template instrumentation would be timed too.
    if not getattr(settings, "_benchmark_ready", False):
        settings.ALLOWED_HOSTS = ["testserver"]
        # Static file names without collectstatic's manifest (only URLs are rendered here).
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        call_command("migrate", verbosity=0)
        settings._benchmark_ready = True
