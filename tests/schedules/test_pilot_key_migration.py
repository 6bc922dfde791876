"""Migration 0025: the text keys records were stored under become the 64-bit keys the import
core now computes for the same records, so a file imported before the migration and again
after it counts nothing twice."""

import hashlib
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.schedules.pilot_imports.helpers import load

migration = importlib.import_module("schedules.migrations.0025_pilot_record_integer_keys")
BEFORE = [("schedules", "0024_pilot_revision_undo")]
AFTER = [("schedules", "0025_pilot_record_integer_keys")]


def key_before_0025(record):
    """The key as the import core computed it before 0025 (its recipe, kept as a record of
    what older databases hold)."""
    at, until = record.at, record.until
    text = (
        f"{record.learner}\x1f{record.evidence}\x1f{record.activity}\x1f{record.action}\x1f"
        f"{at.timestamp() if at else ''}\x1f{until.timestamp() if until else ''}\x1f"
        f"{'' if record.minutes is None else f'{record.minutes:.4f}'}\x1f"
        f"{record.completion or ''}\x1f{'' if record.score is None else f'{record.score:.6f}'}"
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def old_keys(records):
    """Each record's earlier text key, numbering repeats as the earlier code did."""
    seen: dict[str, int] = {}
    keys = []
    for record in records:
        key = key_before_0025(record)
        count = seen.get(key, 0)
        seen[key] = count + 1
        keys.append(f"{key}-{count}" if count else key)
    return keys


def test_an_earlier_text_key_becomes_the_key_the_import_now_gives_the_same_record():
    _, records = load("moodle_log.csv")
    texts = old_keys(records)
    assert any("-" in text for text in texts)  # the fixture's two posts in one second
    assert [migration.number_of(text) for text in texts] == [record.key for record in records]
    assert len({record.key for record in records}) == len(records)


def test_a_key_of_no_known_shape_still_gets_a_number_of_its_own():
    # (A test database's factory keys, say.)
    assert migration.number_of("key-1") != migration.number_of("key-2")


@pytest.mark.django_db(transaction=True)
def test_migrating_keeps_every_record_and_turns_its_key_into_a_number():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("schedules")
    executor.migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        user = apps.get_model("auth", "User").objects.create(username="owner")
        course = apps.get_model("courses", "Course").objects.create(owner=user, title="C")
        schedule = apps.get_model("schedules", "Schedule").objects.create(course=course)
        pilot = apps.get_model("schedules", "Pilot").objects.create(schedule=schedule)
        activity = apps.get_model("schedules", "PilotActivity").objects.create(
            pilot=pilot, title="Quiz"
        )
        _, records = load("moodle_log.csv")
        texts = old_keys(records)
        for text in texts:
            apps.get_model("schedules", "PilotRecord").objects.create(
                pilot=pilot, activity=activity, key=text, learner="p_1", evidence="event"
            )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        apps = executor.loader.project_state(AFTER).apps
        keys = apps.get_model("schedules", "PilotRecord").objects.values_list("key", flat=True)
        assert sorted(keys) == sorted(record.key for record in records)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
