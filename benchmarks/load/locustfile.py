"""The load benchmark's users (locust): instructors working in their 300-block courses,
reviewers reading reviews, exports and the API, and, for comparison in the same run, a
user asking only for /health/.

Reads what ``seed_load.py`` wrote from the file named by LOAD_SEED. Users ask again at
once (no think time): the figure is what the server sustains, compared with /health/.
"""

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, constant, task

SEED: dict[str, Any] = json.loads(Path(os.environ["LOAD_SEED"]).read_text())
_next_instructor = itertools.count()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="edit-version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="edit-version"')


class SignedIn(HttpUser):
    abstract = True
    wait_time = constant(0)

    def sign_in(self, username: str) -> None:
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = CSRF.search(page.text)
        assert token, "no CSRF token on the sign-in page"
        self.client.post(
            "/accounts/login/",
            {
                "username": username,
                "password": SEED["password"],
                "csrfmiddlewaretoken": token.group(1),
            },
            name="sign in",
        )
        self.csrf = self.client.cookies.get("csrftoken", "")


class Instructor(SignedIn):
    weight = 4

    def on_start(self) -> None:
        me = SEED["instructors"][next(_next_instructor) % len(SEED["instructors"])]
        self.course: int = me["course"]
        self.blocks: list[int] = me["blocks"]
        self.versions: dict[int, int] = {}
        self.sign_in(me["username"])

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/", name="dashboard")

    @task(1)
    def course_page(self) -> None:
        self.client.get(f"/courses/{self.course}/", name="course page")

    @task(3)
    def editor(self) -> None:
        self.client.get(f"/courses/{self.course}/blend/", name="editor page (300 blocks)")

    @task(2)
    def save_block(self) -> None:
        block = random.choice(self.blocks)
        url = f"/courses/{self.course}/blend/blocks/{block}/edit/"
        if block not in self.versions:
            form = self.client.get(url, headers={"HX-Request": "true"}, name="block edit form")
            found = VERSION.search(form.text)
            if not found:
                return
            self.versions[block] = int(found.group(1) or found.group(2))
        with self.client.post(
            url,
            {
                "edit-title": f"Reading {random.randint(1, 999)}",
                "edit-modality": "self_paced",
                "edit-activity_type": "reading",
                "edit-day": "0",
                "edit-duration_minutes": "45",
                "edit-weeks": "1",
                "edit-due_day": "2",
                "edit-delivery": "interactive",
                "edit-version": str(self.versions[block]),
            },
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="block save (htmx)",
            catch_response=True,
        ) as answer:
            if answer.status_code == 409:  # another tab of ours moved it on: read it again
                self.versions.pop(block, None)
                answer.success()
            elif answer.status_code == 200:
                self.versions[block] += 1


class Reviewer(SignedIn):
    weight = 1

    def on_start(self) -> None:
        self.sign_in(SEED["reviewer"])

    @task(1)
    def queue(self) -> None:
        self.client.get("/reviews/", name="review queue")

    @task(3)
    def review(self) -> None:
        schedule = random.choice(SEED["submitted"])
        self.client.get(f"/reviews/{schedule}/", name="review page (300 blocks)")

    @task(1)
    def export_csv(self) -> None:
        schedule = random.choice(SEED["submitted"])
        self.client.get(f"/reviews/{schedule}/export.csv", name="export .csv")

    @task(1)
    def export_ics(self) -> None:
        schedule = random.choice(SEED["submitted"])
        self.client.get(f"/reviews/{schedule}/export.ics", name="export .ics")

    @task(1)
    def api_list(self) -> None:
        self.client.get(
            "/api/v1/schedules?status=submitted",
            headers={"Authorization": f"Bearer {SEED['token']}"},
            name="API schedule list",
        )


class Health(HttpUser):
    """Only /health/: the same server's ceiling, measured in the same run."""

    wait_time = constant(0)

    @task
    def health(self) -> None:
        self.client.get("/health/", name="/health/")
