"""Signing in and out, and the role groups."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_three_role_groups_exist_after_migrating():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Instructors", "Reviewers", "Rule admins"} <= names


def test_a_wrong_password_is_refused_with_a_message_and_the_username_kept(client):
    UserFactory(username="ines")
    response = client.post(reverse("login"), {"username": "ines", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in html
    assert 'value="ines"' in html


def test_signing_in_leads_to_the_dashboard(client):
    UserFactory(username="ines", instructor=True)
    response = client.post(
        reverse("login"), {"username": "ines", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("schedules:dashboard")


def test_signing_out_is_a_post_and_returns_to_the_sign_in_page(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("schedules:dashboard")).status_code == 302


def test_the_navigation_shows_the_users_roles(client):
    client.force_login(UserFactory(first_name="Ines", last_name="Okafor", reviewer=True))
    html = client.get(reverse("schedules:dashboard"), follow=True).content.decode()
    assert "Ines Okafor" in html
    assert "(Reviewers)" in html
