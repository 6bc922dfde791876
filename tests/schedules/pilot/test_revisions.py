"""Suggested edits from the pilot's evidence: worked out by hand in plain Python, shown before
→ after, applied through the editor's services by an instructor (never a reviewer), and
recorded against the finding they answered."""

from datetime import time

import pytest
from django.urls import reverse

from schedules.models import ActivityBlock, PilotActivity, PilotRevision, ScheduleVersion
from schedules.pilot.revisions import later_due_day, move_live, suggested_edits
from schedules.pilot.services import pilot_data_delete
from schedules.reviews.services import schedule_submit
from schedules.rules.checks import Finding, Severity
from tests.factories import ActivityBlockFactory, PilotRecordFactory, UserFactory
from tests.schedules.pilot.test_evidence import at, learners
from tests.schedules.pilot.test_evidence import world as world  # the fixture, reused


def finding(check: str, block_id: int | None) -> Finding:
    return Finding(check, Severity.WARNING, "m", "f", "seed 000", block_id=block_id)


def live_block(**fields) -> ActivityBlock:
    return ActivityBlock(pk=7, title="Check-in", modality="live", **fields)


def self_paced(**fields) -> ActivityBlock:
    return ActivityBlock(pk=8, title="Reading", modality="async", **fields)


def test_a_poorly_attended_live_session_moves_to_the_busiest_hour_away_from_live():
    block = live_block(day=3, start_time=time(17), duration_minutes=60)
    edit = move_live(finding("pilot-low-attendance", 7), block, (2, 19))
    assert edit is not None
    assert edit.finding_key == "pilot-low-attendance:7"
    assert edit.fields() == {"day": 2, "start_time": time(19)}
    assert edit.before() == {"Day": "Thursday", "Start": "17:00"}
    assert edit.after() == {"Day": "Wednesday", "Start": "19:00"}


def test_a_live_session_on_the_right_day_only_changes_its_start():
    block = live_block(day=2, start_time=time(17, 30), duration_minutes=60)
    edit = move_live(finding("pilot-low-attendance", 7), block, (2, 19))
    assert edit is not None
    assert edit.fields() == {"start_time": time(19)}


def test_no_move_without_a_peak_or_when_already_there():
    block = live_block(day=2, start_time=time(19), duration_minutes=60)
    assert move_live(finding("pilot-low-attendance", 7), block, None) is None
    assert move_live(finding("pilot-low-attendance", 7), block, (2, 19)) is None


@pytest.mark.parametrize(
    ("day", "due_day", "later", "words"),
    [
        (0, 2, 4, ("Wednesday", "Friday")),  # due Wednesday: two days later
        (0, 5, 6, ("Saturday", "Sunday")),  # Sunday at the latest
        (1, None, 3, ("Tuesday", "Thursday")),  # no due day: its day is when it is due
    ],
)
def test_late_self_paced_work_gets_a_later_due_day(day, due_day, later, words):
    edit = later_due_day(finding("pilot-late-self-paced", 8), self_paced(day=day, due_day=due_day))
    assert edit is not None
    assert edit.fields() == {"due_day": later}
    assert (edit.before()["Due day"], edit.after()["Due day"]) == words


def test_work_already_due_on_sunday_gets_no_suggestion():
    assert later_due_day(finding("pilot-late-self-paced", 8), self_paced(day=0, due_day=6)) is None


def test_only_findings_about_a_known_block_get_an_edit():
    blocks = {8: self_paced(day=0, due_day=2)}
    findings = [
        finding("pilot-late-self-paced", None),
        finding("pilot-late-self-paced", 99),
        finding("pilot-late-self-paced", 8),
    ]
    assert list(suggested_edits(findings, blocks, None)) == [8]


# ----- the pages ------------------------------------------------------------------------------


@pytest.fixture
def low(world):
    """The evidence world with a cohort of 20 (six attended: 30%) and the busiest hour away
    from the live sessions Wednesday 19:00."""
    course, pilot, live, _ = world
    course.cohort_size = 20
    course.save()
    forum = PilotActivity.objects.get(title="Forum: Debate")
    for learner in learners(8):
        for minute in (1, 2):
            PilotRecordFactory(activity=forum, learner=learner, at=at(13, 19, minute))
    return course, pilot, live


def revise_url(course, block):
    return reverse("schedules:pilot_revise", args=[course.pk, block.pk])


@pytest.mark.django_db
def test_the_evidence_page_offers_the_edit_and_the_page_shows_before_and_after(client, low):
    course, _, live = low
    client.force_login(course.owner)
    evidence = client.get(reverse("schedules:pilot_evidence", args=[course.pk])).content.decode()
    assert "day Tuesday → Wednesday, start 17:00 → 19:00" in evidence
    assert revise_url(course, live) in evidence
    page = client.get(revise_url(course, live)).content.decode()
    assert "Revise “Check-in” from the pilot's evidence" in page
    assert "Suggested edit: what will change" in page
    assert '<td data-label="Now">Tuesday</td><td data-label="After">Wednesday</td>' in page
    # The form carries the version the suggestion was shown against.
    assert f'<input type="hidden" name="version" value="{live.version}">' in page


@pytest.mark.django_db
def test_applying_moves_the_block_on_and_records_the_finding_it_answered(client, low):
    course, pilot, live = low
    client.force_login(course.owner)
    response = client.post(revise_url(course, live), {"version": live.version}, follow=True)
    live.refresh_from_db()
    assert (live.day, live.start_time, live.version) == (2, time(19), 2)
    (revision,) = PilotRevision.objects.all()
    assert revision.pilot == pilot
    assert revision.finding_key == f"pilot-low-attendance:{live.pk}"
    assert revision.block == live
    assert revision.before == {"Day": "Tuesday", "Start": "17:00"}
    assert revision.after == {"Day": "Wednesday", "Start": "19:00"}
    assert revision.applied_by == course.owner
    page = response.content.decode()
    assert "It is a draft edit in the blend editor" in page
    assert "Edits made from the evidence" in page


@pytest.mark.django_db
def test_an_edit_saved_in_between_is_not_overwritten(client, low):
    course, _, live = low
    client.force_login(course.owner)
    ActivityBlock.objects.filter(pk=live.pk).update(version=5, title="Check-in (moved)")
    response = client.post(revise_url(course, live), {"version": 1}, follow=True)
    live.refresh_from_db()
    assert (live.day, live.start_time) == (1, time(17))
    assert not PilotRevision.objects.exists()
    assert "changed by someone else" in response.content.decode()


@pytest.mark.django_db
def test_an_edit_that_breaks_a_rule_is_refused_with_a_sentence(client, low):
    course, _, live = low
    # A week 3 lab, after the pilot weeks (so not on the pilot's heatmap), Wednesday 19:30.
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Lab",
        day=2,
        start_time=time(19, 30),
        weeks=[3],
    )
    client.force_login(course.owner)
    response = client.post(revise_url(course, live), {"version": live.version}, follow=True)
    live.refresh_from_db()
    assert (live.day, live.start_time) == (1, time(17))
    assert not PilotRevision.objects.exists()
    assert "“Check-in” was not changed: Overlaps the live block “Lab”" in response.content.decode()


@pytest.mark.django_db
def test_a_reviewer_cannot_see_or_apply_a_suggested_edit(client, low):
    course, _, live = low
    client.force_login(UserFactory(reviewer=True))
    assert client.get(revise_url(course, live)).status_code == 404
    assert client.post(revise_url(course, live), {"version": live.version}).status_code == 404
    live.refresh_from_db()
    assert (live.day, live.start_time, live.version) == (1, time(17), 1)
    assert not PilotRevision.objects.exists()


@pytest.mark.django_db
def test_a_block_with_nothing_suggested_changes_nothing(client, world):
    course, _, live, _ = world  # 60% attended: no finding
    client.force_login(course.owner)
    assert "Nothing to apply" in client.get(revise_url(course, live)).content.decode()
    response = client.post(revise_url(course, live), {"version": live.version}, follow=True)
    live.refresh_from_db()
    assert live.version == 1
    assert "no longer suggests a change" in response.content.decode()


@pytest.mark.django_db
def test_a_bad_version_is_refused_with_400(client, low):
    course, _, live = low
    client.force_login(course.owner)
    assert client.post(revise_url(course, live), {"version": "x"}).status_code == 400
    live.refresh_from_db()
    assert live.version == 1


@pytest.mark.django_db
def test_a_block_of_another_course_is_not_found(client, low):
    course, _, _ = low
    other = ActivityBlockFactory(live=True, start_time=time(17))
    client.force_login(course.owner)
    assert client.get(revise_url(course, other)).status_code == 404
    assert client.post(revise_url(course, other), {"version": 1}).status_code == 404


# ----- the next version links the evidence it answers ------------------------------------------


@pytest.fixture
def revised(client, low):
    """The low-attendance world with the suggested move applied by the owner."""
    course, pilot, live = low
    client.force_login(course.owner)
    client.post(revise_url(course, live), {"version": live.version})
    assert PilotRevision.objects.count() == 1
    return course, pilot, live


ANSWERED = (
    "Tuesday 17:00 “Check-in” (times in Europe/London): 30% of the cohort attended in week 1; "
    "learners are most "
    "active Wednesday 19:00–20:00"
)


@pytest.mark.django_db
def test_the_submit_step_offers_to_link_the_evidence_and_the_version_keeps_it(client, revised):
    course, _, _ = revised
    submit_url = reverse("schedules:submit", args=[course.pk])
    page = client.get(submit_url).content.decode()
    assert "Link the pilot evidence these edits answer" in page
    assert "Move to Wednesday 19:00" in page
    client.post(submit_url, {"note": "", "link_evidence": "on"})
    version = ScheduleVersion.objects.get(schedule=course.schedule)
    assert version.pilot_evidence["weeks"] == "weeks 1–2"
    (answered,) = version.pilot_evidence["answered"]
    assert answered["finding"].startswith(ANSWERED)
    assert answered["changes"] == [["Day", "Tuesday", "Wednesday"], ["Start", "17:00", "19:00"]]
    assert PilotRevision.objects.get().version == version
    # Linked once: the next submission has nothing left to offer.
    assert "Link the pilot evidence" not in client.get(submit_url).content.decode()


@pytest.mark.django_db
def test_submitting_without_the_box_links_nothing(client, revised):
    course, _, _ = revised
    client.post(reverse("schedules:submit", args=[course.pk]), {"note": "Moved the check-in."})
    version = ScheduleVersion.objects.get(schedule=course.schedule)
    assert version.pilot_evidence == {}
    assert PilotRevision.objects.get().version is None


@pytest.mark.django_db
def test_the_reviewer_sees_the_evidence_on_the_review_and_compare_pages_after_deletion(
    client, revised
):
    course, _, _ = revised
    schedule_submit(course=course, by=course.owner)  # version 1 links nothing
    ActivityBlock.objects.filter(schedule=course.schedule, title="Reading").update(due_day=4)
    schedule_submit(course=course, by=course.owner, link_evidence=True)  # version 2
    pilot_data_delete(schedule=course.schedule)  # the pilot's data goes; the copy stays
    assert not PilotRevision.objects.exists()
    client.force_login(UserFactory(reviewer=True))
    review = client.get(
        reverse("schedules:review", args=[course.schedule.pk]), {"version": 2}
    ).content.decode()
    assert "Answers pilot evidence: weeks 1–2" in review
    assert ANSWERED in review
    assert "day Tuesday → Wednesday, start 17:00 → 19:00" in review
    compare = client.get(reverse("schedules:review_compare", args=[course.schedule.pk]))
    assert "Answers pilot evidence: weeks 1–2" in compare.content.decode()
    version_1 = client.get(reverse("schedules:review", args=[course.schedule.pk]), {"version": 1})
    assert "Answers pilot evidence" not in version_1.content.decode()
