"""Course set-up: creating a course and editing its basics and learners."""

import pytest
from django.urls import reverse

from courses.models import Course, LearnerProfile
from tests.factories import CourseFactory, LearnerSegmentFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD_BASICS = {
    "title": "Thermodynamics",
    "code": "ENG 220",
    "discipline": "stem",
    "context": "university",
    "weekly_hours": "6",
    "weeks": "12",
    "start_date": "2027-01-11",
    "cohort_size": "40",
    "timezone": "Europe/London",
    "live_hours_available": "4",
}


def test_an_instructor_creates_a_course_and_goes_on_to_its_outcomes(client):
    instructor = UserFactory(instructor=True)
    client.force_login(instructor)
    response = client.post(reverse("courses:course_new"), GOOD_BASICS)
    course = Course.objects.get(title="Thermodynamics")
    assert course.owner == instructor
    assert course.schedule.status == "draft"
    assert response["Location"] == reverse("courses:outcome_list", args=[course.pk])


@pytest.mark.parametrize("role", ["reviewer", "rule_admin"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_without_the_instructor_role_is_told_whom_to_ask_and_creates_nothing(
    client, role, method
):
    client.force_login(UserFactory(**{role: True}))
    response = getattr(client, method)(reverse("courses:course_new"), GOOD_BASICS)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only instructors create courses" in html
    assert "Ask the site's administrators" in html
    assert not Course.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Mars/Base", "is not a known time zone"),
        ("weeks", "60", "less than or equal to 52"),
        ("weekly_hours", "0", "greater than or equal to 0.5"),
        ("title", "", "This field is required"),
    ],
)
def test_bad_basics_are_refused_next_to_the_field_and_nothing_is_saved(
    client, field, value, message
):
    client.force_login(UserFactory(instructor=True))
    response = client.post(reverse("courses:course_new"), {**GOOD_BASICS, field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert not Course.objects.exists()


def test_the_course_form_keeps_what_was_typed_after_an_error(client):
    client.force_login(UserFactory(instructor=True))
    response = client.post(reverse("courses:course_new"), {**GOOD_BASICS, "weeks": "99"})
    assert 'value="Thermodynamics"' in response.content.decode()


def test_the_owner_edits_the_basics(client):
    course = CourseFactory(title="Old title")
    client.force_login(course.owner)
    response = client.post(
        reverse("courses:course_edit", args=[course.pk]), {**GOOD_BASICS, "title": "New title"}
    )
    course.refresh_from_db()
    assert course.title == "New title"
    assert response["Location"] == course.get_absolute_url()


def test_another_instructor_cannot_edit_the_basics(client):
    course = CourseFactory(title="Mine")
    client.force_login(UserFactory(instructor=True))
    response = client.post(
        reverse("courses:course_edit", args=[course.pk]), {**GOOD_BASICS, "title": "Theirs"}
    )
    course.refresh_from_db()
    assert response.status_code == 404
    assert course.title == "Mine"


def learners_post(**overrides):
    data = {
        "kind": "distributed_professionals",
        "bandwidth": "variable",
        "devices": ["laptop", "phone"],
        "lms_present": "on",
        "accessibility_needs": ["captions"],
        "segments-TOTAL_FORMS": "2",
        "segments-INITIAL_FORMS": "0",
        "segments-MIN_NUM_FORMS": "0",
        "segments-MAX_NUM_FORMS": "1000",
        "segments-0-name": "London",
        "segments-0-head_count": "20",
        "segments-0-timezone": "Europe/London",
        "segments-1-name": "",
        "segments-1-head_count": "",
        "segments-1-timezone": "",
    }
    return {**data, **overrides}


def test_the_owner_describes_the_learners_with_segments(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        reverse("courses:learners_edit", args=[course.pk]),
        learners_post(
            **{
                "segments-1-name": "Auckland",
                "segments-1-head_count": "12",
                "segments-1-timezone": "Pacific/Auckland",
            }
        ),
    )
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(course=course)
    assert profile.devices == ["laptop", "phone"]
    assert profile.accessibility_needs == ["captions"]
    assert sorted(profile.segments.values_list("timezone", "head_count")) == [
        ("Europe/London", 20),
        ("Pacific/Auckland", 12),
    ]


def test_a_bad_segment_time_zone_is_refused_and_nothing_is_saved(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        reverse("courses:learners_edit", args=[course.pk]),
        learners_post(**{"segments-0-timezone": "Europe/Londn"}),
    )
    assert response.status_code == 422
    assert "“Europe/Londn” is not a known time zone" in response.content.decode()
    assert not LearnerProfile.objects.filter(course=course).exists()


def test_removing_a_segment_keeps_the_others(client):
    keep = LearnerSegmentFactory(name="Keep", timezone="Asia/Tokyo")
    drop = LearnerSegmentFactory(profile=keep.profile, name="Drop")
    course = keep.profile.course
    client.force_login(course.owner)
    data = learners_post(
        **{
            "kind": "full_time_local",
            "bandwidth": "reliable",
            "segments-TOTAL_FORMS": "2",
            "segments-INITIAL_FORMS": "2",
            "segments-0-id": str(keep.pk),
            "segments-0-name": "Keep",
            "segments-0-head_count": "10",
            "segments-0-timezone": "Asia/Tokyo",
            "segments-1-id": str(drop.pk),
            "segments-1-name": "Drop",
            "segments-1-head_count": "10",
            "segments-1-timezone": "Europe/London",
            "segments-1-DELETE": "on",
        }
    )
    client.post(reverse("courses:learners_edit", args=[course.pk]), data)
    assert list(keep.profile.segments.values_list("name", flat=True)) == ["Keep"]


def test_the_learners_page_offers_every_time_zone_in_a_searchable_list(client):
    course = CourseFactory()
    client.force_login(course.owner)
    html = client.get(reverse("courses:learners_edit", args=[course.pk])).content.decode()
    assert '<datalist id="timezone-names">' in html
    assert '<option value="Pacific/Auckland">' in html
    assert 'list="timezone-names"' in html


def one_segment_post(segment, **overrides):
    data = learners_post(
        **{
            "segments-TOTAL_FORMS": "1",
            "segments-INITIAL_FORMS": "1",
            "segments-0-id": str(segment.pk),
            "segments-0-name": segment.name,
            "segments-0-head_count": str(segment.head_count),
            "segments-0-timezone": segment.timezone,
            **overrides,
        }
    )
    return {key: value for key, value in data.items() if not key.startswith("segments-1-")}


def test_a_segment_of_no_learners_is_refused_with_a_sentence_and_nothing_is_saved(client):
    segment = LearnerSegmentFactory(name="Only", head_count=10, timezone="Europe/London")
    course = segment.profile.course
    client.force_login(course.owner)
    response = client.post(
        reverse("courses:learners_edit", args=[course.pk]),
        one_segment_post(segment, **{"segments-0-head_count": "0", "kind": "hybrid"}),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "A segment has at least one learner" in html
    assert 'name="segments-0-head_count" value="0"' in html  # what was typed stays
    segment.refresh_from_db()
    assert segment.head_count == 10
    assert LearnerProfile.objects.get(course=course).kind != "hybrid"


def test_a_mistyped_time_zone_gets_the_closest_names(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        reverse("courses:learners_edit", args=[course.pk]),
        learners_post(**{"segments-0-timezone": "Europe/Londn"}),
    )
    assert "Did you mean Europe/London" in response.content.decode()


def test_the_time_zone_list_offers_only_canonical_zones_of_places(client):
    course = CourseFactory()
    client.force_login(course.owner)
    html = client.get(reverse("courses:learners_edit", args=[course.pk])).content.decode()
    for offered in ("Europe/London", "America/New_York", "UTC"):
        assert f'<option value="{offered}">' in html
    for legacy in ("localtime", "Factory", "US/Eastern", "Etc/GMT+5", "EST5EDT", "Asia/Calcutta"):
        assert f'<option value="{legacy}">' not in html


def test_a_title_past_its_limit_is_refused_with_the_limit_and_kept_as_typed(client):
    client.force_login(UserFactory(instructor=True))
    title = "T" * 5000
    response = client.post(reverse("courses:course_new"), {**GOOD_BASICS, "title": title})
    html = response.content.decode()
    assert "At most 200 characters: this has 5000" in html
    assert f'value="{title}"' in html
    assert 'maxlength="200"' not in html
    assert not Course.objects.exists()


def test_add_another_segment_keeps_what_was_typed_and_saves_nothing(client):
    course = CourseFactory()
    client.force_login(course.owner)
    data = learners_post(**{"segments-TOTAL_FORMS": "1", "add_segment": "1"})
    data = {key: value for key, value in data.items() if not key.startswith("segments-1-")}
    response = client.post(reverse("courses:learners_edit", args=[course.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="London"' in html
    assert 'name="segments-1-name"' in html
    assert "autofocus" in html
    assert 'name="segments-TOTAL_FORMS" value="2"' in html
    assert "<h1>" in html  # without JavaScript: the whole page
    assert not LearnerProfile.objects.filter(course=course).exists()


def test_add_another_segment_with_htmx_answers_with_the_segments_only(client):
    course = CourseFactory()
    client.force_login(course.owner)
    data = learners_post(**{"add_segment": "1"})
    response = client.post(
        reverse("courses:learners_edit", args=[course.pk]), data, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" aria-labelledby="segments-heading"')
    assert 'name="segments-2-name"' in html
    assert "This field is required" not in html


def test_the_share_on_phones_is_saved_and_shown_with_devices_and_captions(client):
    course = CourseFactory()
    client.force_login(course.owner)
    client.post(reverse("courses:learners_edit", args=[course.pk]), learners_post(phone_share="70"))
    assert LearnerProfile.objects.get(course=course).phone_share == 70
    html = client.get(course.get_absolute_url()).content.decode()
    assert "Laptop, Phone · 70% mainly on phones" in html
    assert "Captions needed" in html


def test_a_share_on_phones_over_100_is_refused(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(
        reverse("courses:learners_edit", args=[course.pk]), learners_post(phone_share="140")
    )
    assert response.status_code == 422
    assert not LearnerProfile.objects.filter(course=course).exists()
