"""The systemd units in deploy/ are what docs/deployment.md tells a university to install.

No systemd runs where the tests do (a container has no init system to start units with), so
the units are checked the two ways that need none:

- systemd's own parser (`systemd-analyze verify`) reads both units, with their paths moved to
  a real installation, and finds no unknown key, bad value or missing program;
- the web unit is `Type=notify`: systemd waits for gunicorn's "READY=1" on `$NOTIFY_SOCKET`
  before it calls a start or a reload done. The test starts gunicorn as the unit does with a
  socket of its own and receives that message, so a reload cannot hang on a server that never
  says it is ready.
"""

from __future__ import annotations

import configparser
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.blendplan.two_servers import ROOT, Server, free_port

DEPLOY = ROOT / "deploy"
UNITS = ("blendplan-web.service", "blendplan-worker.service")
INSTALLED_AT = "/srv/blendplan"


def read_unit(name: str) -> configparser.RawConfigParser:
    """A unit as key/values (systemd's format is INI-like; continuation lines end in \\)."""
    text = (DEPLOY / name).read_text().replace("\\\n", " ")
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser


@pytest.fixture
def installation(tmp_path: Path) -> Path:
    """The units copied with /srv/blendplan moved to a folder that has a venv's programs."""
    root = tmp_path / "srv"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / "var").mkdir()
    venv_bin = Path(sys.executable).parent
    for program in ("python", "gunicorn"):
        (root / ".venv" / "bin" / program).symlink_to(venv_bin / program)
    for unit in UNITS:
        text = (DEPLOY / unit).read_text().replace(INSTALLED_AT, str(root))
        (tmp_path / unit).write_text(text)
    return tmp_path


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here"
)
def test_systemd_reads_both_units_without_a_complaint(installation: Path) -> None:
    verified = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *(str(installation / u) for u in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
    assert verified.stderr.strip() == "", verified.stderr


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here"
)
def test_the_verification_would_catch_a_broken_unit(installation: Path) -> None:
    """The check above can fail: a misspelt kill mode is reported."""
    unit = installation / "blendplan-web.service"
    unit.write_text(unit.read_text().replace("KillMode=control-group", "KillMode=group"))
    verified = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "kill mode" in verified.stderr.lower()


@pytest.mark.parametrize("unit", UNITS)
def test_stopping_a_unit_ends_every_process_it_started(unit: str) -> None:
    """Orphaned gunicorn workers kept serving after their master died (issue 15): both
    units stop the whole control group and are restarted by systemd if they die."""
    service = read_unit(unit)["Service"]
    assert service["KillMode"] == "control-group"
    assert service["Restart"] == "always"
    assert int(service["TimeoutStopSec"]) > 0


def test_the_web_unit_reloads_gracefully_and_waits_for_readiness() -> None:
    service = read_unit("blendplan-web.service")["Service"]
    assert service["Type"] == "notify"
    # HUP is gunicorn's graceful reload: new workers, old ones finish their requests.
    assert "HUP" in service["ExecReload"]
    assert "$MAINPID" in service["ExecReload"]
    assert "--graceful-timeout" in service["ExecStart"]


def test_gunicorn_tells_systemd_it_is_ready(tmp_path: Path) -> None:
    """What Type=notify relies on: gunicorn sends READY=1 to $NOTIFY_SOCKET once it serves."""
    address = str(tmp_path / "notify.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(address)
    listener.settimeout(1.0)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "NOTIFY_SOCKET": address,
        "DEBUG": "0",
        "SECRET_KEY": "deploy-unit-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "blendplan.wsgi"),
                *("--workers", "1", "--bind", f"127.0.0.1:{port}"),
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port=port, process=process, log=log)
    messages: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("READY=1" in m for m in messages):
            assert process.poll() is None, f"gunicorn exited:\n{server.log_tail()}"
            try:
                messages.append(listener.recv(4096).decode())
            except TimeoutError:
                continue
    finally:
        server.stop()
        listener.close()
    assert any("READY=1" in m for m in messages), f"no READY=1 in {messages}\n{server.log_tail()}"


def test_the_environment_trusts_the_one_proxy_the_nginx_snippet_puts_in_front() -> None:
    """Behind nginx, without TRUSTED_PROXY_COUNT every client has nginx's address: one
    person's failed sign-ins would lock everyone out."""
    environment = dict(
        line.split("=", 1)
        for line in (DEPLOY / "blendplan.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    nginx = (DEPLOY / "nginx-blendplan.conf").read_text()
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in nginx
    assert environment["TRUSTED_PROXY_COUNT"] == "1"
