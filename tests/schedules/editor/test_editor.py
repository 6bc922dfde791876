"""The blend editor: blocks added, edited, duplicated and deleted, as pages and fragments."""

from datetime import date, time

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schedules.editor.services import blocks_add_from_sample_week
from schedules.models import ActivityBlock
from schedules.rules.sample_weeks import SAMPLE_WEEKS
from schedules.rulesets.selectors import published_spec
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def course():
    return CourseFactory(title="Statics", weeks=12)


def editor_url(course):
    return reverse("schedules:editor", args=[course.pk])


def block_post(**overrides):
    data = {
        "title": "Truss workshop",
        "modality": "live",
        "activity_type": "live_lab",
        "day": "2",
        "start_time": "14:00",
        "duration_minutes": "60",
        "weeks": "",
        "due_day": "",
        "delivery": "interactive",
    }
    return {**data, **overrides}


def edit_post(**overrides):
    return {f"edit-{name}": value for name, value in block_post(**overrides).items()}


def test_the_owner_sees_the_editor_with_the_timeline_and_gauge(client, course):
    blocks_add_from_sample_week(schedule=course.schedule, week=SAMPLE_WEEKS["B"])
    client.force_login(course.owner)
    html = client.get(editor_url(course)).content.decode()
    assert "Weekly timeline" in html
    assert "33% live" in html
    assert html.count('class="week-bar') == 12
    assert "Check-in with breakout coaching" in html


def test_other_instructors_and_anonymous_visitors_cannot_open_the_editor(client, course):
    assert client.get(editor_url(course)).status_code == 302
    client.force_login(UserFactory(instructor=True))
    assert client.get(editor_url(course)).status_code == 404
    response = client.post(reverse("schedules:block_new", args=[course.pk]), block_post())
    assert response.status_code == 404
    assert not ActivityBlock.objects.exists()


def test_adding_a_block_with_htmx_returns_the_refreshed_workspace(client, course):
    client.force_login(course.owner)
    response = client.post(reverse("schedules:block_new", args=[course.pk]), block_post(), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="blend-workspace"')
    assert "Added “Truss workshop”." in html
    assert "100% live" in html


def test_adding_a_block_without_javascript_redirects_back_to_the_editor(client, course):
    client.force_login(course.owner)
    response = client.post(reverse("schedules:block_new", args=[course.pk]), block_post())
    assert response.status_code == 302
    assert ActivityBlock.objects.get().title == "Truss workshop"


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"start_time": ""}, "id_start_time_error", "A live block needs a start time."),
        ({"duration_minutes": "0"}, "id_duration_minutes_error", "greater than or equal to 1"),
        (
            {"start_time": "23:30", "duration_minutes": "90"},
            "id_duration_minutes_error",
            "past midnight",
        ),
        ({"weeks": "3, 14"}, "id_weeks_error", "14 is beyond the course&#x27;s 12 weeks."),
    ],
)
def test_a_bad_block_is_refused_inline_and_nothing_is_saved(
    client, course, overrides, field_id, message
):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]), block_post(**overrides), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert field_id in html
    assert message in html
    assert not ActivityBlock.objects.exists()


def test_two_live_blocks_at_the_same_time_are_refused(client, course):
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, start_time=time(13, 30)
    )
    client.force_login(course.owner)
    response = client.post(reverse("schedules:block_new", args=[course.pk]), block_post(), **HTMX)
    assert response.status_code == 422
    assert "Overlaps the live block “Seminar” (Wednesday 13:30–14:30)" in response.content.decode()
    assert ActivityBlock.objects.count() == 1


def test_an_outcome_of_another_course_is_refused(client, course):
    foreign = LearningOutcomeFactory(text="Someone else's outcome")
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]),
        block_post(outcomes=[str(foreign.pk)]),
        **HTMX,
    )
    assert response.status_code == 422
    assert "Choose outcomes of this course only" in response.content.decode()
    assert not ActivityBlock.objects.exists()


def test_editing_a_block_bumps_its_version(client, course):
    block = ActivityBlockFactory(schedule=course.schedule, live=True, day=2)
    client.force_login(course.owner)
    client.post(
        reverse("schedules:block_edit", args=[course.pk, block.pk]),
        edit_post(title="Renamed", version=str(block.version)),
    )
    block.refresh_from_db()
    assert block.title == "Renamed"
    assert block.version == 2


def test_a_stale_save_is_refused_with_a_way_to_reload_and_nothing_is_lost(client, course):
    block = ActivityBlockFactory(schedule=course.schedule, live=True, day=2, title="Original")
    client.force_login(course.owner)
    url = reverse("schedules:block_edit", args=[course.pk, block.pk])
    client.post(url, edit_post(title="First save", version="1"))
    response = client.post(url, edit_post(title="Second save", version="1"), **HTMX)
    html = response.content.decode()
    block.refresh_from_db()
    assert response.status_code == 409
    assert "was changed by someone else" in html
    assert "Reload the editor" in html
    assert block.title == "First save"


def test_duplicating_a_live_block_moves_the_copy_to_a_free_day(client, course):
    block = ActivityBlockFactory(schedule=course.schedule, live=True, day=0, title="Seminar")
    client.force_login(course.owner)
    client.post(reverse("schedules:block_duplicate", args=[course.pk, block.pk]))
    copy = ActivityBlock.objects.exclude(pk=block.pk).get()
    assert copy.title == "Seminar (copy)"
    assert copy.day == 1


def test_deleting_a_block(client, course):
    block = ActivityBlockFactory(schedule=course.schedule)
    client.force_login(course.owner)
    client.post(reverse("schedules:block_delete", args=[course.pk, block.pk]), {"confirm": "yes"})
    assert not ActivityBlock.objects.exists()


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_deleting_a_block_asks_first_naming_it_and_its_weeks(client, course, headers):
    block = ActivityBlockFactory(schedule=course.schedule, title="Truss quiz", weeks=[1, 3])
    client.force_login(course.owner)
    url = reverse("schedules:block_delete", args=[course.pk, block.pk])
    response = client.post(url, {"week": "1"}, **headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'Delete <strong>“<span dir="auto">Truss quiz</span>”</strong>? It runs on Mondays in '
        "weeks 1, 3" in html
    )
    assert 'name="confirm" value="yes"' in html
    assert ActivityBlock.objects.exists()
    refused = client.post(url, {"week": "1", "confirm": "sure"}, **headers)
    assert refused.status_code == 400
    assert ActivityBlock.objects.exists()
    client.post(url, {"week": "1", "confirm": "yes"}, **headers)
    assert not ActivityBlock.objects.exists()


def test_a_block_of_another_course_cannot_be_deleted_through_this_one(client, course):
    foreign = ActivityBlockFactory()
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_delete", args=[course.pk, foreign.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 404
    assert ActivityBlock.objects.filter(pk=foreign.pk).exists()


def test_applying_a_sample_week_to_a_blend_with_blocks_asks_first(client, course):
    ActivityBlockFactory(schedule=course.schedule, title="My own block")
    client.force_login(course.owner)
    url = reverse("schedules:sample_week", args=[course.pk])
    html = client.post(url, {"week": "B"}, **HTMX).content.decode()
    assert "The blend already has 1 block" in html
    assert list(ActivityBlock.objects.values_list("title", flat=True)) == ["My own block"]

    client.post(url, {"week": "B", "existing": "add"})
    assert ActivityBlock.objects.count() == 6
    client.post(url, {"week": "C", "existing": "replace"})
    assert ActivityBlock.objects.count() == len(SAMPLE_WEEKS["C"].blocks)
    assert not ActivityBlock.objects.filter(title="My own block").exists()


def test_copying_week_one_to_a_range_makes_those_weeks_match_it(client, course):
    every_week = ActivityBlockFactory(schedule=course.schedule, weeks=[], title="Reading")
    only_week_one = ActivityBlockFactory(schedule=course.schedule, weeks=[1], title="Kick-off")
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:week_copy", args=[course.pk]), {"source": 1, "first": 2, "last": 12}
    )
    assert response.status_code == 302  # nothing taken out of those weeks: no question
    only_week_one.refresh_from_db()
    assert only_week_one.weeks == []  # weeks 1 to 12 of 12: every week
    every_week.refresh_from_db()
    assert every_week.weeks == []


def test_copying_a_week_asks_first_when_it_would_take_blocks_out_of_the_target_weeks(
    client, course
):
    ActivityBlockFactory(schedule=course.schedule, weeks=[1], title="Kick-off")
    quiz = ActivityBlockFactory(schedule=course.schedule, weeks=[5], title="Quiz 5")
    lab = ActivityBlockFactory(schedule=course.schedule, weeks=[4, 13], title="Lab")
    client.force_login(course.owner)
    url = reverse("schedules:week_copy", args=[course.pk])
    choice = {"source": 1, "first": 2, "last": 12}

    asked = client.post(url, choice, **HTMX).content.decode()

    assert "takes 2 blocks that do not run in week 1 out of those weeks" in asked
    assert "Quiz 5" in asked
    assert "runs in no other week, so it will be deleted" in asked
    assert "Lab" in asked
    assert "still runs in week 13" in asked
    assert set(ActivityBlock.objects.values_list("title", flat=True)) == {
        "Kick-off",
        "Quiz 5",
        "Lab",
    }
    lab.refresh_from_db()
    assert lab.weeks == [4, 13]

    response = client.post(url, {**choice, "confirm": "yes"})

    assert response.status_code == 302
    assert not ActivityBlock.objects.filter(pk=quiz.pk).exists()
    lab.refresh_from_db()
    assert lab.weeks == [13]
    message = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == [
        "Copied week 1 to weeks 2–12. 1 block(s) now also run in those weeks. "
        "2 block(s) not in week 1 no longer run there; 1 deleted."
    ]


def test_the_copy_question_works_without_javascript(client, course):
    ActivityBlockFactory(schedule=course.schedule, weeks=[5], title="Quiz 5")
    client.force_login(course.owner)
    url = reverse("schedules:week_copy", args=[course.pk])

    page = client.post(url, {"source": 1, "first": 2, "last": 12}).content.decode()

    assert "<html" in page
    assert 'role="alertdialog"' in page
    assert 'name="first" value="2"' in page
    assert 'name="last" value="12"' in page
    assert ActivityBlock.objects.filter(title="Quiz 5").exists()


def test_a_copy_range_that_includes_the_source_is_refused(client, course):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:week_copy", args=[course.pk]),
        {"source": 3, "first": 2, "last": 5},
        **HTMX,
    )
    assert response.status_code == 422
    assert "The range includes week 3 itself." in response.content.decode()


def test_the_editor_makes_the_same_number_of_queries_for_5_or_300_blocks(client, course):
    client.force_login(course.owner)
    outcome = LearningOutcomeFactory(course=course)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(editor_url(course)).status_code == 200
        return len(captured)

    published_spec()  # v1 is published and validated on first use; count the pages after that
    ActivityBlockFactory.create_batch(5, schedule=course.schedule, outcomes=[outcome])
    few = count()
    ActivityBlockFactory.create_batch(295, schedule=course.schedule, outcomes=[outcome])
    assert count() == few


def test_every_action_on_a_week_page_keeps_to_that_week(client, course):
    block = ActivityBlockFactory(schedule=course.schedule, weeks=[], title="Reading")
    client.force_login(course.owner)

    html = client.get(reverse("schedules:editor", args=[course.pk]) + "?week=3").content.decode()

    assert 'name="week" value=""' not in html
    assert html.count('name="week" value="3"') == 3  # duplicate, delete, copy week
    assert f"{block.pk}/edit/?week=3" in html
    response = client.post(
        reverse("schedules:block_duplicate", args=[course.pk, block.pk]), {"week": "3"}
    )
    assert response.url.endswith("?week=3")


@pytest.mark.parametrize("week", ["abc", "0", "13", "99", "2.5"])
def test_a_week_that_is_not_one_of_the_course_is_refused_with_400(client, course, week):
    client.force_login(course.owner)
    response = client.get(editor_url(course), {"week": week})
    assert response.status_code == 400
    html = response.content.decode()
    assert f"There is no week “{week}” in this course: choose a week from 1 to 12." in html
    assert "<html" in html


def test_a_bad_week_with_htmx_gets_the_message_alone(client, course):
    client.force_login(course.owner)
    response = client.get(editor_url(course), {"week": "abc"}, **HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert html.startswith('<div class="form-errors" role="alert">')
    assert "There is no week “abc” in this course" in html


def test_without_a_week_the_editor_shows_week_one(client, course):
    client.force_login(course.owner)
    for query in ({}, {"week": ""}):
        response = client.get(editor_url(course), query)
        assert response.status_code == 200
        assert "Blocks in week 1 " in response.content.decode()


def test_an_action_posted_with_a_bad_week_changes_nothing(client, course):
    block = ActivityBlockFactory(schedule=course.schedule, title="Reading")
    client.force_login(course.owner)
    for action in ("delete", "duplicate"):
        url = reverse(f"schedules:block_{action}", args=[course.pk, block.pk])
        response = client.post(url, {"week": "99"}, **HTMX)
        assert response.status_code == 400
        assert "choose a week from 1 to 12" in response.content.decode()
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]), block_post(week="0"), **HTMX
    )
    assert response.status_code == 400
    assert list(ActivityBlock.objects.values_list("title", flat=True)) == ["Reading"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_copy_answer_other_than_yes_is_refused_and_nothing_is_copied(client, course, headers):
    ActivityBlockFactory(schedule=course.schedule, weeks=[1], title="Kick-off")
    quiz = ActivityBlockFactory(schedule=course.schedule, weeks=[5], title="Quiz 5")
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:week_copy", args=[course.pk]),
        {"source": 1, "first": 2, "last": 12, "confirm": "maybe"},
        **headers,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "“maybe” is not an answer to the question; nothing was copied." in html
    quiz.refresh_from_db()
    assert quiz.weeks == [5]
    kick_off = ActivityBlock.objects.get(title="Kick-off")
    assert kick_off.weeks == [1]


def test_a_week_list_with_several_mistakes_reports_every_one(client, course):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]), block_post(weeks="0, 13-15, abc"), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "<li>0 is not a week: weeks are numbered from 1.</li>" in html
    assert "<li>13–15 are beyond the course&#x27;s 12 weeks.</li>" in html
    assert "<li>“abc” is not a week or a range of weeks" in html
    assert 'value="0, 13-15, abc"' in html  # kept as typed


def test_a_title_past_its_limit_is_refused_with_the_limit_and_kept_as_typed(client, course):
    client.force_login(course.owner)
    title = "W" * 5000
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]), block_post(title=title), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert f"At most 200 characters: this has {len(title)}" in html
    assert f'value="{title}"' in html
    assert 'maxlength="200"' not in html
    assert not ActivityBlock.objects.exists()


def test_self_paced_work_may_take_the_evening_past_midnight(client, course):
    """Self-paced work has no clock time, so the live blocks' midnight rule is not its."""
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]),
        block_post(
            title="Problem set",
            modality="self_paced",
            activity_type="quiz",
            start_time="22:00",
            duration_minutes="180",
            due_day="4",
        ),
    )
    assert response.status_code == 302
    block = ActivityBlock.objects.get()
    assert block.start_time is None
    assert block.duration_minutes == 180


def test_a_live_block_past_midnight_is_still_refused(client, course):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]),
        block_post(start_time="22:00", duration_minutes="180"),
        **HTMX,
    )
    assert response.status_code == 422
    assert "would run past midnight" in response.content.decode()


def test_a_live_reading_is_saved_with_a_warning_that_it_is_unusual(client, course):
    client.force_login(course.owner)
    response = client.post(
        reverse("schedules:block_new", args=[course.pk]),
        block_post(title="Chapter 3 together", activity_type="reading"),
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Chapter 3 together” is a reading done live" in html


def test_sample_week_b_puts_its_live_sessions_where_london_and_new_york_are_both_awake(client):
    """Its own 17:00 in New York is 22:00 in London, past the rules' waking hours."""
    course = CourseFactory(timezone="America/New_York", weeks=8, start_date=date(2027, 3, 1))
    london = LearnerSegmentFactory(
        profile__course=course, name="London", head_count=10, timezone="Europe/London"
    )
    LearnerSegmentFactory(
        profile=london.profile, name="New York", head_count=12, timezone="America/New_York"
    )
    client.force_login(course.owner)
    client.post(reverse("schedules:sample_week", args=[course.pk]), {"week": "B"})
    live = ActivityBlock.objects.filter(modality="live").order_by("day")
    assert [block.day for block in live] == [1, 3]  # Tuesday and Thursday, as the seed says
    assert all(block.start_time != time(17) for block in live)
    editor = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    assert "outside waking hours" not in editor
    assert "(0 problems" in editor


def test_a_sample_week_keeps_its_times_when_they_suit_every_learner(client, course):
    LearnerSegmentFactory(profile__course=course, head_count=20, timezone=course.timezone)
    client.force_login(course.owner)
    client.post(reverse("schedules:sample_week", args=[course.pk]), {"week": "B"})
    times = set(ActivityBlock.objects.filter(modality="live").values_list("start_time", flat=True))
    assert times == {time(17)}


@pytest.mark.parametrize(
    "raw", ["1", "4", "5", "0", "01", "-1", "+2", " 2", "2 ", "²", "x", "", "99999999999999999999"]
)
def test_the_week_shown_is_the_week_forms_choice_or_its_refusal(raw):
    from django.http import QueryDict

    from blendplan.http import InvalidParameter
    from schedules.editor.forms import WeekParamForm, shown_week

    course = CourseFactory(weeks=4)
    data = QueryDict(mutable=True)
    data.setlist("week", ["3", raw])  # the last one counts, as for a form
    form = WeekParamForm(data, course=course)
    if form.is_valid():
        assert shown_week(data, course) == (form.cleaned_data["week"] or 1)
    else:
        with pytest.raises(InvalidParameter):
            shown_week(data, course)
