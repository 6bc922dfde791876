"""The pilot evidence page and the mapping page: plan against actual from imported records,
checked against numbers worked out by hand, small groups hidden, the mapping remembered."""

import re
from datetime import UTC, date, datetime, time
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schedules.models import PilotActivity
from schedules.pilot import evidence
from schedules.pilot.evidence import evidence_page, pilot_figures_store
from schedules.pilot.evidence_checks import evidence_findings, late_work
from schedules.pilot.mapping import forget_suggestions
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    PilotActivityFactory,
    PilotFactory,
    PilotImportFactory,
    PilotRecordFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PLANNED = (40, 1.0, 5.0)


def page_of(course, pilot):
    page = evidence_page(course, pilot, PLANNED)
    assert page is not None
    return page


def learners(n, start=0):
    return [f"p_{i:024d}" for i in range(start, start + n)]


def at(day, hour, minute=0):
    # January in London is UTC: a local 17:00 is 17:00 UTC.
    return datetime(2027, 1, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def world():
    """A cohort of 10 from Monday 11 January 2027 in London; a Tuesday 17:00 live check-in
    and a reading due on Wednesday, each mapped; a two-week pilot."""
    course = CourseFactory(
        start_date=date(2027, 1, 11), weeks=4, timezone="Europe/London", cohort_size=10
    )
    live = ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Check-in", day=1, start_time=time(17)
    )
    reading = ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=2)
    pilot = PilotFactory(schedule=course.schedule, running=True)
    meeting = PilotActivityFactory(pilot=pilot, title="Zoom check-in", block=live, confirmed=True)
    week1 = PilotActivityFactory(pilot=pilot, title="Week 1 reading", block=reading, confirmed=True)
    forum = PilotActivityFactory(pilot=pilot, title="Forum: Debate")
    # Week 1's session: 6 learners, 60, 60, 60, 30, 30 and 30 minutes: 60% of 10, 45 min.
    for learner, minutes in zip(learners(6), (60, 60, 60, 30, 30, 30), strict=True):
        PilotRecordFactory(
            activity=meeting, learner=learner, evidence="attendance", at=at(12, 17), minutes=minutes
        )
    # Week 2's: 3 learners, 50 minutes each: fewer than 5.
    for learner in learners(3):
        PilotRecordFactory(
            activity=meeting, learner=learner, evidence="attendance", at=at(19, 17), minutes=50
        )
    # The reading, due Wednesday 13 January: 4 done on Tuesday, 2 on Friday.
    for i, learner in enumerate(learners(6)):
        PilotRecordFactory(
            activity=week1,
            learner=learner,
            evidence="completion",
            completion="completed",
            at=at(12 if i < 4 else 15, 9),
        )
    # Forum posts: 5 learners on Wednesday 19:xx, 2 on Friday at 10:00.
    for learner in learners(5):
        PilotRecordFactory(activity=forum, learner=learner, at=at(13, 19, 30))
    for learner in learners(2):
        PilotRecordFactory(activity=forum, learner=learner, at=at(15, 10))
    # After the pilot weeks: not counted.
    PilotRecordFactory(activity=forum, learner=learners(1)[0], at=at(27, 10))
    return course, pilot, live, reading


def test_attendance_per_live_session_is_a_share_of_the_cohort_and_minutes_against_planned(world):
    course, pilot, live, _ = world
    page = page_of(course, pilot)
    first, second = page.sessions
    assert (first.block, first.week, first.learners, first.share, first.minutes) == (
        live,
        1,
        6,
        60,
        45,
    )
    assert (second.week, second.hidden, second.share, second.minutes) == (2, True, None, None)


def test_completion_counts_learners_and_the_share_done_by_the_due_day(world):
    course, pilot, _, reading = world
    (row,) = page_of(course, pilot).completions
    assert (row.block, row.learners, row.share, row.on_time, row.due) == (
        reading,
        6,
        60,
        67,
        "Wednesday",
    )


def test_completion_by_the_due_day_is_judged_on_the_course_clock_and_counts_each_learner_once(
    world,
):
    """Two activities of one reading (the week 2 one named so, in a zone an hour ahead of UTC
    in January): a learner who completed both counts once; 23:30 on the due day is on time,
    00:30 the next day is late, each on the course's clock, not UTC's."""
    course, pilot, _, reading = world
    course.timezone = "Europe/Berlin"
    course.save()
    week2 = PilotActivityFactory(pilot=pilot, title="Week 2 reading", block=reading, confirmed=True)
    # Due Wednesday 20 January (week 2). 23:30 Berlin is 22:30 UTC; 00:30 Thursday is 23:30.
    for learner, when in zip(learners(2, start=4), (at(20, 23, 30), at(20, 22, 30)), strict=True):
        PilotRecordFactory(
            activity=week2, learner=learner, evidence="completion", completion="completed", at=when
        )
    # A third learner, new: on time. Not done: not counted at all.
    PilotRecordFactory(
        activity=week2,
        learner=learners(1, start=6)[0],
        evidence="completion",
        completion="passed",
        at=at(19, 9),
    )
    PilotRecordFactory(
        activity=week2,
        learner=learners(1, start=7)[0],
        evidence="completion",
        completion="not_completed",
        at=at(19, 9),
    )
    (row,) = page_of(course, pilot).completions
    # Week 1: learners 0-5, 0-3 by Wednesday 13 January. Week 2: learners 4 (late: 00:30
    # Thursday in Berlin, though still Wednesday in UTC) and 5 (on time at 23:30), both late
    # in week 1 and counted once, and learner 6 (on time). 7 learners; on time 0-3, 5 and 6.
    assert (row.block, row.learners, row.share, row.on_time) == (reading, 7, 70, 86)


def test_the_due_day_ends_at_midnight_on_the_course_clock_in_a_half_hour_zone():
    """India is UTC+5:30: Wednesday's midnight there is 18:30 UTC, inside an hour. Of five
    learners in that hour, those before 18:30 UTC finished on Wednesday (on time), the
    others early on Thursday (late)."""
    course = CourseFactory(
        start_date=date(2027, 1, 11), weeks=4, timezone="Asia/Kolkata", cohort_size=10
    )
    reading = ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, due_day=2)
    pilot = PilotFactory(schedule=course.schedule, running=True)
    week1 = PilotActivityFactory(pilot=pilot, title="Week 1 reading", block=reading, confirmed=True)
    for learner, minute in zip(learners(5), (5, 29, 30, 31, 55), strict=True):
        PilotRecordFactory(
            activity=week1,
            learner=learner,
            evidence="completion",
            completion="completed",
            at=at(13, 18, minute),
        )
    (row,) = page_of(course, pilot).completions
    assert (row.learners, row.on_time) == (5, 40)


def test_the_heatmap_counts_events_and_attendance_by_weekday_and_hour_and_hides_small_groups(
    world,
):
    course, pilot, _, _ = world
    page = page_of(course, pilot)
    hours = dict(page.hours)
    # Tuesday 17:00: 6 + 3 attendance records (the hour has 6 learners), the live block on it.
    assert hours[17][1].count == 9
    assert hours[17][1].live == "Check-in"
    assert hours[19][2].count == 5  # Wednesday 19:00, 5 learners
    assert hours[10][4].count is None  # Friday 10:00, 2 learners: fewer than 5
    assert hours[9][1].count == 0  # completions are not engagement
    assert page.peak == "Tuesday 17:00–18:00"
    # Away from the live sessions (whose attendance makes their own hour busy):
    assert page.peak_away == "Wednesday 19:00–20:00"
    assert page.records == 6 + 3 + 6 + 5 + 2  # the record after the pilot weeks is left out


def test_planned_against_actual_live_hours_per_learner_a_week(world):
    course, pilot, _, _ = world
    plan = page_of(course, pilot).plan
    assert plan.learners == 6
    # (270 + 150) minutes over 6 learners and 2 weeks = 35 minutes a week.
    assert plan.attended_hours == 0.6
    assert plan.planned_live_hours == 1.0


def test_the_evidence_page_shows_the_figures_and_fewer_than_5(client, world):
    course, _, _, _ = world
    client.force_login(course.owner)
    response = client.get(reverse("schedules:pilot_evidence", args=[course.pk]))
    assert response.status_code == 200
    words = " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())
    assert "60% of the cohort (6)" in words
    assert "45 of 60 planned" in words
    assert "fewer than 5" in words
    assert "67% of them" in words
    assert "1 imported activity is not matched to a block yet" in words
    assert "Tuesday 17:00–18:00" in words


def test_the_evidence_page_takes_the_same_number_of_queries_with_more_data(client, world):
    course, pilot, live, _ = world
    client.force_login(course.owner)
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    more = PilotActivityFactory(pilot=pilot, title="Zoom check-in 2", block=live, confirmed=True)
    for learner in learners(40, start=100):
        PilotRecordFactory(activity=more, learner=learner, evidence="attendance", at=at(19, 17))
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_the_mapping_page_suggests_confirms_and_remembers(client, world):
    course, pilot, live, reading = world
    client.force_login(course.owner)
    url = reverse("schedules:pilot_mapping", args=[course.pk])
    forum = PilotActivity.objects.get(title="Forum: Debate")
    new = PilotActivityFactory(pilot=pilot, title="Reading")
    page = unescape(client.get(url).content.decode())
    assert "Suggested: Title like “Reading”." in page
    data = {
        f"activity-{activity.pk}": str(reading.pk) if activity == new else "none"
        for activity in pilot.activities.all()
    }
    data[f"activity-{pilot.activities.get(title='Zoom check-in').pk}"] = str(live.pk)
    response = client.post(url, data)
    assert response.status_code == 302
    new.refresh_from_db()
    forum.refresh_from_db()
    assert (new.block, new.confirmed) == (reading, True)
    assert (forum.block, forum.confirmed) == (None, True)
    # Remembered: a later visit shows the confirmed choice, not a new suggestion.
    page = unescape(client.get(url).content.decode())
    assert "Confirmed: not part of the plan" in page


def test_the_mapping_refuses_a_block_of_another_course_and_changes_nothing(client, world):
    course, pilot, _, _ = world
    other = ActivityBlockFactory(title="Elsewhere")
    client.force_login(course.owner)
    forum = PilotActivity.objects.get(title="Forum: Debate")
    data = {f"activity-{activity.pk}": "none" for activity in pilot.activities.all()}
    data[f"activity-{forum.pk}"] = str(other.pk)
    response = client.post(reverse("schedules:pilot_mapping", args=[course.pk]), data)
    assert response.status_code == 422
    assert "Choose a block of this blend" in unescape(response.content.decode())
    assert not PilotActivity.objects.filter(pilot=pilot, title="Forum: Debate", confirmed=True)


def test_an_outsider_sees_neither_the_evidence_nor_the_mapping(client, world):
    course, _, _, _ = world
    client.force_login(UserFactory(instructor=True))
    for name in ("schedules:pilot_evidence", "schedules:pilot_mapping"):
        assert client.get(reverse(name, args=[course.pk])).status_code == 404


def test_a_poorly_attended_session_away_from_the_busiest_hour_is_a_finding(world):
    course, pilot, live, _ = world
    # Six of a cohort of 20 is 30%; the busiest hour is Wednesday 19:00 once more come then.
    course.cohort_size = 20
    course.save()
    forum = PilotActivity.objects.get(title="Forum: Debate")
    for learner in learners(8):
        for minute in (1, 2):
            PilotRecordFactory(activity=forum, learner=learner, at=at(13, 19, minute))
    page = page_of(course, pilot)
    findings = evidence_findings(page.sessions, page.completions, page.peak_away, page.zone)
    (attendance,) = [f for f in findings if f.check == "pilot-low-attendance"]
    assert attendance.block_id == live.pk
    assert attendance.message == (
        "Tuesday 17:00 “Check-in” (times in Europe/London): 30% of the cohort attended in "
        "week 1; learners are most "
        "active Wednesday 19:00–20:00 (seed 000)."
    )


def test_a_well_attended_session_is_not_a_finding(world):
    course, pilot, _, _ = world
    page = page_of(course, pilot)
    checks = [
        f.check
        for f in evidence_findings(page.sessions, page.completions, page.peak_away, page.zone)
    ]
    assert "pilot-low-attendance" not in checks  # 60% of the cohort


def test_self_paced_work_mostly_finished_after_its_due_day_is_a_finding(world):
    course, pilot, _, reading = world
    # Four more learners finish the week 1 reading on Saturday: 4 of 10 on time.
    week1 = PilotActivity.objects.get(title="Week 1 reading")
    for learner in learners(4, start=50):
        PilotRecordFactory(
            activity=week1,
            learner=learner,
            evidence="completion",
            completion="completed",
            at=at(16, 11),
        )
    page = page_of(course, pilot)
    (late,) = late_work(page.completions)
    assert late.block_id == reading.pk
    assert late.message == (
        "“Reading”: only 40% of the learners who finished it did so by its due day "
        "(Wednesday) (seed 001)."
    )
    assert late_work(page_of(course, pilot).completions)


def words_of(response):
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split())


@pytest.fixture
def segments(world):
    """Two learner segments: New York and Kolkata (UTC+5:30)."""
    course = world[0]
    LearnerSegmentFactory(
        profile__course=course, name="Evening learners", head_count=8, timezone="America/New_York"
    )
    LearnerSegmentFactory(
        profile=course.learner_profile,
        name="Bengaluru office",
        head_count=4,
        timezone="Asia/Kolkata",
    )
    return world


def test_the_heatmap_is_drawn_in_a_segments_zone_with_the_live_session_at_its_local_time(
    client, segments
):
    course, _, _, _ = segments
    client.force_login(course.owner)
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    response = client.get(url, {"zone": "America/New_York"})
    assert response.status_code == 200
    words = words_of(response)
    assert "When learners were active, in America/New_York time" in words
    # Tuesday 17:00 in London (UTC in January) is 12:00 in New York; Wednesday 19:00 is 14:00.
    html = response.content.decode()
    assert re.search(r"<th scope=\"row\">12:00</th>(<td[^>]*>.*?</td>){1}<td[^>]*heat--live", html)
    assert "The busiest hour: Tuesday 12:00–13:00 (America/New_York)" in words
    assert "away from the live sessions, Wednesday 14:00–15:00 (America/New_York)" in words
    # The select offers the course's zone and each segment's.
    assert re.findall(r'<option value="([^"]+)"', html) == [
        "Europe/London",
        "America/New_York",
        "Asia/Kolkata",
    ]
    assert '<option value="America/New_York" selected>' in html


def test_a_half_hour_zone_shows_rows_from_half_past(client, segments):
    course, _, _, _ = segments
    client.force_login(course.owner)
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    words = words_of(client.get(url, {"zone": "Asia/Kolkata"}))
    assert "each hour shown starts 30 minutes past the hour" in words
    # Tuesday 17:00 UTC is 22:30 in Kolkata.
    assert "The busiest hour: Tuesday 22:30–23:30 (Asia/Kolkata)" in words


def test_the_findings_keep_the_courses_zone_whatever_zone_the_heatmap_shows(client, segments):
    course, _, _, _ = segments
    client.force_login(course.owner)
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    words = words_of(client.get(url, {"zone": "America/New_York"}))
    assert "times in Europe/London, the course's time zone" in words


@pytest.mark.parametrize("asked", ["Mars/Olympus", "Asia/Tokyo", "../etc", "x" * 300])
def test_an_unknown_zone_shows_the_courses_with_a_notice_not_an_error(client, segments, asked):
    course, _, _, _ = segments
    client.force_login(course.owner)
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    response = client.get(url, {"zone": asked})
    assert response.status_code == 200
    words = words_of(response)
    assert "When learners were active, in Europe/London time" in words
    assert (
        "is not the course's time zone or a learner segment's, so the heatmap is in "
        "Europe/London, the course's time zone." in words
    )


def test_htmx_gets_the_heatmap_alone(client, segments):
    course, _, _, _ = segments
    client.force_login(course.owner)
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    response = client.get(url, {"zone": "America/New_York"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="pilot-heatmap"')
    assert "When learners were active, in America/New_York time" in words_of(response)
    assert "What the evidence says" not in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]
    # Without htmx, the same address is the whole page.
    assert (
        "What the evidence says" in client.get(url, {"zone": "America/New_York"}).content.decode()
    )


def test_an_outsider_cannot_see_the_heatmap_in_any_zone(client, segments):
    course, _, _, _ = segments
    client.force_login(UserFactory(instructor=True))
    url = reverse("schedules:pilot_evidence", args=[course.pk])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        assert client.get(url, {"zone": "America/New_York"}, **headers).status_code == 404


# ----- the counted figures kept on the latest import -------------------------------------------


def evidence_words(client, course):
    client.force_login(course.owner)
    return words_of(client.get(reverse("schedules:pilot_evidence", args=[course.pk])))


def counting_queries(client, course):
    """The evidence page's queries that count attendance per week (grouped by a ``CASE`` of
    the weeks' starts) or completions by the due day (``WITH due``) from the records."""
    client.force_login(course.owner)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("schedules:pilot_evidence", args=[course.pk]))
    return [
        q["sql"]
        for q in queries
        if "pilotrecord" in q["sql"] and ("WITH due" in q["sql"] or "CASE WHEN" in q["sql"])
    ]


@pytest.fixture
def imported(world):
    """``world`` with a finished import, as records arrive in use."""
    course, pilot, live, reading = world
    job = PilotImportFactory(pilot=pilot, finished=datetime(2027, 1, 26, tzinfo=UTC))
    return course, pilot, live, reading, job


def test_the_evidence_tables_are_counted_once_and_kept_on_the_latest_import(client, imported):
    course, _, _, _, job = imported
    first = evidence_words(client, course)
    job.refresh_from_db()
    assert job.counted["sessions"]
    assert job.counted["completions"]
    # Read back, not counted again, and the same figures.
    assert counting_queries(client, course) == []
    assert evidence_words(client, course) == first
    assert "60% of the cohort (6)" in first
    assert "67% of them" in first


def test_a_new_import_counts_again(client, imported):
    course, pilot, _, _, _ = imported
    evidence_words(client, course)
    meeting = PilotActivity.objects.get(title="Zoom check-in")
    for learner in learners(2, start=200):  # two more in week 1's session
        PilotRecordFactory(activity=meeting, learner=learner, evidence="attendance", at=at(12, 17))
    PilotImportFactory(pilot=pilot, finished=datetime(2027, 1, 27, tzinfo=UTC))
    assert "80% of the cohort (8)" in evidence_words(client, course)


def test_matching_an_activity_to_another_block_counts_again(client, imported):
    course, _, _, _, _ = imported
    assert "45 of 60 planned" in evidence_words(client, course)
    # The meeting is not the check-in after all.
    PilotActivity.objects.filter(title="Zoom check-in").update(block=None)
    words = evidence_words(client, course)
    assert "45 of 60 planned" not in words
    assert "No attendance matched to a live block yet." in words


def test_moving_a_readings_due_day_counts_what_is_on_time_again(client, imported):
    course, _, _, reading, _ = imported
    assert "67% of them" in evidence_words(client, course)  # 4 of 6 by Wednesday
    reading.due_day = 4  # Friday: all six by then
    reading.save()
    assert "100% of them" in evidence_words(client, course)


def test_saving_the_mapping_counts_for_the_evidence_page_it_leads_to(client, imported):
    course, pilot, live, reading, job = imported
    client.force_login(course.owner)
    data = {f"activity-{activity.pk}": "none" for activity in pilot.activities.all()}
    data[f"activity-{pilot.activities.get(title='Zoom check-in').pk}"] = str(live.pk)
    data[f"activity-{pilot.activities.get(title='Week 1 reading').pk}"] = str(reading.pk)
    url = reverse("schedules:pilot_mapping", args=[course.pk])
    assert client.post(url, data).status_code == 302
    job.refresh_from_db()
    assert job.counted["sessions"]
    assert counting_queries(client, course) == []


def test_nothing_is_kept_while_an_import_is_storing_records(client, imported):
    """An import that is storing records may yet be refused and take them back: figures
    counted meanwhile are shown, not kept."""
    course, pilot, _, _, job = imported
    PilotImportFactory(pilot=pilot, state="running")
    assert "45 of 60 planned" in evidence_words(client, course)
    job.refresh_from_db()
    assert job.counted == {}
    assert counting_queries(client, course)  # counted again


# ----- the suggestions kept on the latest import -----------------------------------------------


def mapping_words(client, course):
    client.force_login(course.owner)
    return words_of(client.get(reverse("schedules:pilot_mapping", args=[course.pk])))


@pytest.fixture
def suggesting(imported):
    """``imported`` with an activity not yet confirmed, whose title is like a block's."""
    course, pilot, _, reading, job = imported
    PilotActivityFactory(pilot=pilot, title="Readings")
    return course, pilot, reading, job


def nothing_worked_out(monkeypatch):
    """Make working the suggestions out fail: a page that still shows them read them kept."""

    def refuse(*args):
        raise AssertionError("the suggestions were worked out again")

    monkeypatch.setattr(evidence, "suggest_all", refuse)


def test_the_suggestions_are_kept_on_the_latest_import_for_any_process(
    client, suggesting, monkeypatch
):
    course, _, _, job = suggesting
    first = mapping_words(client, course)
    assert "Suggested: Title like “Reading”." in first
    job.refresh_from_db()
    assert job.suggested["rows"]
    forget_suggestions()  # as another process, with nothing in memory
    nothing_worked_out(monkeypatch)
    assert mapping_words(client, course) == first


def test_renaming_a_block_suggests_again(client, suggesting):
    course, _, reading, _ = suggesting
    before = mapping_words(client, course)
    assert "Suggested: Title like “Reading”." in before
    reading.title = "Laboratory"
    reading.save()
    after = mapping_words(client, course)
    assert "Suggested: Title like “Reading”." not in after
    assert after.count("No block has a title like it.") == (
        before.count("No block has a title like it.") + 1
    )


def test_the_worker_keeps_the_suggestions_after_an_import(client, suggesting, monkeypatch):
    course, pilot, _, job = suggesting
    pilot_figures_store(pilot)
    job.refresh_from_db()
    assert job.suggested["rows"]
    forget_suggestions()
    nothing_worked_out(monkeypatch)
    assert "Suggested: Title like “Reading”." in mapping_words(client, course)


def test_no_suggestions_are_kept_while_an_import_is_storing_records(client, suggesting):
    course, pilot, _, job = suggesting
    PilotImportFactory(pilot=pilot, state="running")
    assert "Suggested: Title like “Reading”." in mapping_words(client, course)
    job.refresh_from_db()
    assert job.suggested == {}


# ----- the mapping page by week ----------------------------------------------------------------


def options_of(page, activity):
    """The (value, label, selected) options of ``activity``'s select on the mapping page."""
    found = re.search(
        rf'<select name="activity-{activity.pk}"[^>]*>(.*?)</select>', page, re.DOTALL
    )
    assert found is not None, f"no select for {activity.title}"
    select = found.group(1)
    return [
        (value, unescape(label), bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select
        )
    ]


@pytest.fixture
def weekly(world):
    """``world`` with a block of week 2 only and a week 2 reading activity."""
    course, pilot, live, reading = world
    seminar = ActivityBlockFactory(
        schedule=course.schedule, title="Week 2 debrief", weeks=[2], day=3, due_day=4
    )
    week2 = PilotActivityFactory(pilot=pilot, title="Week 2 reading")
    return course, pilot, live, reading, seminar, week2


def test_the_mapping_page_lists_the_activities_by_week(client, weekly):
    course, pilot, _, _, seminar, _ = weekly
    # No week in its title and no attendance: the week of the one-week block it is matched to.
    PilotActivityFactory(pilot=pilot, title="Debrief notes", block=seminar, confirmed=True)
    client.force_login(course.owner)
    page = unescape(
        client.get(reverse("schedules:pilot_mapping", args=[course.pk])).content.decode()
    )
    headings = re.findall(r'<h3 class="mapping__week"[^>]*>(.*?) <span', page)
    assert headings == ["Week 1", "Week 2", "Week not known"]
    # The meeting (first attended in week 1) and the week 1 reading are in week 1; the forum
    # post's week is not known (its title and records do not say).
    week1 = page[page.index(">Week 1 <") : page.index(">Week 2 <")]
    assert "Zoom check-in" in week1
    assert "Week 1 reading" in week1
    assert "Debrief notes" in page[page.index(">Week 2 <") : page.index(">Week not known <")]
    assert "Forum: Debate" in page[page.index(">Week not known <") :]


def test_each_activity_is_offered_the_blocks_of_its_week_or_every_block_on_request(client, weekly):
    course, pilot, live, reading, seminar, week2 = weekly
    client.force_login(course.owner)
    url = reverse("schedules:pilot_mapping", args=[course.pk])
    page = unescape(client.get(url).content.decode())
    week1 = pilot.activities.get(title="Week 1 reading")
    forum = pilot.activities.get(title="Forum: Debate")
    offered = {
        activity: [v for v, _, _ in options_of(page, activity)]
        for activity in (week1, week2, forum)
    }
    assert str(seminar.pk) not in offered[week1]  # runs in week 2 only
    assert offered[week1][0] == "none"
    assert set(offered[week1]) == {"none", str(live.pk), str(reading.pk)}
    assert str(seminar.pk) in offered[week2]
    assert set(offered[forum]) == {"none", str(live.pk), str(reading.pk), str(seminar.pk)}
    every = unescape(client.get(url + "?every=1").content.decode())
    assert str(seminar.pk) in [v for v, _, _ in options_of(every, week1)]
    assert "List only the blocks of each activity's week" in every
    assert client.get(url + "?every=yes").status_code == 400


def test_a_choice_from_another_week_stays_chosen_and_saving_keeps_it(client, weekly):
    course, pilot, _, _, seminar, _ = weekly
    client.force_login(course.owner)
    url = reverse("schedules:pilot_mapping", args=[course.pk])
    week1 = pilot.activities.get(title="Week 1 reading")
    data = {}
    for activity in pilot.activities.all():
        (chosen,) = [
            v
            for v, _, selected in options_of(unescape(client.get(url).content.decode()), activity)
            if selected
        ] or ["none"]
        data[f"activity-{activity.pk}"] = chosen
    data[f"activity-{week1.pk}"] = str(seminar.pk)  # chosen from the list of every block
    assert client.post(url + "?every=1", data).status_code == 302
    page = unescape(client.get(url).content.decode())
    # Chosen from another week: its label says which.
    assert (
        str(seminar.pk),
        "Week 2 debrief (Thursday, due Friday; week 2)",
        True,
    ) in options_of(page, week1)
    # Saved again as shown, without touching it: still the week 2 block.
    shown = {}
    for activity in pilot.activities.all():
        (chosen,) = [v for v, _, selected in options_of(page, activity) if selected]
        shown[f"activity-{activity.pk}"] = chosen
    assert client.post(url, shown).status_code == 302
    week1.refresh_from_db()
    assert week1.block == seminar


def test_a_list_of_several_weeks_blocks_names_each_ones_weeks(client, world):
    """A title each week has ("Debrief" in weeks 1 and 2) is told apart in a list of every
    block; a week's own list need not say the week."""
    course, pilot, _, _ = world
    first = ActivityBlockFactory(
        schedule=course.schedule, title="Debrief", weeks=[1], day=3, due_day=4
    )
    second = ActivityBlockFactory(
        schedule=course.schedule, title="Debrief", weeks=[2], day=3, due_day=4
    )
    client.force_login(course.owner)
    url = reverse("schedules:pilot_mapping", args=[course.pk])
    week1 = pilot.activities.get(title="Week 1 reading")
    every = {
        v: label
        for v, label, _ in options_of(
            unescape(client.get(url + "?every=1").content.decode()), week1
        )
    }
    assert every[str(first.pk)] == "Debrief (Thursday, due Friday; week 1)"
    assert every[str(second.pk)] == "Debrief (Thursday, due Friday; week 2)"
    assert (
        every[str(course.schedule.blocks.get(title="Reading").pk)]
        == "Reading (Monday, due Wednesday)"
    )
    own = {
        v: label for v, label, _ in options_of(unescape(client.get(url).content.decode()), week1)
    }
    assert own[str(first.pk)] == "Debrief (Thursday, due Friday)"
    assert str(second.pk) not in own
