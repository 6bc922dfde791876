"""Two app servers, one database: each gunicorn worker keeps block facts in memory, yet
every server shows the others' changes at once and refuses an edit made from a version
that another server has moved on.

Runs two real gunicorns (two workers each) on a throwaway PostgreSQL database, signs in
over HTTP and alternates block edits between them. PostgreSQL only (CI's PostgreSQL pass):
SQLite is one machine's file, never shared by two servers.
"""

import json
import os
import re
import time
from html import unescape

import psycopg
import pytest

from tests.blendplan.two_servers import (
    Browser,
    FormFields,
    Server,
    is_postgres,
    manage,
    scratch_database,
    server_environment,
    start_server,
    wait_until_healthy,
)

DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not is_postgres(DATABASE_URL),
        reason="needs PostgreSQL: set DATABASE_URL=postgres://… (CI's PostgreSQL pass does)",
    ),
]

# The whole test, servers' start included; a hung server fails it rather than CI.
TIME_LIMIT = 420
ROUNDS = 8

SEED = """
import io, json
from django.core.management import call_command
from courses.models import Course
call_command("seed_demo", force=True, stdout=io.StringIO())
course = Course.objects.filter(owner__username="instructor").order_by("pk").first()
blocks = [b for b in course.schedule.blocks.order_by("pk") if not b.weeks or 1 in b.weeks]
print(json.dumps({"course": course.pk, "blocks": [b.pk for b in blocks[:3]]}))
"""


def blend_figures(html: str) -> str:
    """Return what the editor computes from the block facts: the weekly average sentence
    and the hours of every week (the timeline's table)."""
    average = re.search(r"<p>([\d.]+ h a week on average \([\d.]+ h live\))", html)
    weeks = re.findall(r'<tr><th scope="row">\d+</th>(?:<td>[^<]*</td>){4}</tr>', html)
    assert average, "the editor page shows no weekly average"
    assert weeks, "the editor page shows no week table"
    return average.group(1) + "\n" + "\n".join(weeks)


def problems(html: str) -> str:
    """Return the error messages on a refused form's page, for a failing assertion."""
    found = re.findall(
        r'<(?:ul class="field__error"|div class="form-errors")[^>]*>(.*?)</ul>', html
    )
    return " | ".join(found) or html[:800]


def block_version(database_url: str, block: int) -> int:
    with psycopg.connect(database_url, connect_timeout=10) as connection:
        row = connection.execute(
            "SELECT version FROM schedules_activityblock WHERE id = %s", [block]
        ).fetchone()
    assert row is not None
    return int(row[0])


def sign_in(browser: Browser, server: Server) -> None:
    page = browser.get(f"{server.url}/accounts/login/")
    token = FormFields(page.text, prefix="\0").csrf_token
    answer = browser.post(
        f"{server.url}/accounts/login/",
        [
            ("csrfmiddlewaretoken", token),
            ("username", "instructor"),
            ("password", "blendplan-demo"),
        ],
    )
    assert answer.status == 200, answer.text[:500]
    assert "/accounts/login/" not in answer.url, "signing in failed"


def test_two_app_servers_show_each_others_edits_and_refuse_stale_ones(tmp_path):
    deadline = time.monotonic() + TIME_LIMIT
    with scratch_database(DATABASE_URL) as database_url:
        env = server_environment(database_url)
        manage("migrate", "--no-input", env=env, timeout=300)
        seeded = json.loads(manage("shell", "-c", SEED, env=env, timeout=120).splitlines()[-1])
        course, blocks = seeded["course"], seeded["blocks"]
        assert len(blocks) == 3

        servers: list[Server] = []
        try:
            servers = [start_server(env, tmp_path, name) for name in ("first", "second")]
            for server in servers:
                wait_until_healthy(server, deadline=deadline)
            browser = Browser()
            sign_in(browser, servers[0])  # one session, good on both (it is in the database)
            editor = "/courses/{course}/blend/"
            before = blend_figures(browser.get(servers[1].url + editor.format(course=course)).text)

            for round_ in range(ROUNDS):
                assert time.monotonic() < deadline, "out of time"
                here, there = servers[round_ % 2], servers[(round_ + 1) % 2]
                block = blocks[round_ % len(blocks)]
                edit = f"/courses/{course}/blend/blocks/{block}/edit/"

                # Edit on one server, from the form that server shows.
                form = FormFields(browser.get(here.url + edit).text, prefix="edit-")
                title = f"Round {round_} block {block}"
                minutes = str(20 + 15 * round_)  # a new duration each round: the sums move
                saved = browser.post(
                    here.url + edit, form.with_values(title=title, duration_minutes=minutes)
                )
                assert saved.status == 200, problems(saved.text)
                assert f"Saved “{title}”." in unescape(saved.text)
                version = block_version(database_url, block)
                assert version == int(form.value("version")) + 1

                # The other server shows it: the block itself, and the figures its kept
                # block facts are summed into, exactly as the server that saved it does.
                shown = browser.get(there.url + editor.format(course=course)).text
                assert title in unescape(shown)
                figures = blend_figures(shown)
                assert figures != before, f"round {round_}: the other server shows old sums"
                own = blend_figures(browser.get(here.url + editor.format(course=course)).text)
                assert figures == own
                before = figures

                # An edit made from the version before the save is refused by the other
                # server, and changes nothing.
                stale = browser.post(
                    there.url + edit,
                    form.with_values(title=f"Stale {round_}", duration_minutes="200"),
                )
                assert stale.status == 409, problems(stale.text)
                assert block_version(database_url, block) == version
                for server in servers:
                    page = unescape(browser.get(server.url + editor.format(course=course)).text)
                    assert f"Stale {round_}" not in page
                    assert title in page
                    assert blend_figures(page) == figures
        finally:
            for server in servers:
                server.stop()
        for server in servers:
            assert server.process.poll() is not None
