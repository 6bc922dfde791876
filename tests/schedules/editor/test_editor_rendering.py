"""What the editor's rendering shortcuts must not change: its forms still pass the CSRF
check, and a citation still links under the site's script prefix."""

import re

import pytest
from django.test import Client
from django.urls import reverse, set_script_prefix

from schedules.models import ActivityBlock
from schedules.templatetags.blend import cite
from tests.factories import ActivityBlockFactory, CourseFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_block_duplicated_from_the_editor_page_passes_the_csrf_check():
    course = CourseFactory(weeks=4)
    block = ActivityBlockFactory(schedule=course.schedule, live=True, day=2, title="Lab")
    client = Client(enforce_csrf_checks=True)
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()
    action = reverse("schedules:block_duplicate", args=[course.pk, block.pk])
    form = html[html.index(f'action="{action}"') :]
    token = TOKEN.search(form)
    assert token is not None

    response = client.post(action, {"csrfmiddlewaretoken": token.group(1), "week": "1"})

    assert response.status_code in (200, 302)
    assert ActivityBlock.objects.filter(schedule=course.schedule).count() == 2  # the copy


def test_the_block_forms_share_the_pages_token_rather_than_one_each():
    course = CourseFactory(weeks=4)
    ActivityBlockFactory.create_batch(3, schedule=course.schedule, live=True, day=2)
    client = Client()
    client.force_login(course.owner)
    html = client.get(reverse("schedules:editor", args=[course.pk])).content.decode()

    tokens = TOKEN.findall(html)
    assert len(tokens) >= 6  # duplicate and delete of each block, and the page's own forms
    assert len(set(tokens)) == 1


def test_a_citation_links_under_the_script_prefix_it_is_served_at():
    plain = str(cite("seed 003"))
    set_script_prefix("/blendplan/")
    try:
        prefixed = str(cite("seed 003"))
    finally:
        set_script_prefix("/")

    assert 'href="/blendplan/' in prefixed
    assert 'href="/blendplan/' not in plain
    assert prefixed.replace("/blendplan/", "/") == plain


def test_a_block_item_drawn_before_for_someone_else_carries_this_requests_token():
    course = CourseFactory(weeks=4)
    block = ActivityBlockFactory(schedule=course.schedule, live=True, day=2, title="Lab")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(course.owner)
    second.force_login(course.owner)
    url = reverse("schedules:editor", args=[course.pk])
    action = reverse("schedules:block_duplicate", args=[course.pk, block.pk])
    first.get(url)  # draws the block's item

    html = second.get(url).content.decode()

    tokens = set(TOKEN.findall(html))
    assert len(tokens) == 1
    form = html[html.index(f'action="{action}"') :]
    token = TOKEN.search(form)
    assert token is not None
    response = second.post(action, {"csrfmiddlewaretoken": token.group(1), "week": "1"})
    assert response.status_code in (200, 302)
    assert ActivityBlock.objects.filter(schedule=course.schedule).count() == 2
