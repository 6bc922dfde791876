"""Course models: invalid data is refused with a sentence, by the model and by the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.models import Course, LearnerSegment
from tests.factories import CourseFactory, LearnerProfileFactory, LearnerSegmentFactory

pytestmark = pytest.mark.django_db


def messages_for(error: ValidationError, field: str) -> list[str]:
    return error.message_dict.get(field, [])


def test_a_course_with_zero_weekly_hours_is_refused_with_a_message_next_to_the_field():
    course = CourseFactory.build(owner=CourseFactory().owner, weekly_hours=Decimal(0))
    with pytest.raises(ValidationError) as caught:
        course.full_clean()
    assert any("0.5" in message for message in messages_for(caught.value, "weekly_hours"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weekly_hours", Decimal(0)),
        ("weeks", 0),
        ("weeks", 53),
        ("cohort_size", 0),
        ("live_hours_available", Decimal(-1)),
        ("discipline", "astrology"),
    ],
)
def test_the_database_refuses_an_impossible_course_even_when_the_form_is_bypassed(field, value):
    course = CourseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Course.objects.filter(pk=course.pk).update(**{field: value})


def test_an_unknown_time_zone_is_refused_with_an_example_of_a_good_one():
    course = CourseFactory.build(owner=CourseFactory().owner, timezone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as caught:
        course.full_clean()
    [message] = messages_for(caught.value, "timezone")
    assert "Mars/Olympus_Mons" in message
    assert "Europe/London" in message


def test_a_segment_with_a_negative_head_count_is_refused_by_the_database():
    segment = LearnerSegmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LearnerSegment.objects.filter(pk=segment.pk).update(head_count=-1)


def test_a_segment_without_a_time_zone_is_refused_by_the_database():
    segment = LearnerSegmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LearnerSegment.objects.filter(pk=segment.pk).update(timezone="")


def test_unknown_devices_are_named_in_the_error():
    profile = LearnerProfileFactory.build(
        course=CourseFactory(), devices=["laptop", "smartwatch", "pager"]
    )
    with pytest.raises(ValidationError) as caught:
        profile.full_clean()
    [message] = messages_for(caught.value, "devices")
    assert "smartwatch" in message
    assert "pager" in message


def test_a_device_listed_twice_is_refused():
    profile = LearnerProfileFactory.build(course=CourseFactory(), devices=["phone", "phone"])
    with pytest.raises(ValidationError) as caught:
        profile.full_clean()
    assert messages_for(caught.value, "devices") == ["Each device may be listed only once."]


def test_a_well_described_course_passes_validation():
    profile = LearnerProfileFactory(accessibility_needs=["captions", "screen_reader"])
    segment = LearnerSegmentFactory.build(profile=profile, timezone="Pacific/Auckland")
    profile.course.full_clean()
    profile.full_clean()
    segment.full_clean()
