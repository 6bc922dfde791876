"""Block facts kept between requests: whatever changes a block, the next read sees it."""

from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.services import outcome_delete
from schedules.editor.block_facts import (
    COLUMNS,
    checked_findings,
    forget_kept_block_facts,
    kept_blocks,
    schedule_block_facts,
)
from schedules.editor.selectors import blend_facts
from schedules.editor.services import StaleEditError, block_update, blocks_copy_week
from schedules.models import ActivityBlock
from schedules.rules.checks import run_checks
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def schedule():
    course = CourseFactory(weeks=4)
    schedule = ScheduleFactory(course=course)
    outcome = LearningOutcomeFactory(course=course)
    ActivityBlockFactory(schedule=schedule, title="Reading", outcomes=[outcome])
    ActivityBlockFactory(schedule=schedule, title="Seminar", live=True, weeks=[1, 2])
    return schedule


def cold(schedule):
    forget_kept_block_facts()
    return schedule_block_facts(schedule)


def warm_then(schedule, change):
    """Read (so the facts are kept), make ``change``, and read again."""
    schedule_block_facts(schedule)
    change()
    return schedule_block_facts(schedule)


def test_a_warm_read_reads_only_ids_and_versions(schedule):
    schedule_block_facts(schedule)

    with CaptureQueriesContext(connection) as queries:
        facts = schedule_block_facts(schedule)

    assert sorted(block.title for block in facts) == ["Reading", "Seminar"]
    assert not any('"title"' in query["sql"] for query in queries.captured_queries)


def test_a_block_saved_by_any_code_is_read_again(schedule):
    block = schedule.blocks.get(title="Reading")

    def rename():
        block.title = "Reading, revised"
        block.save()

    assert warm_then(schedule, rename) == cold(schedule)
    assert "Reading, revised" in [facts.title for facts in schedule_block_facts(schedule)]


def test_a_bulk_update_is_read_again(schedule):
    facts = warm_then(schedule, lambda: schedule.blocks.update(duration_minutes=25))

    assert {block.duration_minutes for block in facts} == {25}
    assert facts == cold(schedule)


def test_added_and_deleted_blocks_are_seen(schedule):
    def add_and_delete():
        ActivityBlockFactory(schedule=schedule, title="Quiz")
        schedule.blocks.get(title="Seminar").delete()

    facts = warm_then(schedule, add_and_delete)

    assert sorted(block.title for block in facts) == ["Quiz", "Reading"]
    assert facts == cold(schedule)


def test_a_deleted_outcome_no_longer_counts_as_served(schedule):
    outcome = schedule.course.outcomes.get()

    facts = warm_then(schedule, lambda: outcome_delete(outcome=outcome))

    assert all(block.outcome_ids == () for block in facts)
    assert facts == cold(schedule)


def test_copying_a_week_is_seen(schedule):
    def copy():
        blocks_copy_week(schedule=schedule, source=1, targets=[3, 4])

    facts = warm_then(schedule, copy)

    seminar = next(block for block in facts if block.title == "Seminar")
    assert seminar.weeks == ()  # weeks 1 to 4 of a 4-week course: every week
    assert facts == cold(schedule)


def test_facts_are_kept_per_schedule(schedule):
    other = ScheduleFactory()
    ActivityBlockFactory(schedule=other, title="Elsewhere")

    assert [block.title for block in schedule_block_facts(other)] == ["Elsewhere"]
    assert sorted(block.title for block in schedule_block_facts(schedule)) == [
        "Reading",
        "Seminar",
    ]


def test_every_save_moves_the_version_on_so_an_older_edit_is_refused(schedule):
    block = schedule.blocks.get(title="Seminar")
    loaded_version = block.version
    ActivityBlock.objects.filter(pk=block.pk).update(start_time=time(11, 0))  # e.g. the admin

    with pytest.raises(StaleEditError):
        block_update(block=block, expected_version=loaded_version, title="Mine")

    block.refresh_from_db()
    assert block.version == loaded_version + 1
    assert block.title == "Seminar"


def test_a_stale_edit_that_is_also_invalid_is_refused_as_stale_and_nothing_changes(schedule):
    block = schedule.blocks.get(title="Seminar")
    loaded_version = block.version
    ActivityBlock.objects.filter(pk=block.pk).update(title="Theirs")

    with pytest.raises(StaleEditError, match="Theirs"):
        block_update(block=block, expected_version=loaded_version, duration_minutes=0)

    assert block.duration_minutes != 0  # the caller's block is given back as it was
    block.refresh_from_db()
    assert (block.title, block.version) == ("Theirs", loaded_version + 1)


def test_a_save_writes_every_field_and_moves_the_version_on_once(schedule):
    block = schedule.blocks.get(title="Seminar")

    saved = block_update(
        block=block, expected_version=block.version, title="Mine", start_time=time(9, 30)
    )

    stored = ActivityBlock.objects.get(pk=block.pk)
    assert (stored.title, stored.start_time, stored.version) == ("Mine", time(9, 30), 2)
    assert saved.version == stored.version
    with pytest.raises(StaleEditError):  # the same edit sent again is now stale
        block_update(block=stored, expected_version=1, title="Again")


def test_a_new_block_starts_at_version_one_and_each_save_adds_one():
    block = ActivityBlockFactory()
    assert block.version == 1

    block.title = "Again"
    block.save(update_fields=["title"])
    block.refresh_from_db()

    assert block.version == 2


def test_untimed_work_comes_before_timed_sessions_on_the_same_day_on_every_database():
    schedule = ScheduleFactory()
    ActivityBlockFactory(schedule=schedule, title="Seminar", live=True, position=0)
    ActivityBlockFactory(schedule=schedule, title="Reading", position=1)

    assert [block.title for block in schedule_block_facts(schedule)] == ["Reading", "Seminar"]
    assert list(schedule.blocks.values_list("title", flat=True)) == ["Reading", "Seminar"]


def test_a_block_deleted_between_listing_and_reading_is_not_served_stale(schedule):
    schedule_block_facts(schedule)  # kept at the blocks' current versions
    seminar = schedule.blocks.get(title="Seminar")
    seminar.title = "Seminar, moved"
    seminar.save()  # listed with a newer version...
    deleted: list[int] = []

    def delete_after_the_listing(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        listing = "activityblock" in sql and '"version"' in sql and '"title"' not in sql
        if listing and not deleted:
            deleted.append(seminar.pk)  # ...and deleted (by another request) before it is read
            ActivityBlock.objects.filter(pk=seminar.pk).delete()
        return result

    with connection.execute_wrapper(delete_after_the_listing):
        titles = [block.title for block in schedule_block_facts(schedule)]

    assert deleted == [seminar.pk]
    assert titles == ["Reading"]


def test_the_checks_run_again_when_anything_they_judge_changes(schedule):
    course = schedule.course
    type(course).objects.filter(pk=course.pk).update(cohort_size=12)
    before = checked_findings(blend_facts(course))
    assert "large-live-group" not in {finding.check for finding in before}

    # Made elsewhere (another app server, the course page): no block is saved.
    type(course).objects.filter(pk=course.pk).update(cohort_size=60)
    after = checked_findings(blend_facts(course))

    assert "large-live-group" in {finding.check for finding in after}


def test_kept_findings_are_those_the_checks_give_for_the_same_facts(schedule):
    facts = blend_facts(schedule.course)
    checked_findings(facts)

    assert checked_findings(blend_facts(schedule.course)) == tuple(run_checks(facts))


def _edit(block, **changes):
    data = {
        "week": "1",
        "edit-title": block.title,
        "edit-modality": block.modality,
        "edit-activity_type": block.activity_type,
        "edit-day": str(block.day),
        "edit-duration_minutes": str(block.duration_minutes),
        "edit-weeks": ",".join(map(str, block.weeks)),
        "edit-due_day": "" if block.due_day is None else str(block.due_day),
        "edit-start_time": "" if block.start_time is None else f"{block.start_time:%H:%M}",
        "edit-delivery": block.delivery,
        "edit-outcomes": [str(pk) for pk in block.outcome_ids],
        "edit-version": str(block.version),
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"edit-title": "  Reading, “revised” <b>  ", "edit-weeks": "2-3, 1", "edit-recorded": "on"},
        {
            "edit-modality": "live",
            "edit-activity_type": "live_seminar",
            "edit-due_day": "",
            "edit-start_time": "13:30",
            "edit-gagne_events": ["3", "1"],
            "edit-outcomes": [],
        },
    ],
)
def test_a_block_saved_in_the_editor_is_kept_as_a_fresh_read_gives_it(
    schedule, client, django_capture_on_commit_callbacks, changes
):
    course = schedule.course
    client.force_login(course.owner)
    block = ActivityBlock.objects.get(schedule=schedule, title="Reading")
    schedule_block_facts(schedule)
    url = f"/courses/{course.pk}/blend/blocks/{block.pk}/edit/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _edit(block, **changes), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        kept = schedule_block_facts(schedule)
    assert not any('"title"' in query["sql"] for query in queries.captured_queries)
    assert kept == cold(schedule)
    assert [(f.id, f.title) for f in kept] == [(f.id, f.title) for f in cold(schedule)]
    # The blocks of the week on show, made from the kept rows, are the rows as stored.
    pks = [facts.id for facts in kept]
    made = kept_blocks(schedule, pks)
    forget_kept_block_facts()
    stored = [ActivityBlock.objects.get(pk=pk) for pk in pks]
    assert made is not None
    assert [columns(block) for block in made] == [columns(block) for block in stored]
    assert [block.when for block in made] == [block.when for block in stored]


def columns(block):
    return {name: getattr(block, name) for name in COLUMNS}


def test_blocks_not_kept_are_read_from_the_database(schedule):
    assert kept_blocks(schedule, [block.pk for block in schedule.blocks.all()]) is None
    schedule_block_facts(schedule)
    assert kept_blocks(schedule, [0]) is None
