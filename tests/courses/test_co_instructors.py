"""Co-instructors: the owner adds and removes them; they then see and edit the course."""

import pytest
from django.urls import reverse

from tests.factories import CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(course):
    return reverse("courses:co_instructors", args=[course.pk])


def test_the_owner_adds_a_colleague_who_then_sees_the_course(client):
    course = CourseFactory(title="Statics")
    colleague = UserFactory(username="marta", instructor=True)
    client.force_login(course.owner)
    client.post(url(course), {"username": "Marta"})
    assert list(course.co_instructors.all()) == [colleague]
    client.force_login(colleague)
    assert "Statics" in client.get(reverse("schedules:dashboard")).content.decode()
    assert client.get(course.get_absolute_url()).status_code == 200


def test_an_unknown_username_is_refused_with_a_message(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(url(course), {"username": "nobody"})
    assert response.status_code == 422
    assert "There is no BlendPlan user “nobody”." in response.content.decode()
    assert not course.co_instructors.exists()


def test_the_owner_removes_a_co_instructor(client):
    course = CourseFactory()
    colleague = UserFactory()
    course.co_instructors.add(colleague)
    client.force_login(course.owner)
    client.post(url(course), {"remove": colleague.pk})
    assert not course.co_instructors.exists()


def test_a_co_instructor_cannot_change_who_teaches(client):
    course = CourseFactory()
    colleague = UserFactory()
    course.co_instructors.add(colleague)
    client.force_login(colleague)
    assert client.get(url(course)).status_code == 200
    response = client.post(url(course), {"username": colleague.username})
    assert response.status_code == 403
