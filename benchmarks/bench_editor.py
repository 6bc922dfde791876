"""The blend editor for a 15-week course with 20 blocks a week (300 blocks).

Times, through Django's test client on a throwaway SQLite database (server time, no
network): rendering the editor page, and a block save round trip (an htmx POST that saves
the block and returns the refreshed workspace fragment). Medians of many runs.

The editor keeps each schedule's block facts between requests (schedules/block_facts.py):
the page is timed as an instructor sees it while working, and once more "cold", with the
kept facts dropped before every request (the first request after a restart).
"""

import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django_setup import setup_django
from editor_course import WEEKS, create_editor_blocks

ROUNDS = int(__import__("os").environ.get("BENCH_ROUNDS", "100"))


def _interleaved(calls: dict[str, Any], rounds: int = ROUNDS) -> dict[str, float]:
    """Return each call's median time in ms, the calls taken in turn, round after round.

    Taking them in turn spreads each one's runs over the whole measurement, so a few
    seconds in which the (shared, virtual) machine runs slow weigh on every figure a
    little rather than on one figure entirely.
    """
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            timings[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in timings.items()}


def build() -> tuple[Any, Any, Any, Any]:
    """Set up the course and return (show the editor page, save a block, and their floors)
    as callables."""
    setup_django()
    from django.contrib.auth.models import User
    from django.test import Client

    from courses.models import Course, LearningOutcome
    from schedules.models import Schedule
    from schedules.rules.choices import Modality

    owner = User.objects.create_user("bench-editor", password="bench-password-123")
    course = Course.objects.create(owner=owner, title="Benchmark course", weeks=WEEKS)
    outcomes = [
        LearningOutcome.objects.create(course=course, text=f"Outcome {n}", position=n)
        for n in range(5)
    ]
    schedule = Schedule.objects.get(course=course)  # made with the course
    blocks = create_editor_blocks(schedule)
    for block in blocks:
        block.outcomes.set(outcomes[:2])
    client = Client()
    client.force_login(owner)
    url = f"/courses/{course.pk}/blend/"
    client.get(url)

    def page() -> None:
        _ok(client.get(url))

    target = next(block for block in blocks if block.modality == Modality.SELF_PACED)
    edit_url = f"/courses/{course.pk}/blend/blocks/{target.pk}/edit/"
    versions = iter(range(1, 10_000))

    def save() -> None:
        # A new title each time: a save that changes what the checks see, as a real one does
        # (the editor keeps the checks' findings for facts it has already checked).
        version = next(versions)
        data = {
            **_save_data(outcomes[0].pk),
            "edit-title": f"Renamed reading {version}",
            "edit-version": str(version),
        }
        _ok(client.post(edit_url, data, HTTP_HX_REQUEST="true"))

    # The floors (floor_urls.py): the same stack and rows, the same bytes, no rendering.
    import floor_urls
    from django.conf import settings
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "floor_urls"
    clear_url_caches()
    floor_urls.RENDERED["page"] = client.get(url).content
    save()
    floor_urls.RENDERED["save"] = client.post(
        edit_url,
        {**_save_data(outcomes[0].pk), "edit-version": str(next(versions))},
        HTTP_HX_REQUEST="true",
    ).content
    page_floor_url = f"/floor/{course.pk}/"
    # Another block than the real save's: the floor's write moves that block's version on.
    other = next(b for b in blocks if b.modality == Modality.SELF_PACED and b.pk != target.pk)
    save_floor_url = f"/floor/{course.pk}/blocks/{other.pk}/"

    def page_floor() -> None:
        _ok(client.get(page_floor_url))

    def save_floor() -> None:
        _ok(client.post(save_floor_url, _save_data(outcomes[0].pk), HTTP_HX_REQUEST="true"))

    return page, save, page_floor, save_floor


def _save_data(outcome: int) -> dict[str, Any]:
    return {
        "edit-title": "Renamed reading",
        "edit-modality": "self_paced",
        "edit-activity_type": "reading",
        "edit-day": "0",
        "edit-duration_minutes": "45",
        "edit-weeks": "1",
        "edit-due_day": "2",
        "edit-delivery": "interactive",
        "edit-outcomes": [str(outcome)],
    }


def main() -> list[tuple[str, float, str, str]]:
    page, save, page_floor, save_floor = build()
    from schedules.editor.block_facts import forget_kept_block_facts

    def cold_page() -> None:
        forget_kept_block_facts()
        page()

    # The cold page first: the page after it fills the kept facts again, as a real session would.
    medians = _interleaved(
        {
            "cold": cold_page,
            "page": page,
            "save": save,
            "page floor": page_floor,
            "save floor": save_floor,
        }
    )
    return [
        ("editor page, 300 blocks (median)", medians["page"], "ms", "< 50"),
        ("editor page, cold (no kept facts), 300 blocks (median)", medians["cold"], "ms", ""),
        ("block save round trip, 300 blocks (median)", medians["save"], "ms", "< 30"),
        (
            "editor page's floor (same stack and rows, no rendering)",
            medians["page floor"],
            "ms",
            "",
        ),
        (
            "block save's floor (same stack, a write, the rows)",
            medians["save floor"],
            "ms",
            "",
        ),
        ("editor page / its floor", medians["page"] / medians["page floor"], "×", "≤ 2"),
        ("block save / its floor", medians["save"] / medians["save floor"], "×", "≤ 2"),
    ]


def _ok(response: Any) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"Benchmark request failed with {response.status_code}")


if __name__ == "__main__":
    for row in main():
        print("\t".join(map(str, row)))
