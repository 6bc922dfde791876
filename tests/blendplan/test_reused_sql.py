"""Queries compiled once and run again with other ids give what the queryset itself gives."""

import pytest
from django.db.models import Prefetch
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404

from blendplan.reused_sql import reused_rows
from courses.access import get_course_for_user
from courses.models import Course, LearnerSegment
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def courses_with_outcomes(owner_id, pk):
    return (
        Course.objects.filter(owner_id=owner_id, pk=pk)
        .select_related("owner", "learner_profile")
        .prefetch_related(
            "outcomes",
            Prefetch("learner_profile__segments", LearnerSegment.objects.order_by("name")),
        )
    )


def described(course):
    profile = getattr(course, "learner_profile", None)
    return (
        course.pk,
        course.title,
        course.owner.username,
        [outcome.text for outcome in course.outcomes.all()],
        [segment.name for segment in profile.segments.all()] if profile else None,
    )


def test_each_call_gives_the_rows_of_its_own_ids_with_related_rows_and_prefetches(
    django_assert_num_queries,
):
    courses = [CourseFactory(), CourseFactory()]
    for course in courses:
        LearningOutcomeFactory(course=course, text=f"Outcome of {course.title}")
    LearnerSegmentFactory(profile__course=courses[1], name="Evening")

    for course in [*courses, *courses]:
        with django_assert_num_queries(3 if hasattr(course, "learner_profile") else 2):
            found = reused_rows("test: courses", courses_with_outcomes, course.owner_id, course.pk)
        expected = list(courses_with_outcomes(course.owner_id, course.pk))
        assert [described(row) for row in found] == [described(row) for row in expected]
        assert len(found) == 1
    assert reused_rows("test: courses", courses_with_outcomes, courses[0].owner_id, 0) == []


def test_the_sql_is_compiled_once(monkeypatch):
    course = CourseFactory()
    reused_rows("test: titles", lambda pk: Course.objects.filter(pk=pk).values_list("title"), 0)
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        compiled.append(self)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)

    rows = reused_rows(
        "test: titles", lambda pk: Course.objects.filter(pk=pk).values_list("title"), course.pk
    )

    assert rows == [(course.title,)]
    assert compiled == []


def test_an_id_that_is_not_a_parameter_of_the_sql_is_refused():
    with pytest.raises(ValueError, match="not parameters"):
        reused_rows("test: ignores its id", lambda pk: Course.objects.all(), 1)
    with pytest.raises(TypeError, match="whole number"):
        reused_rows("test: a string", lambda pk: Course.objects.filter(pk=pk), "1")  # type: ignore[arg-type]


def test_the_editor_finds_a_course_only_for_its_teachers():
    course = CourseFactory()
    co_instructor, stranger = UserFactory(instructor=True), UserFactory(instructor=True)
    course.co_instructors.add(co_instructor)

    for user in (course.owner, co_instructor, UserFactory(is_superuser=True)):
        assert get_course_for_user(user, course.pk, reuse_sql="test") == course
    with pytest.raises(Http404):
        get_course_for_user(stranger, course.pk, reuse_sql="test")


def test_an_id_past_64_bits_finds_nothing_as_the_queryset_does():
    course = CourseFactory()

    found = reused_rows("test: huge", lambda pk: Course.objects.filter(pk=pk), 10**20)

    assert found == []
    assert reused_rows("test: huge", lambda pk: Course.objects.filter(pk=pk), course.pk) == [course]
