"""Helpers for the two-app-server test: a throwaway PostgreSQL database, gunicorn processes
in their own process groups, and a browser-like HTTP session (cookies, CSRF, forms).

Standard library and psycopg only; nothing here imports Django's settings, since the
servers run in processes of their own.
"""

import contextlib
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
# The servers' settings: production's (DEBUG off), but static files without a manifest.
SERVER_SETTINGS = "tests.blendplan.two_servers_settings"
HTTP_TIMEOUT = 15  # seconds for any one request


def is_postgres(url: str) -> bool:
    return url.split(":", 1)[0] in {"postgres", "postgresql", "pgsql"}


@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """Create an empty database on the server of ``url`` and yield its URL; drop it after."""
    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.strip('/') or 'blendplan'}_twoservers_{uuid.uuid4().hex[:8]}"[:63]
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=10) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def server_environment(database_url: str) -> dict[str, str]:
    """Return the environment of a production-like app server on plain HTTP."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_FORMAT": "json",
    }


def manage(*args: str, env: dict[str, str], timeout: float) -> str:
    """Run ``manage.py`` with ``args`` and return its output; fail with its errors."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """One gunicorn (master and workers) in a process group of its own."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """End the whole process group: the master and every worker, even orphaned ones."""
        for sent in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sent)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                continue
            # The master is gone; make sure no worker outlived it in the group.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            return


def start_server(env: dict[str, str], log_dir: Path, name: str) -> Server:
    port = free_port()
    log = log_dir / f"{name}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "blendplan.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, ended as one
        )
    return Server(port=port, process=process, log=log)


def wait_until_healthy(server: Server, *, deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"gunicorn on {server.port} exited:\n{server.log_tail()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{server.url}/health/", timeout=2) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.3)
    raise AssertionError(f"gunicorn on {server.port} never became healthy:\n{server.log_tail()}")


@dataclass
class Answer:
    status: int
    url: str
    text: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Browser:
    """Cookies shared by every server (one session across the load balancer), CSRF tokens
    from the pages' forms, and redirects followed as a browser does."""

    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> Answer:
        return self._send(urllib.request.Request(url))

    def post(self, url: str, fields: list[tuple[str, str]]) -> Answer:
        body = urllib.parse.urlencode(fields).encode()
        return self._send(urllib.request.Request(url, data=body, method="POST"))

    def _send(self, request: urllib.request.Request) -> Answer:
        try:
            with self._opener().open(request, timeout=HTTP_TIMEOUT) as answer:
                return Answer(answer.status, answer.url, answer.read().decode())
        except urllib.error.HTTPError as refused:  # 4xx and 5xx: an answer like any other
            return Answer(refused.code, refused.url, refused.read().decode())


class FormFields(HTMLParser):
    """The values a browser would submit for the fields whose names start with ``prefix``,
    and the page's CSRF token."""

    def __init__(self, html: str, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.fields: list[tuple[str, str]] = []
        self.csrf_token = ""
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        name = attributes.get("name", "")
        if tag == "input" and name == "csrfmiddlewaretoken":
            self.csrf_token = attributes["value"]
        if not name.startswith(self.prefix) and tag != "option":
            return
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            if kind not in {"submit", "button"}:
                empty = "on" if kind in {"checkbox", "radio"} else ""  # as browsers send
                self.fields.append((name, attributes.get("value", empty)))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select is not None and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value", "")))
        elif tag == "textarea":
            self._textarea = name
            self.fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.fields[-1]
            if not text and data.startswith("\n"):  # a browser drops the first newline
                data = data[1:]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def value(self, name: str) -> str:
        return next(value for key, value in self.fields if key == f"{self.prefix}{name}")

    def with_values(self, **values: str) -> list[tuple[str, str]]:
        """Return the fields with some values replaced, and the CSRF token."""
        replaced = {f"{self.prefix}{name}": value for name, value in values.items()}
        fields = [(key, replaced.get(key, value)) for key, value in self.fields]
        return [("csrfmiddlewaretoken", self.csrf_token), *fields]
