"""The two-app-server test's gunicorns: production settings (from the environment, DEBUG
off), but static file URLs by name, since the test runs no ``collectstatic``."""

from blendplan.settings import *  # noqa: F403
from blendplan.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
