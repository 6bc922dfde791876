"""``seed_demo``: demo users and the three sample-week courses, idempotently."""

from datetime import time
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from courses.models import Course
from schedules.models import (
    ActivityBlock,
    LearnerPage,
    Pilot,
    PilotActivity,
    PilotImport,
    PilotRecord,
    PilotRevision,
    PilotState,
    ReviewStatus,
)
from schedules.pilot.checklist import MANUAL_KEYS
from schedules.pilot.evidence import evidence_page
from schedules.pilot.selectors import evidence_with_edits
from schedules.rules.blend import summarise_blend
from schedules.rules.sample_weeks import SAMPLE_WEEKS

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def test_seed_demo_creates_three_users_who_can_sign_in_with_the_demo_password(settings):
    settings.DEBUG = True
    seed()
    # A sign-in comes with its request (the throttling backend counts it against the address).
    request = RequestFactory().post("/accounts/login/")
    signed_in = [
        getattr(authenticate(request, username=name, password="blendplan-demo"), "username", None)
        for name in ("instructor", "reviewer", "rulesadmin")
    ]
    assert signed_in == ["instructor", "reviewer", "rulesadmin"]


def test_each_demo_user_holds_the_role_their_name_says(settings):
    settings.DEBUG = True
    seed()
    groups = {
        user.username: sorted(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.all()
    }
    assert groups == {
        "instructor": ["Instructors"],
        "reviewer": ["Reviewers"],
        "rulesadmin": ["Rule admins"],
    }


def test_the_demo_instructor_gets_one_course_per_sample_week_with_its_live_share(settings):
    settings.DEBUG = True
    seed()
    courses = Course.objects.filter(owner__username="instructor").order_by("code")
    shares = {}
    for course in courses:
        blocks = course.schedule.blocks.all()
        shares[course.title] = summarise_blend(blocks, weeks=course.weeks).live_percent
    assert len(shares) == 3
    by_phrase = {
        phrase: next(share for title, share in shares.items() if phrase in title)
        for phrase in ("seminar and lab", "application and check-in", "clinic")
    }
    assert by_phrase == {"seminar and lab": 50, "application and check-in": 33, "clinic": 17}


def test_every_demo_block_passes_the_models_validation(settings):
    settings.DEBUG = True
    seed()
    blocks = list(ActivityBlock.objects.select_related("schedule__course"))
    assert len(blocks) == sum(len(week.blocks) for week in SAMPLE_WEEKS.values())
    for block in blocks:
        block.full_clean()


def test_running_seed_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    seed()
    user_model = get_user_model()
    before = (
        list(user_model.objects.values_list("username", "password").order_by("username")),
        list(Course.objects.values_list("pk", "title", "updated").order_by("pk")),
        list(ActivityBlock.objects.values_list("pk", "duration_minutes").order_by("pk")),
    )
    seed()
    after = (
        list(user_model.objects.values_list("username", "password").order_by("username")),
        list(Course.objects.values_list("pk", "title", "updated").order_by("pk")),
        list(ActivityBlock.objects.values_list("pk", "duration_minutes").order_by("pk")),
    )
    assert after == before


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        seed()
    assert not get_user_model().objects.exists()


def test_seed_demo_runs_with_debug_off_when_forced(settings):
    settings.DEBUG = False
    seed(force=True)
    assert Course.objects.count() == 3


@pytest.mark.parametrize("weak", ["password", "12345678"])
def test_seed_demo_refuses_a_demo_password_the_validators_refuse(settings, monkeypatch, weak):
    settings.DEBUG = True
    monkeypatch.setattr("schedules.management.commands.seed_demo.DEMO_PASSWORD", weak)
    with pytest.raises(CommandError, match="The demo password is refused for instructor"):
        seed()
    assert not get_user_model().objects.exists()


def test_demo_users_have_example_edu_addresses_so_review_emails_reach_the_demo(settings):
    settings.DEBUG = True
    user_model = get_user_model()
    user_model.objects.create_user("reviewer", first_name="Ravi", last_name="Lindqvist")
    seed()
    emails = dict(user_model.objects.values_list("username", "email"))
    assert emails == {
        "instructor": "ines.okafor@example.edu",
        "reviewer": "ravi.lindqvist@example.edu",
        "rulesadmin": "rosa.adeyemi@example.edu",
    }


def test_the_seminar_and_lab_course_has_a_running_pilot_partly_ready_with_a_retrospective(
    settings,
):
    settings.DEBUG = True
    seed()
    pilot = Pilot.objects.get(schedule__course__code="ENV 210")
    assert pilot.state == PilotState.RUNNING
    assert (pilot.first_week, pilot.last_week) == (1, 2)
    assert pilot.retrospective_on is not None
    assert 0 < pilot.ticks.count() < len(MANUAL_KEYS)
    assert Pilot.objects.count() == 1
    seed()
    assert Pilot.objects.count() == 1


def test_one_demo_course_is_approved_and_shared_with_its_learners(settings, client):
    settings.DEBUG = True
    out = seed()
    page = LearnerPage.objects.get(revoked__isnull=True)
    assert page.schedule.status == ReviewStatus.APPROVED
    assert f"/l/{page.token}/" in out
    html = client.get(f"/l/{page.token}/?tz=Asia/Singapore").content.decode()
    assert "Data Analytics for Managers" in html
    assert "Add to my calendar" in html
    seed()
    assert LearnerPage.objects.count() == 1


def test_seed_demo_opens_a_survey_on_the_analytics_course_with_a_dozen_answers(settings, client):
    from schedules.models import Survey

    settings.DEBUG = True
    seed()
    seed()  # again: still one survey
    survey = Survey.objects.get()
    assert survey.course.code == "BUS 330"
    assert survey.responses.count() == 12
    client.force_login(survey.course.owner)
    page = client.get(f"/courses/{survey.course.pk}/surveys/{survey.pk}/results/")
    assert b"12 answers" in page.content
    assert b"America/New_York</th><td>7</td>" in page.content


def test_the_demo_pilot_has_imported_evidence_mapped_to_its_blocks(settings, tmp_path):
    settings.DEBUG = True
    settings.PILOT_UPLOAD_DIR = str(tmp_path)
    seed()
    pilot = Pilot.objects.get()
    jobs = list(PilotImport.objects.filter(pilot=pilot))
    assert [job.state for job in jobs] == [PilotImport.State.FINISHED] * 2
    assert PilotRecord.objects.filter(pilot=pilot).count() > 100
    assert not PilotActivity.objects.filter(pilot=pilot, confirmed=False).exists()
    assert list(tmp_path.iterdir()) == []  # the uploads are gone
    page = evidence_page(pilot.schedule.course, pilot, (None, 0.0, 0.0))
    assert page is not None
    assert page.sessions
    assert page.completions
    assert page.peak
    # Seeding again imports nothing twice.
    seed()
    assert PilotImport.objects.count() == 2


def test_the_demo_pilot_has_one_edit_applied_from_the_evidence_and_one_still_to_apply(
    settings, tmp_path, client
):
    settings.DEBUG = True
    settings.PILOT_UPLOAD_DIR = str(tmp_path)
    seed()
    pilot = Pilot.objects.get()
    (revision,) = PilotRevision.objects.all()
    lab = revision.block
    assert lab is not None
    # Applied through the service: the lab moved, and undoing it is possible.
    assert (lab.title, lab.start_time) == ("Lab or workshop", time(19))
    assert revision.block_version == lab.version
    assert revision.restore == {"start_time": "14:00:00"}
    evidence = evidence_with_edits(pilot.schedule.course, pilot)
    answered = [row for row in evidence["findings"] if row[2] is not None]
    to_apply = [row for row in evidence["findings"] if row[1] is not None]
    assert len(answered) == 1
    assert [edit.block_title for _, edit, _ in to_apply] == ["Seminar: discussion and Q&A"]
    client.force_login(pilot.schedule.course.owner)
    url = f"/courses/{pilot.schedule.course.pk}/pilot/evidence/blocks/{lab.pk}/revise/"
    page = client.get(url).content.decode()
    assert f"/pilot/evidence/revisions/{revision.pk}/undo/" in page
    seed()  # again: nothing applied twice
    assert PilotRevision.objects.count() == 1
