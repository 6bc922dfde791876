"""The editor's input and integrity: what a crafted post cannot do, and blocks' positions."""

from html import unescape
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from schedules.editor import services
from schedules.editor.services import block_add, block_delete, block_duplicate
from schedules.models import ActivityBlock
from schedules.rules.choices import ActivityType, Modality
from tests.factories import ActivityBlockFactory, CourseFactory, LearningOutcomeFactory

pytestmark = pytest.mark.django_db

READING = {
    "title": "Truss reading",
    "modality": "self_paced",
    "activity_type": "reading",
    "day": "0",
    "duration_minutes": "30",
    "due_day": "2",
    "delivery": "interactive",
}


@pytest.fixture
def course():
    return CourseFactory(title="Statics", weeks=12)


def new_url(course):
    return reverse("schedules:block_new", args=[course.pk])


@pytest.mark.parametrize("outcome", ["9" * 20, str(2**63), "²", "-1", "1.0"])
def test_an_outcome_id_no_database_holds_is_refused_with_a_sentence(client, course, outcome):
    """Twenty digits were an OverflowError on SQLite ("Python int too large")."""
    LearningOutcomeFactory(course=course)
    client.force_login(course.owner)
    response = client.post(new_url(course), {**READING, "outcomes": outcome})
    assert response.status_code == 422
    assert f"“{outcome}” is not one of them" in unescape(response.content.decode())
    assert not ActivityBlock.objects.exists()


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("Truss\x00reading", "Null characters are not allowed."),
        ("Truss\x0breading", "invisible control character (U+000B)"),
        ("Truss\nreading", "Keep this to one line"),
    ],
)
def test_a_title_with_control_characters_is_refused_and_nothing_is_saved(
    client, course, title, message
):
    """A vertical tab in a title made the cartridge's manifest invalid XML."""
    client.force_login(course.owner)
    response = client.post(new_url(course), {**READING, "title": title})
    assert response.status_code == 422
    assert message in unescape(response.content.decode())
    assert not ActivityBlock.objects.exists()


def test_a_right_to_left_title_is_kept_as_typed(client, course):
    client.force_login(course.owner)
    title = "\u200fقراءة: الجمالونات"
    client.post(new_url(course), {**READING, "title": title})
    assert ActivityBlock.objects.get().title == title


@pytest.mark.parametrize("version", [None, "", "²", "0", "9" * 20])
def test_an_edit_without_a_version_it_began_from_is_refused_and_nothing_is_saved(
    client, course, version
):
    """Without ``version`` the save used to skip the stale-edit check and overwrite."""
    block = ActivityBlockFactory(schedule=course.schedule, title="Original")
    client.force_login(course.owner)
    data = {f"edit-{name}": value for name, value in {**READING, "title": "Renamed"}.items()}
    if version is not None:
        data["edit-version"] = version
    response = client.post(reverse("schedules:block_edit", args=[course.pk, block.pk]), data)
    assert response.status_code == 422
    assert "did not say which version of the block" in unescape(response.content.decode())
    block.refresh_from_db()
    assert (block.title, block.version) == ("Original", 1)


def add(course, title):
    return block_add(
        schedule=course.schedule,
        title=title,
        modality=Modality.SELF_PACED,
        activity_type=ActivityType.READING,
        duration_minutes=30,
    )


def test_a_block_added_after_a_delete_does_not_take_a_position_in_use(course):
    """Numbering by count gave the new block the last block's position."""
    first, _, _ = (add(course, name) for name in ("A", "B", "C"))
    block_delete(block=first)
    add(course, "D")
    copy = block_duplicate(block=ActivityBlock.objects.get(title="B"))
    positions = list(course.schedule.blocks.order_by("pk").values_list("position", flat=True))
    assert positions == [1, 2, 3, 4]
    assert copy.position == 4


def test_two_blocks_cannot_share_a_position_in_the_database(course):
    ActivityBlockFactory(schedule=course.schedule, position=3)
    other = CourseFactory()
    ActivityBlockFactory(schedule=other.schedule, position=3)  # another schedule: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityBlockFactory(schedule=course.schedule, position=3)


def test_an_add_whose_position_was_taken_meanwhile_is_retried(course):
    """As when another add saved between this one's numbering and its save (SQLite, which
    has no row lock): the constraint refuses the save, and the add numbers again."""
    taken = add(course, "Theirs")
    real = services.next_position
    calls = []

    def numbered(schedule):
        calls.append(schedule)
        return taken.position if len(calls) == 1 else real(schedule)

    with mock.patch.object(services, "next_position", side_effect=numbered):
        mine = add(course, "Mine")
    assert len(calls) == 2
    assert (mine.position, ActivityBlock.objects.count()) == (1, 2)
