"""Shared pytest set-up."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Hash test passwords quickly (production keeps Django's PBKDF2 default).

    Skipped when Django is not configured: the rules-engine tests run without it.
    """
    from django.conf import settings

    if settings.configured:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
