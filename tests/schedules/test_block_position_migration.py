"""Migration 0012: blocks sharing a position are renumbered, then positions become unique."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("schedules", "0011_api_token_expires")]
AFTER = [("schedules", "0012_block_position_unique")]


@pytest.mark.django_db(transaction=True)
def test_blocks_sharing_a_position_are_renumbered_in_their_order_before_the_constraint():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("schedules")
    executor.migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        User = apps.get_model("auth", "User")
        Course = apps.get_model("courses", "Course")
        Schedule = apps.get_model("schedules", "Schedule")
        Block = apps.get_model("schedules", "ActivityBlock")
        owner = User.objects.create(username="owner")
        shared, fine = (
            Schedule.objects.create(course=Course.objects.create(owner=owner, title=title))
            for title in ("Shared", "Fine")
        )
        common = {"modality": "self_paced", "activity_type": "reading", "duration_minutes": 30}
        for title, position in [("a", 0), ("b", 0), ("c", 1), ("d", 1)]:
            Block.objects.create(schedule=shared, title=title, position=position, **common)
        for title, position in [("x", 5), ("y", 9)]:
            Block.objects.create(schedule=fine, title=title, position=position, **common)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)

        apps = executor.loader.project_state(AFTER).apps
        Block = apps.get_model("schedules", "ActivityBlock")
        renumbered = Block.objects.filter(schedule_id=shared.pk).order_by("position")
        untouched = Block.objects.filter(schedule_id=fine.pk).order_by("position")
        assert [(b.title, b.position) for b in renumbered] == [
            ("a", 0),
            ("b", 1),
            ("c", 2),
            ("d", 3),
        ]
        assert [(b.title, b.position) for b in untouched] == [("x", 5), ("y", 9)]
    finally:
        MigrationExecutor(connection).migrate(latest)
