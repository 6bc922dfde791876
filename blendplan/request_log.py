"""One log line per request, with its id, and the request metrics.

``RequestLogMiddleware`` comes first in ``MIDDLEWARE`` so that it times everything else.
It takes the request's id from a well-formed incoming ``X-Request-ID`` (the proxy's, so one
id follows a request from nginx to the log) or makes one, sends it back as
``X-Request-ID``, and writes one line on the ``blendplan.requests`` logger: request id,
user id, method, path (link tokens redacted), the names (never the values) of the query
parameters, route,
status, duration and database queries. A request slower than ``SLOW_REQUEST_MS`` is written
at WARNING with its slowest query's SQL (without parameters).

Queries are counted by a ``connection.execute_wrapper``, which costs a function call per
query; nothing is kept per query, and ``DEBUG`` need not be on.
"""

import logging
import re
import uuid
from collections.abc import Callable
from time import perf_counter
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

from blendplan import metrics
from blendplan.log_format import REQUEST_ID, redact_tokens

logger = logging.getLogger("blendplan.requests")

# What an incoming id may look like: nginx's $request_id (32 hex digits), a UUID, or any
# other short token of letters, digits and -_.: (nothing a log line could be forged with).
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")

# Polled every few seconds by load balancers and Prometheus: logged at DEBUG unless slow.
_QUIET_ROUTES = frozenset({"health/", "metrics"})

# SQL kept in a slow request's line, at most.
_SQL_SHOWN = 500


class QueryCounter:
    """An execute wrapper that counts queries, sums their time and keeps the slowest."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.slowest_seconds = 0.0
        self.slowest_sql = ""

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        start = perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = perf_counter() - start
            self.count += 1
            self.seconds += took
            if took > self.slowest_seconds:
                self.slowest_seconds, self.slowest_sql = took, sql


def request_id_of(request: HttpRequest) -> str:
    """Return the request's incoming ``X-Request-ID`` if it is well formed, else a new id."""
    incoming = request.headers.get("X-Request-ID", "")
    if _WELL_FORMED_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def loggable_path(request: HttpRequest) -> str:
    """Return the request's path with any link token replaced by ``<redacted>`` (the same
    rule as every other log line, ``log_format.redact_tokens``), matched or not."""
    return redact_tokens(request.path)


class RequestLogMiddleware:
    """Log each request in one line (at WARNING when slow) and count it in the metrics."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        request.request_id = request_id  # type: ignore[attr-defined]  # for views and 500 pages
        reset = REQUEST_ID.set(request_id)
        queries = QueryCounter()
        start = perf_counter()
        try:
            with connection.execute_wrapper(queries):
                response = self.get_response(request)
            seconds = perf_counter() - start
            response["X-Request-ID"] = request_id
            self._record(request, request_id, response, seconds, queries)
        finally:
            REQUEST_ID.reset(reset)
        return response

    def _record(
        self,
        request: HttpRequest,
        request_id: str,
        response: HttpResponse,
        seconds: float,
        queries: QueryCounter,
    ) -> None:
        match = request.resolver_match
        route = match.route if match is not None else "<unmatched>"
        method = request.method or ""
        metrics.REQUESTS.labels(method, route, str(response.status_code)).inc()
        metrics.REQUEST_SECONDS.labels(method, route).observe(seconds)
        metrics.QUERIES.labels(route).inc(queries.count)

        user = getattr(request, "user", None)
        duration_ms = round(seconds * 1000, 1)
        fields: dict[str, Any] = {
            "event": "request",
            "request_id": request_id,
            "user_id": user.pk if user is not None and user.is_authenticated else None,
            "method": method,
            "path": loggable_path(request),
            "query_keys": ",".join(sorted(request.GET.keys())),
            "view": match.view_name if match is not None else "",
            "status": response.status_code,
            "duration_ms": duration_ms,
            "queries": queries.count,
            "db_ms": round(queries.seconds * 1000, 1),
        }
        level = logging.DEBUG if route in _QUIET_ROUTES else logging.INFO
        if duration_ms > settings.SLOW_REQUEST_MS:
            level = logging.WARNING
            fields |= {
                "slow": True,
                "slow_threshold_ms": settings.SLOW_REQUEST_MS,
                "slowest_query_ms": round(queries.slowest_seconds * 1000, 1),
                "slowest_query": queries.slowest_sql[:_SQL_SHOWN],
            }
        if logger.isEnabledFor(level):
            logger.log(
                level,
                "%s %s %s %.1fms",
                method,
                fields["path"],
                response.status_code,
                duration_ms,
                extra=fields,
            )
