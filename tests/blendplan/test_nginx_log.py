"""The nginx snippet in deploy/ logs no link token: its access log format writes the path
with the token of a learners' page, survey, calendar feed or password reset redacted, as the
app's own log does (docs/deployment.md, "Observability").

nginx runs the snippet for real (proxying to a closed port: a 502 is logged like any other
answer); where nginx is not installed the test skips.
"""

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from schedules.models.tokens import new_link_token
from tests.blendplan.two_servers import ROOT, free_port

SNIPPET = ROOT / "deploy" / "nginx-blendplan.conf"


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed here")
def test_nginxs_access_log_holds_no_link_token(tmp_path: Path) -> None:
    port, closed = free_port(), free_port()
    log = tmp_path / "access.log"
    snippet = (
        SNIPPET.read_text()
        .replace("server app1.internal.example.edu:8000;", f"server 127.0.0.1:{closed};")
        .replace("server app2.internal.example.edu:8000;", "")
        .replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
        .replace("/var/log/nginx/blendplan.access.log", str(log))
    )
    (tmp_path / "blendplan.conf").write_text(snippet)
    temp = tmp_path / "temp"
    temp.mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; daemon off;\n"
        "events {}\n"
        f"http {{ client_body_temp_path {temp}; proxy_temp_path {temp}; "
        f"fastcgi_temp_path {temp}; uwsgi_temp_path {temp}; scgi_temp_path {temp};\n"
        f"include {tmp_path}/blendplan.conf; }}\n"
    )
    token = new_link_token()
    paths = [
        f"/l/{token}/",
        f"/s/{token}/thanks/",
        f"/feeds/{token}.ics",
        f"/accounts/password/reset/MQ/{token}/",
        "/sources/?week=2",
    ]
    nginx = subprocess.Popen(["nginx", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    try:
        for path in paths:
            for _ in range(50):  # until nginx listens (a few milliseconds)
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
                except urllib.error.HTTPError:
                    break  # answered (502: nothing behind it)
                except urllib.error.URLError:
                    time.sleep(0.1)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
    lines = log.read_text().splitlines()
    assert len(lines) == len(paths)
    assert token not in log.read_text()
    assert '"GET /l/<redacted>/ HTTP/1.1" 502' in lines[0]
    assert '"GET /feeds/<redacted>.ics HTTP/1.1"' in lines[2]
    assert '"GET /accounts/password/reset/<redacted>/<redacted>/ HTTP/1.1"' in lines[3]
    assert '"GET /sources/?week=2 HTTP/1.1"' in lines[4]
