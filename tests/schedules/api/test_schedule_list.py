"""GET /api/v1/schedules: the schedules a token's user may see, filtered, in fixed queries."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.choices import Discipline
from schedules.models import ApiToken
from schedules.reviews.services import review_decide, schedule_submit
from tests.factories import ActivityBlockFactory, CourseFactory, UserFactory

pytestmark = pytest.mark.django_db


def submitted_course(*, decision=None, **fields):
    """Return a course with a live block, submitted (and then decided, if asked)."""
    course = CourseFactory(**fields)
    ActivityBlockFactory(schedule=course.schedule, live=True, start_time=time(10))
    version = schedule_submit(course=course, by=course.owner)
    if decision is not None:
        reviewer = UserFactory(reviewer=True)
        review_decide(
            version=version, by=reviewer, approve=decision == "approve", comment="Needs work."
        )
    return course


@pytest.fixture
def world():
    owner = UserFactory(instructor=True, username="owner")
    other = UserFactory(instructor=True, username="other")
    courses = {
        "submitted": submitted_course(owner=owner, title="A submitted"),
        "draft": CourseFactory(owner=owner, title="B draft"),
        "approved": submitted_course(
            owner=other, title="C approved", decision="approve", discipline=Discipline.HUMANITIES
        ),
        "returned": submitted_course(owner=other, title="D returned", decision="changes"),
        "others_draft": CourseFactory(owner=other, title="E draft"),
    }
    return owner, other, courses


def titles(response):
    assert response.status_code == 200, response.content
    return [item["course"]["title"] for item in response.json()]


def test_an_instructor_sees_their_own_schedules_drafts_included(api_get, world):
    owner, _, _ = world
    assert titles(api_get("/schedules", owner)) == ["A submitted", "B draft"]


def test_a_co_instructor_sees_the_schedules_they_co_teach(api_get, world):
    _, other, courses = world
    co_teacher = UserFactory(instructor=True)
    courses["submitted"].co_instructors.add(co_teacher)
    assert titles(api_get("/schedules", co_teacher)) == ["A submitted"]
    assert "A submitted" not in titles(api_get("/schedules", other))


def test_a_reviewer_sees_every_submitted_returned_or_approved_schedule_but_no_draft(api_get, world):
    reviewer = UserFactory(reviewer=True)
    assert titles(api_get("/schedules", reviewer)) == ["A submitted", "C approved", "D returned"]


def test_a_superuser_sees_everything(api_get, world):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert titles(api_get("/schedules", admin)) == [
        "A submitted",
        "B draft",
        "C approved",
        "D returned",
        "E draft",
    ]


def test_a_user_without_a_role_sees_nothing(api_get, world):
    assert titles(api_get("/schedules", UserFactory())) == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("submitted", ["A submitted"]),
        ("approved", ["C approved"]),
        ("changes_requested", ["D returned"]),
        ("draft", []),
    ],
)
def test_the_list_filters_by_status(api_get, world, status, expected):
    reviewer = UserFactory(reviewer=True)
    assert titles(api_get("/schedules", reviewer, status=status)) == expected


def test_the_list_filters_by_discipline(api_get, world):
    reviewer = UserFactory(reviewer=True)
    assert titles(api_get("/schedules", reviewer, discipline="humanities")) == ["C approved"]
    assert titles(api_get("/schedules", reviewer, discipline="stem", status="approved")) == []


def test_an_item_describes_the_schedule_and_links_to_its_version_and_exports(api_get, world):
    owner, _, courses = world
    course = courses["submitted"]
    item, draft = api_get("/schedules", owner).json()
    schedule_id = course.schedule.pk
    version_url = f"http://testserver/api/v1/schedules/{schedule_id}/versions/1"
    assert item["id"] == schedule_id
    assert item["course"] == {
        "id": course.pk,
        "title": "A submitted",
        "code": course.code,
        "discipline": "stem",
    }
    assert item["owner"] == {"username": "owner", "name": owner.get_full_name()}
    assert item["status"] == "submitted"
    assert item["latest_version"] == 1
    submitted_at = course.schedule.versions.get().submitted_at
    # JSON gives times to the millisecond.
    in_milliseconds = submitted_at.replace(microsecond=submitted_at.microsecond // 1000 * 1000)
    assert datetime.fromisoformat(item["submitted_at"]) == in_milliseconds
    assert item["live_percent"] == 100
    assert item["problems"] == 0
    assert item["links"] == {
        "review": f"http://testserver/reviews/{schedule_id}/",
        "version": version_url,
        "exports": {
            fmt: f"{version_url}/export.{fmt}" for fmt in ("csv", "xlsx", "json", "ics", "imscc")
        },
    }
    assert draft["latest_version"] is None
    assert draft["links"]["version"] is None
    assert draft["links"]["exports"] == {}


def test_the_links_work_with_the_same_token(api_get, world, client):
    owner, _, _ = world
    item = api_get("/schedules", owner).json()[0]
    token_header = api_get("/schedules", owner).request["HTTP_AUTHORIZATION"]
    urls = [item["links"]["version"], *item["links"]["exports"].values()]
    assert len(urls) == 6  # the version and its five exports
    for url in urls:
        assert client.get(url, headers={"Authorization": token_header}).status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_schedules(api_get, client):
    reviewer = UserFactory(reviewer=True)
    headers = {"Authorization": api_get("/schedules", reviewer).request["HTTP_AUTHORIZATION"]}
    # The token's use was just noted, so the calls measured below note nothing, however long
    # making the schedules takes (a use is noted at most once a minute).
    ApiToken.objects.update(last_used=timezone.now() + timedelta(hours=1))

    def listed_and_queries():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/schedules", headers=headers)
        return len(response.json()), len(queries)

    for _ in range(2):
        submitted_course()
    few, few_queries = listed_and_queries()
    for _ in range(8):
        submitted_course()
    many, many_queries = listed_and_queries()
    assert (few, many) == (2, 10)
    assert few_queries == many_queries
    assert many_queries <= 4  # token and user, roles, schedules with courses, versions


def test_a_resubmitted_schedule_is_listed_with_its_newest_version(api_get, world):
    owner, _, courses = world
    course = courses["submitted"]
    reviewer = UserFactory(reviewer=True)
    review_decide(
        version=course.schedule.versions.get(), by=reviewer, approve=False, comment="Shorter."
    )
    course.schedule.blocks.update(duration_minutes=45)
    schedule_submit(course=course, by=course.owner)

    item = next(i for i in api_get("/schedules", owner).json() if i["id"] == course.schedule.pk)

    assert item["latest_version"] == 2
    assert item["links"]["version"].endswith("/versions/2")
