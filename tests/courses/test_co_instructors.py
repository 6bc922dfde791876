"""Co-instructors: the owner adds and removes them; they then see and edit the course."""

from html import unescape

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


NO_SUCH_INSTRUCTOR = (
    "No instructor has the username “{}”. Check the spelling; if it is right, they need to "
    "sign in once and to ask the site's administrators for the instructor role."
)


@pytest.mark.parametrize(
    "who",
    ["nobody at all", "a reviewer", "a rule admin", "a user with no role", "a former instructor"],
)
def test_only_an_instructor_can_be_added_and_the_refusal_does_not_say_whether_the_user_exists(
    client, who
):
    course = CourseFactory()
    if who == "a reviewer":
        UserFactory(username="kim", reviewer=True)
    elif who == "a rule admin":
        UserFactory(username="kim", rule_admin=True)
    elif who == "a user with no role":
        UserFactory(username="kim")
    elif who == "a former instructor":
        UserFactory(username="kim", instructor=True, is_active=False)
    client.force_login(course.owner)
    response = client.post(url(course), {"username": "kim"})
    assert response.status_code == 422
    html = unescape(response.content.decode())
    assert NO_SUCH_INSTRUCTOR.format("kim") in html
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


@pytest.mark.parametrize("value", ["xyz", "", "999999"])
def test_removing_someone_who_is_not_a_co_instructor_is_refused_and_nobody_is_removed(
    client, value
):
    course = CourseFactory()
    colleague = UserFactory()
    course.co_instructors.add(colleague)
    client.force_login(course.owner)
    response = client.post(url(course), {"remove": value})
    assert response.status_code == 422
    assert list(course.co_instructors.all()) == [colleague]
    html = unescape(response.content.decode())
    if value:
        assert f"“{value}” is not one of this course's co-instructors; nobody was removed." in html
    else:
        assert "Say whom to remove; nobody was removed." in html


def test_removing_a_user_who_teaches_another_course_only_is_refused(client):
    course = CourseFactory()
    colleague = UserFactory()
    course.co_instructors.add(colleague)
    stranger = UserFactory()
    other = CourseFactory()
    other.co_instructors.add(stranger)
    client.force_login(course.owner)
    response = client.post(url(course), {"remove": stranger.pk})
    assert response.status_code == 422
    assert list(course.co_instructors.all()) == [colleague]
    assert list(other.co_instructors.all()) == [stranger]


def test_a_refused_username_stays_in_the_box(client):
    course = CourseFactory()
    client.force_login(course.owner)
    response = client.post(url(course), {"username": "nobody-here"})
    assert response.status_code == 422
    assert 'value="nobody-here"' in response.content.decode()


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("mar\x00ta", "invisible control character (U+0000)"),
        ("m" * 1_000_000, "A username has at most 150 characters"),
        ("%" * 151, "A username has at most 150 characters"),
    ],
)
def test_a_username_no_one_can_have_is_refused_with_a_sentence_and_nobody_is_added(
    client, username, message
):
    """A NUL (PostgreSQL: "A string literal cannot contain NUL") and a megabyte of name
    (SQLite: "LIKE pattern too complex") were server errors."""
    course = CourseFactory()
    UserFactory(username="marta")
    client.force_login(course.owner)
    response = client.post(url(course), {"username": username})
    assert response.status_code == 422
    assert message in unescape(response.content.decode())
    assert not course.co_instructors.exists()
