"""The read-only JSON API for LMS teams, mounted at ``/api/v1/`` (see docs/exports.md).

Every call sends a per-user token (``Authorization: Bearer <token>``, made on the API tokens
page) and sees what that user sees on the web. The OpenAPI description is served at
``/api/v1/openapi.json``; ninja's interactive docs are off, since they load Swagger UI from
a CDN, which our Content-Security-Policy (rightly) refuses.
"""

from typing import Any

from ninja import NinjaAPI

from schedules.api.auth import ApiTokenAuth
from schedules.api.endpoints import router
from schedules.api.errors import register_error_handlers


class BlendPlanAPI(NinjaAPI):
    """The API, whose every read also answers HEAD (RFC 9110)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Return the OpenAPI description, each HEAD operation with an id of its own (ninja
        gives GET and HEAD of one function the same id; OpenAPI wants them unique)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            if "head" in operations:
                head = operations["head"] = dict(operations["head"])
                head["operationId"] = f"{head['operationId']}_head"
                head["summary"] = f"{head.get('summary', '')} (headers only)".strip()
        return schema


api = BlendPlanAPI(
    title="BlendPlan API",
    version="1",
    description="Read-only access to blended-course schedules, their submitted versions "
    "and exports, for LMS teams. Authenticate with a personal API token.",
    urls_namespace="api",
    auth=ApiTokenAuth(),
    docs_url=None,
)
register_error_handlers(api)
api.add_router("", router)
