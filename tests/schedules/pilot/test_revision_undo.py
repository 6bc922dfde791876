"""Undoing an edit applied from the pilot's evidence: the block goes back through the editor's
services, an edit made since or a deleted block is never overwritten, the undone edit stays
in the record but is no longer linked to a version, and the suggestion can be applied again.
For the course's instructors only, by POST."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from schedules.editor.services import block_delete, block_update
from schedules.models import ActivityBlock, PilotRevision, ScheduleVersion
from schedules.pilot.evidence import evidence_page
from schedules.pilot.selectors import evidence_with_edits
from schedules.pilot.services import revision_apply, revision_undo
from schedules.reviews.selectors import unlinked_pilot_revisions
from schedules.reviews.services import schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, PilotFactory, UserFactory
from tests.schedules.pilot.test_evidence import PLANNED
from tests.schedules.pilot.test_evidence import world as world  # the fixture, reused
from tests.schedules.pilot.test_revisions import low as low  # the fixture, reused

pytestmark = pytest.mark.django_db


def apply(course, pilot, live):
    """Apply the evidence's suggestion for ``live`` as its owner; return the revision."""
    live.refresh_from_db()
    edit = evidence_with_edits(course, pilot)["edits"][live.pk]
    return revision_apply(
        pilot=pilot, block=live, edit=edit, expected_version=live.version, by=course.owner
    )


def slot(block):
    block.refresh_from_db()
    return block.day, block.start_time


@pytest.fixture
def applied(low):
    """The low-attendance world with the check-in moved from Tuesday 17:00 to Wednesday
    19:00 by the owner."""
    course, pilot, live = low
    revision = apply(course, pilot, live)
    assert slot(live) == (2, time(19))
    return course, pilot, live, revision


# ----- the service ----------------------------------------------------------------------------


def test_applying_keeps_what_undoing_needs(applied):
    _, _, live, revision = applied
    revision.refresh_from_db()
    assert revision.restore == {"day": 1, "start_time": "17:00:00"}
    assert revision.block_version == live.version == 2


def test_undoing_puts_the_block_back_and_keeps_the_edit_marked_undone(applied):
    course, _, live, revision = applied
    revision_undo(revision=revision, by=course.owner)
    assert slot(live) == (1, time(17))
    assert live.version == 3  # through block_update: the version moves on, checks follow
    revision.refresh_from_db()
    assert revision.undone is not None
    assert revision.undone_by == course.owner
    assert not revision.is_applied
    assert PilotRevision.objects.count() == 1  # the record stays


def test_an_edit_made_since_in_the_editor_is_not_overwritten(applied):
    course, _, live, revision = applied
    block_update(block=live, expected_version=live.version, title="Check-in (evening)")
    with pytest.raises(ValidationError, match="was edited since this change"):
        revision_undo(revision=revision, by=course.owner)
    live.refresh_from_db()
    assert (live.day, live.start_time, live.title) == (2, time(19), "Check-in (evening)")
    revision.refresh_from_db()
    assert revision.is_applied


def test_a_deleted_block_cannot_be_undone(applied):
    course, _, live, revision = applied
    block_delete(block=live)
    revision.refresh_from_db()
    with pytest.raises(ValidationError, match="was deleted from the blend since"):
        revision_undo(revision=revision, by=course.owner)
    revision.refresh_from_db()
    assert revision.is_applied
    assert revision.block_title == "Check-in"


def test_an_edit_is_undone_once(applied):
    course, _, live, revision = applied
    revision_undo(revision=revision, by=course.owner)
    with pytest.raises(ValidationError, match="already undone"):
        revision_undo(revision=revision, by=course.owner)
    assert slot(live) == (1, time(17))


def test_putting_it_back_into_a_slot_taken_since_is_refused(applied):
    course, _, live, revision = applied
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Office hour", day=1, start_time=time(17, 30)
    )
    with pytest.raises(ValidationError, match="was not changed back: Overlaps the live block"):
        revision_undo(revision=revision, by=course.owner)
    assert slot(live) == (2, time(19))


def test_an_edit_applied_before_undo_existed_is_changed_back_in_the_editor(applied):
    course, _, live, revision = applied
    PilotRevision.objects.filter(pk=revision.pk).update(restore={}, block_version=None)
    revision.refresh_from_db()
    with pytest.raises(ValidationError, match="change it back in the blend editor"):
        revision_undo(revision=revision, by=course.owner)
    assert slot(live) == (2, time(19))


def test_an_undone_edit_is_not_linked_to_the_next_version(applied):
    course, _, _, revision = applied
    revision_undo(revision=revision, by=course.owner)
    assert unlinked_pilot_revisions(course.schedule) == []
    version = schedule_submit(course=course, by=course.owner, link_evidence=True)
    assert version.pilot_evidence == {}
    revision.refresh_from_db()
    assert revision.version is None


def test_the_suggestion_can_be_applied_again_after_an_undo(applied):
    course, pilot, live, first = applied
    # While applied, the finding it answered offers no other edit.
    assert live.pk not in evidence_with_edits(course, pilot)["edits"]
    revision_undo(revision=first, by=course.owner)
    second = apply(course, pilot, live)
    assert slot(live) == (2, time(19))
    assert second.finding_key == first.finding_key
    assert unlinked_pilot_revisions(course.schedule) == [second]


def test_undoing_an_edit_a_submitted_version_answers_leaves_that_version_as_submitted(applied):
    course, _, live, revision = applied
    version = schedule_submit(course=course, by=course.owner, link_evidence=True)
    kept = (version.snapshot, version.pilot_evidence)
    revision_undo(revision=revision, by=course.owner)
    version.refresh_from_db()
    assert (version.snapshot, version.pilot_evidence) == kept
    (block,) = [b for b in version.snapshot["blocks"] if b["title"] == "Check-in"]
    assert block["day"] == 2  # as submitted, though the draft is back on Tuesday
    assert slot(live) == (1, time(17))
    revision.refresh_from_db()
    assert revision.version == version  # what version 1 answered stays on record


def test_the_busiest_hour_away_from_live_is_not_the_old_slot_of_a_moved_session(applied):
    course, pilot, _, _ = applied
    evidence = evidence_with_edits(course, pilot)
    # The check-in's old slot (Tuesday 17:00) is busy with its own attendance: without the
    # session as it was held, it would look like the busiest hour away from the live ones.
    as_planned_now = evidence_page(course, pilot, PLANNED)
    assert as_planned_now is not None
    assert as_planned_now.peak_away == "Tuesday 17:00–18:00"
    assert evidence["page"].peak_away == ""


# ----- the pages ------------------------------------------------------------------------------


def revise_url(course, block):
    return reverse("schedules:pilot_revise", args=[course.pk, block.pk])


def undo_url(course, revision):
    return reverse("schedules:pilot_revision_undo", args=[course.pk, revision.pk])


HTMX = {"HX-Request": "true"}


def test_applying_with_htmx_answers_the_region_with_a_notice_and_undo(client, low):
    course, _, live = low
    client.force_login(course.owner)
    response = client.post(revise_url(course, live), {"version": live.version}, headers=HTMX)
    revision = PilotRevision.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="revise">')
    assert (
        "<p data-announce>“Check-in”: move to Wednesday 19:00, the busiest hour away from the "
        "live sessions. It is a draft edit in the blend editor" in html
    )
    assert f'hx-post="{undo_url(course, revision)}"' in html
    assert "HX-Request" in response["Vary"]


def test_applying_without_javascript_shows_the_notice_with_undo_on_the_page(client, low):
    course, _, live = low
    client.force_login(course.owner)
    response = client.post(revise_url(course, live), {"version": live.version})
    revision = PilotRevision.objects.get()
    assert response["Location"] == f"{revise_url(course, live)}?applied={revision.pk}#revise"
    page = client.get(response["Location"]).content.decode()
    assert "It is a draft edit in the blend editor" in page
    assert f'<form method="post" action="{undo_url(course, revision)}"' in page
    assert "Edits made from the evidence to this block" in page


def test_undoing_with_htmx_puts_the_block_back_and_offers_the_suggestion_again(client, applied):
    course, _, live, revision = applied
    client.force_login(course.owner)
    response = client.post(undo_url(course, revision), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Undone: “Check-in” is back as it was (day Tuesday, start 17:00)" in html
    assert "Apply as a draft edit" in html
    assert slot(live) == (1, time(17))
    assert f'<input type="hidden" name="version" value="{live.version}">' in html  # 3
    assert "Undone by" in html


def test_undoing_without_javascript_redirects_to_the_page_with_a_message(client, applied):
    course, _, live, revision = applied
    client.force_login(course.owner)
    response = client.post(undo_url(course, revision), follow=True)
    assert response.redirect_chain == [(revise_url(course, live) + "#revise", 302)]
    page = response.content.decode()
    assert "Undone: “Check-in” is back as it was" in page
    assert "The suggestion can be applied again." in page
    assert slot(live) == (1, time(17))


def test_an_edit_made_since_is_said_on_the_page_and_undo_is_not_offered(client, applied):
    course, _, live, revision = applied
    block_update(block=live, expected_version=live.version, duration_minutes=45)
    client.force_login(course.owner)
    page = client.get(revise_url(course, live)).content.decode()
    assert "was edited since this change" in page
    assert undo_url(course, revision) not in page
    response = client.post(undo_url(course, revision), headers=HTMX)
    assert response.status_code == 409
    assert "was edited since this change" in response.content.decode()
    live.refresh_from_db()
    assert (live.day, live.duration_minutes) == (2, 45)


def test_the_page_says_a_submitted_version_keeps_the_edit(client, applied):
    course, _, live, revision = applied
    schedule_submit(course=course, by=course.owner, link_evidence=True)
    client.force_login(course.owner)
    page = client.get(revise_url(course, live)).content.decode()
    assert "Undoing it changes the draft only: version 1 keeps the edit as it was submitted." in (
        page
    )
    client.post(undo_url(course, revision))
    page = client.get(revise_url(course, live)).content.decode()
    assert "Version 1 still shows it as submitted." in page
    assert ScheduleVersion.objects.get().snapshot["blocks"]


def test_the_evidence_page_shows_the_applied_edit_instead_of_another_suggestion(client, applied):
    course, _, live, _ = applied
    client.force_login(course.owner)
    page = client.get(reverse("schedules:pilot_evidence", args=[course.pk])).content.decode()
    assert "Applied: Move to Wednesday 19:00" in page
    # The finding is about the session as it was held: Tuesday 17:00, not its new slot.
    assert (
        f"Tuesday 17:00 “Check-in” (times in {course.timezone}): 30% of the cohort attended in "
        "week 1"
    ) in page
    assert f"{revise_url(course, live)}#revisions-heading" in page
    assert "Apply as a draft edit" not in page


@pytest.mark.parametrize("who", ["other_instructor", "reviewer"])
def test_only_the_courses_instructors_may_undo(client, applied, who):
    course, _, live, revision = applied
    user = UserFactory(instructor=True) if who == "other_instructor" else UserFactory(reviewer=True)
    client.force_login(user)
    assert client.post(undo_url(course, revision)).status_code == 404
    assert slot(live) == (2, time(19))


def test_a_co_instructor_may_undo_and_is_named(client, applied):
    course, _, live, revision = applied
    co = UserFactory(instructor=True, first_name="Ada", last_name="Byron")
    course.co_instructors.add(co)
    client.force_login(co)
    client.post(undo_url(course, revision))
    assert slot(live) == (1, time(17))
    page = client.get(revise_url(course, live)).content.decode()
    assert "Undone by Ada Byron" in page


def test_undo_is_a_post(client, applied):
    course, _, live, revision = applied
    client.force_login(course.owner)
    assert client.get(undo_url(course, revision)).status_code == 405
    assert slot(live) == (2, time(19))


def test_a_revision_of_another_course_is_not_found(client, applied):
    _, _, _, revision = applied
    other = UserFactory(instructor=True)
    theirs = CourseFactory(owner=other)
    PilotFactory(schedule=theirs.schedule)
    client.force_login(other)
    assert client.post(undo_url(theirs, revision)).status_code == 404
    revision.refresh_from_db()
    assert revision.is_applied


def test_a_bad_applied_parameter_is_refused_with_400(client, applied):
    course, _, live, _ = applied
    client.force_login(course.owner)
    assert client.get(revise_url(course, live), {"applied": "x"}).status_code == 400


def test_the_csrf_token_is_required(applied):
    course, _, live, revision = applied
    client = Client(enforce_csrf_checks=True)
    client.force_login(course.owner)
    assert client.post(undo_url(course, revision)).status_code == 403
    assert slot(live) == (2, time(19))


def test_an_unknown_block_has_no_revise_page(client, applied):
    course, _, _, _ = applied
    client.force_login(course.owner)
    missing = max(ActivityBlock.objects.values_list("pk", flat=True)) + 100
    url = reverse("schedules:pilot_revise", args=[course.pk, missing])
    assert client.get(url).status_code == 404
