"""The API's refusals are JSON that says what to do: 401, 404 and 422; and its OpenAPI."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.factories import ApiTokenFactory, CourseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer ", "Bearer bp_no-such-token", "Token bp_whatever", "Basic dXNlcjpwYXNz"],
)
def test_a_call_without_a_valid_token_is_401_with_how_to_authenticate(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get("/api/v1/schedules", headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer <token>" in response.json()["detail"]


def test_a_revoked_token_is_401(client):
    token = ApiTokenFactory(revoked=True)
    response = client.get(
        "/api/v1/schedules", headers={"Authorization": f"Bearer {token.plaintext}"}
    )
    assert response.status_code == 401


def test_an_expired_token_is_401_saying_since_when_and_what_to_do(client):
    token = ApiTokenFactory(expires=datetime(2027, 3, 5, 9, 0, tzinfo=UTC))
    headers = {"Authorization": f"Bearer {token.plaintext}"}
    with time_machine.travel(datetime(2027, 3, 5, 8, 59, tzinfo=UTC), tick=False):
        assert client.get("/api/v1/schedules", headers=headers).status_code == 200
    with time_machine.travel(datetime(2027, 3, 5, 9, 0, tzinfo=UTC), tick=False):
        response = client.get("/api/v1/schedules", headers=headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"] == (
        "This API token expired on 5 March 2027. Make a new one on your API tokens page "
        "(/settings/api-tokens/) and send it as 'Authorization: Bearer <token>'."
    )


def test_an_expired_token_that_was_revoked_gets_the_usual_401(client):
    token = ApiTokenFactory(expired=True, revoked=True)
    response = client.get(
        "/api/v1/schedules", headers={"Authorization": f"Bearer {token.plaintext}"}
    )
    assert response.status_code == 401
    assert "expired" not in response.json()["detail"]


def test_an_exports_url_without_a_token_is_401_not_404(client):
    course = CourseFactory()
    response = client.get(f"/api/v1/schedules/{course.schedule.pk}/versions/1/export.csv")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("path", "params", "detail"),
    [
        (
            "/schedules",
            {"status": "pending"},
            "status: must be one of: draft, submitted, changes_requested, approved (got 'pending')",
        ),
        (
            "/schedules",
            {"discipline": "alchemy"},
            "discipline: must be one of: stem, humanities, vocational, business, other "
            "(got 'alchemy')",
        ),
        ("/schedules/abc/versions/1", {}, "schedule_id: must be a whole number (got 'abc')"),
        (
            "/schedules/1/versions/newest",
            {},
            "version: must be a version number or 'latest' (got 'newest')",
        ),
        (
            "/schedules/1/versions/1/export.pdf",
            {},
            "fmt: must be one of: csv, xlsx, json, ics, imscc (got 'pdf')",
        ),
    ],
)
def test_bad_parameters_are_422_with_a_sentence_per_problem(api_get, path, params, detail):
    response = api_get(path, ApiTokenFactory().user, **params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == detail
    assert body["errors"][0]["parameter"] == detail.split(":")[0]


def test_the_openapi_description_lists_the_paths_and_the_bearer_scheme(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "BlendPlan API"
    assert set(schema["paths"]) == {
        "/api/v1/schedules",
        "/api/v1/schedules/{schedule_id}/versions/{version}",
        "/api/v1/schedules/{schedule_id}/versions/{version}/export.{fmt}",
    }
    assert schema["components"]["securitySchemes"] == {
        "ApiTokenAuth": {"type": "http", "scheme": "bearer"}
    }
    assert "ScheduleExport" in schema["components"]["schemas"]


def test_every_read_is_described_for_get_and_head_with_unique_operation_ids(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {method for path in schema["paths"].values() for method in path} == {"get", "head"}
    ids = [operation["operationId"] for operation in operations]
    assert len(ids) == len(set(ids)) == 6


def test_there_are_no_interactive_docs_that_would_load_from_a_cdn(client):
    assert client.get("/api/v1/docs").status_code == 404


def test_a_version_with_more_digits_than_a_number_has_is_422_not_a_server_error(client):
    """Python's int() refuses over 4,300 digits: the path's pattern now stops at nine."""
    token = ApiTokenFactory()
    course = CourseFactory(owner=token.user)
    response = client.get(
        f"/api/v1/schedules/{course.schedule.pk}/versions/{'9' * 5000}",
        headers={"Authorization": f"Bearer {token.plaintext}"},
    )
    assert response.status_code == 422
    assert "must be a version number or 'latest'" in response.json()["detail"]
