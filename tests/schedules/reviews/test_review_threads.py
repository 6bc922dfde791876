"""Threaded review comments: replies join a thread, both sides can answer while the
review is open, and a refused comment gives back what was typed."""

import pytest
from django.core import mail
from django.urls import reverse

from schedules.models import ReviewComment
from schedules.reviews.selectors import comment_threads
from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    owner = UserFactory(instructor=True, username="ines", email="ines@example.edu")
    course = CourseFactory(owner=owner, title="Statics")
    ActivityBlockFactory(schedule=course.schedule, title="Truss reading")
    return course


@pytest.fixture
def reviewer():
    return UserFactory(reviewer=True, username="ravi", email="ravi@example.edu")


@pytest.fixture
def version(course):
    return schedule_submit(course=course, by=course.owner)


def post_comment(client, course, **data):
    url = reverse("schedules:review_comment", args=[course.schedule.pk])
    return client.post(url, {"version": 1, **data})


def review_page(client, course):
    return client.get(reverse("schedules:review", args=[course.schedule.pk])).content.decode()


def test_the_instructor_answers_a_block_comment_after_changes_were_requested(
    client, course, reviewer, version
):
    block_id = course.schedule.blocks.get().pk
    client.force_login(reviewer)
    post_comment(client, course, block=block_id, body="Which chapter is the reading?")
    root = ReviewComment.objects.get()
    review_decide(version=version, by=reviewer, approve=False, comment="See the block comment.")

    client.force_login(course.owner)
    mail.outbox.clear()
    response = post_comment(client, course, parent=root.pk, body="Chapter 4; I added it.")

    assert response.url.endswith(f"?version=1#comment-{root.pk}")
    reply = ReviewComment.objects.get(parent=root)
    assert (reply.author, reply.block_id) == (course.owner, block_id)
    [thread, _decision] = comment_threads(version, course=course)
    assert [(c.body, side) for c, side in thread.entries] == [
        ("Which chapter is the reading?", "LMS team"),
        ("Chapter 4; I added it.", "Instructor"),
    ]
    html = review_page(client, course)
    assert 'On “<span dir="auto">Truss reading</span>”' in html
    assert "(1 reply)" in html
    assert html.index("Which chapter is the reading?") < html.index("Chapter 4; I added it.")


def test_the_others_in_the_thread_are_mailed_when_someone_replies(
    client, course, reviewer, version, django_capture_on_commit_callbacks
):
    colleague = UserFactory(reviewer=True, email="mei@example.edu")
    client.force_login(reviewer)
    post_comment(client, course, body="Is the lab compulsory?")
    root = ReviewComment.objects.get()
    ReviewComment.objects.create(version=version, parent=root, author=colleague, body="+1")
    mail.outbox.clear()

    client.force_login(course.owner)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, course, parent=root.pk, body="Yes, it is.")

    [message] = mail.outbox
    assert message.to == ["mei@example.edu", "ravi@example.edu"]
    assert "Yes, it is." in message.body
    assert f"#comment-{root.pk}" in message.body


def test_a_reply_to_a_reply_joins_the_same_thread(client, course, reviewer, version):
    client.force_login(reviewer)
    post_comment(client, course, body="Add a due day.")
    root = ReviewComment.objects.get()
    client.force_login(course.owner)
    post_comment(client, course, parent=root.pk, body="Which day?")
    first_reply = ReviewComment.objects.get(body="Which day?")
    client.force_login(reviewer)
    post_comment(client, course, parent=first_reply.pk, body="Friday.")

    assert ReviewComment.objects.get(body="Friday.").parent == root
    [thread] = comment_threads(version, course=course)
    assert [c.body for c in thread.replies] == ["Which day?", "Friday."]


def test_a_reply_to_a_comment_on_an_earlier_version_is_refused_and_keeps_the_text(
    client, course, reviewer, version
):
    old = ReviewComment.objects.create(version=version, author=reviewer, body="Too long.")
    review_decide(version=version, by=reviewer, approve=False, comment="Shorten it.")
    course.schedule.blocks.update(duration_minutes=30)
    schedule_submit(course=course, by=course.owner)

    client.force_login(course.owner)
    response = post_comment(client, course, version=2, parent=old.pk, body="Shortened to 30.")

    assert not ReviewComment.objects.filter(body="Shortened to 30.").exists()
    page = client.get(response.url).content.decode()
    assert "not part of this version" in page
    # The old thread is not on version 2's page, so the text starts a new thread there.
    field = page[page.index('<label for="comment-body">') :]
    assert "not part of this version" in field[: field.index("</textarea>")]  # beside it
    assert "autofocus>Shortened to 30.</textarea>" in field


def test_after_approval_the_discussion_is_closed_and_typed_text_comes_back(
    client, course, reviewer, version
):
    client.force_login(reviewer)
    post_comment(client, course, body="Fine by me.")
    root = ReviewComment.objects.get()
    review_decide(version=version, by=reviewer, approve=True, comment="")

    client.force_login(course.owner)
    response = post_comment(client, course, parent=root.pk, body="Thanks, noted!")

    assert ReviewComment.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "Version 1 is approved; its review is closed." in page
    assert "Post reply" not in page
    assert "The discussion is closed: this version is approved." in page
    assert "Your comment was not sent" in page
    assert "readonly>Thanks, noted!</textarea>" in page


def test_an_empty_reply_is_refused_with_its_form_left_open(client, course, reviewer, version):
    client.force_login(reviewer)
    post_comment(client, course, body="Add a due day.")
    root = ReviewComment.objects.get()

    client.force_login(course.owner)
    response = post_comment(client, course, parent=root.pk, body="   ")

    # The page opens at the reply's field (it takes focus), which says what is wrong.
    assert "#" not in response.url  # a #fragment would cancel the field's autofocus
    page = client.get(response.url).content.decode()
    assert '<details class="reply" open>' in page
    field = page[page.index(f'<label for="reply-{root.pk}">') :]
    field = field[: field.index("</textarea>")]
    assert "The comment was not added: Write a comment first." in field
    assert 'aria-invalid="true"' in field
    assert f'aria-describedby="reply-{root.pk}-error" autofocus' in field


def test_an_empty_comment_is_refused_beside_its_field_where_the_page_opens(
    client, course, reviewer, version
):
    client.force_login(reviewer)
    response = post_comment(client, course, body="  ")

    assert "#" not in response.url  # a #fragment would cancel the field's autofocus
    page = client.get(response.url).content.decode()
    field = page[page.index('<label for="comment-body">') :]
    field = field[: field.index("</textarea>")]
    assert "The comment was not added: Write a comment first." in field
    assert 'aria-invalid="true"' in field
    assert "autofocus" in field
    assert not ReviewComment.objects.exists()


def test_html_in_replies_is_escaped(client, course, reviewer, version):
    client.force_login(reviewer)
    post_comment(client, course, body="<b>bold</b> question")
    root = ReviewComment.objects.get()
    post_comment(client, course, parent=root.pk, body="<script>alert('x')</script>")

    html = review_page(client, course)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; question" in html


def test_the_review_page_query_count_does_not_grow_with_threads(
    client, course, reviewer, version, django_assert_max_num_queries
):
    client.force_login(reviewer)
    for n in range(2):
        post_comment(client, course, body=f"Thread {n}")
    with django_assert_max_num_queries(40) as few:
        review_page(client, course)
    for n in range(2, 12):
        root = ReviewComment.objects.create(version=version, author=reviewer, body=f"T{n}")
        ReviewComment.objects.create(version=version, parent=root, author=course.owner, body="Re")
    with django_assert_max_num_queries(len(few.captured_queries)):
        review_page(client, course)
