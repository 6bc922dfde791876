"""`make run` on a fresh checkout says at once that the first run installs, and how long
it takes, before pip's quiet minute and a half (issue 13); the README says so too. On
another port (`PORT=8080 make run`) the demo's e-mail links point at that port."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_the_first_make_run_says_it_installs_and_for_how_long_before_installing(tmp_path):
    # -n: print what would run, without running it; a venv that does not exist yet.
    planned = subprocess.run(
        ["make", "-n", "run", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    first_install = planned.index("pip install")
    said = planned[:first_install]
    assert "First run: creating .venv and installing BlendPlan's dependencies." in said
    assert "about a minute and a half" in said


def test_the_readme_says_the_first_run_installs_first():
    readme = (ROOT / "README.md").read_text()
    assert "The first run installs the" in readme
    assert "about a minute" in readme


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_on_another_port_links_its_mail_to_that_port(tmp_path):
    planned = subprocess.run(
        ["make", "-n", "run", f"VENV={tmp_path / 'venv'}", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seed = next(line for line in planned.splitlines() if "seed_demo" in line)
    assert "SITE_URL=http://127.0.0.1:8123 " in seed
    # The worker (which sends the mail) and the server start after the export.
    exported = planned.index("export SITE_URL=http://127.0.0.1:8123;")
    assert exported < planned.index("db_worker") < planned.index("runserver 127.0.0.1:8123")
