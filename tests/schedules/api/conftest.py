"""Calling the API as a user: each test user gets a token, sent as a bearer header."""

import pytest

from tests.factories import ApiTokenFactory


@pytest.fixture
def api_get(client):
    """Return a function that GETs an API path as ``user`` (no token when None)."""

    def get(path, user=None, **params):
        headers = {}
        if user is not None:
            token = ApiTokenFactory(user=user)
            headers["Authorization"] = f"Bearer {token.plaintext}"
        return client.get(f"/api/v1{path}", params, headers=headers)

    return get
