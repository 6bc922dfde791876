"""Every URL of the project, as each kind of user: the access matrix.

A new URL without an entry in ``MATRIX`` fails ``test_every_url_has_an_entry``, so access
is decided, and tested, for each page and fragment as it is added. "ok" means the request
got through the permission check and got the answer the entry names for that URL: 200 for a
page, 302 for a redirect after an action, 422 for the refusal of the empty form posted here;
"login" a redirect to sign in; 401, 403 and 404 are refusals.

The JSON API (namespace ``api``) is called with each role's API token instead of a
session; "anonymous" there means no token, which gets 401 (the OpenAPI description is
public).
"""

from collections.abc import Iterator
from datetime import time

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from schedules.models import ReviewStatus
from schedules.reviews.services import schedule_submit
from schedules.rulesets.services import ruleset_draft_start
from tests.factories import (
    ActivityBlockFactory,
    ApiTokenFactory,
    CalendarFeedFactory,
    CourseFactory,
    FindingDismissalFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

ROLES = ("anonymous", "owner", "other_instructor", "reviewer", "rule_admin")

# Who may do what, by kind of URL: {role: outcome}.
COURSE: dict[str, str | int] = {
    "owner": "ok",
    "other_instructor": 404,
    "reviewer": 404,
    "rule_admin": 404,
}
SIGNED_IN: dict[str, str | int] = {
    "owner": "ok",
    "other_instructor": "ok",
    "reviewer": "ok",
    "rule_admin": "ok",
}
REVIEW_READ: dict[str, str | int] = {
    "owner": "ok",
    "other_instructor": 404,
    "reviewer": "ok",
    "rule_admin": 404,
}
REVIEW_DECIDE: dict[str, str | int] = {
    "owner": 403,
    "other_instructor": 404,
    "reviewer": "ok",
    "rule_admin": 404,
}
QUEUE: dict[str, str | int] = {
    "owner": 403,
    "other_instructor": 403,
    "reviewer": "ok",
    "rule_admin": 403,
}
RULES_WRITE: dict[str, str | int] = {
    "owner": 403,
    "other_instructor": 403,
    "reviewer": 403,
    "rule_admin": "ok",
}
OWN_TOKEN: dict[str, str | int] = {
    "owner": "ok",
    "other_instructor": 404,
    "reviewer": 404,
    "rule_admin": 404,
}
API_SIGNED_IN: dict[str, str | int] = {
    "anonymous": 401,
    "owner": "ok",
    "other_instructor": "ok",
    "reviewer": "ok",
    "rule_admin": "ok",
}
API_REVIEW_READ: dict[str, str | int] = {"anonymous": 401, **REVIEW_READ}
PUBLIC: dict[str, str | int] = {role: "ok" for role in ROLES}
NOWHERE: dict[str, str | int] = {role: 404 for role in ROLES}

# Each URL: (method, the status an allowed role gets, {role: outcome}).
MATRIX: dict[str, tuple[str, int | None, dict[str, str | int]]] = {
    "schedules:dashboard": ("GET", 200, SIGNED_IN),
    "courses:course_new": ("GET", 200, SIGNED_IN),
    "schedules:course_detail": ("GET", 200, COURSE),
    "courses:course_edit": ("GET", 200, COURSE),
    "courses:learners_edit": ("GET", 200, COURSE),
    "courses:co_instructors": ("GET", 200, COURSE),
    "courses:outcome_list": ("GET", 200, COURSE),
    "courses:outcome_edit": ("GET", 200, COURSE),
    "courses:outcome_delete": ("POST", 302, COURSE),
    "courses:outcome_move": ("POST", 422, COURSE),
    "schedules:recommendation": ("GET", 200, COURSE),
    "schedules:editor": ("GET", 200, COURSE),
    "schedules:block_new": ("GET", 200, COURSE),
    "schedules:block_edit": ("GET", 200, COURSE),
    "schedules:block_duplicate": ("POST", 302, COURSE),
    "schedules:block_delete": ("POST", 302, COURSE),
    "schedules:sample_week": ("POST", 422, COURSE),
    "schedules:week_copy": ("POST", 422, COURSE),
    "schedules:finding_dismiss": ("GET", 200, COURSE),
    "schedules:finding_restore": ("POST", 302, COURSE),
    "schedules:timezones": ("GET", 200, COURSE),
    "schedules:slot_apply": ("POST", 422, COURSE),
    "schedules:submit": ("POST", 302, COURSE),
    "schedules:review_queue": ("GET", 200, QUEUE),
    "schedules:review": ("GET", 200, REVIEW_READ),
    "schedules:review_comment": ("POST", 422, REVIEW_READ),
    "schedules:review_compare": ("GET", 302, REVIEW_READ),
    "schedules:export_csv": ("GET", 200, REVIEW_READ),
    "schedules:export_xlsx": ("GET", 200, REVIEW_READ),
    "schedules:export_json": ("GET", 200, REVIEW_READ),
    "schedules:export_ics": ("GET", 200, REVIEW_READ),
    "schedules:export_imscc": ("GET", 200, REVIEW_READ),
    "schedules:review_print": ("GET", 200, REVIEW_READ),
    "schedules:calendar_feed_page": ("GET", 200, COURSE),
    "schedules:feed_qr": ("GET", 200, COURSE),
    # The address calendars poll: no sign-in, the token is the key. The world's version is
    # submitted, not approved, so it answers 404 with the reason (test_feed.py has its 200).
    "schedules:calendar_feed": ("GET", 404, PUBLIC),
    "schedules:export_schema": ("GET", 200, PUBLIC),
    "schedules:review_decide": ("POST", 422, REVIEW_DECIDE),
    "schedules:rules": ("GET", 200, SIGNED_IN),
    "schedules:ruleset_version": ("GET", 200, SIGNED_IN),
    "schedules:ruleset_export": ("GET", 200, SIGNED_IN),
    "schedules:draft_start": ("POST", 302, RULES_WRITE),
    "schedules:draft_discard": ("POST", 302, RULES_WRITE),
    "schedules:draft_export": ("GET", 200, RULES_WRITE),
    "schedules:draft_import": ("POST", 422, RULES_WRITE),
    "schedules:row_add": ("POST", 422, RULES_WRITE),
    "schedules:row_edit": ("GET", 200, RULES_WRITE),
    "schedules:row_delete": ("POST", 302, RULES_WRITE),
    "schedules:settings_save": ("POST", 422, RULES_WRITE),
    "schedules:draft_preview": ("GET", 200, RULES_WRITE),
    "schedules:draft_publish": ("POST", 422, RULES_WRITE),
    "schedules:api_tokens": ("GET", 200, SIGNED_IN),
    "schedules:api_token_create": ("POST", 422, SIGNED_IN),
    "schedules:api_token_revoke": ("POST", 302, OWN_TOKEN),
    "api:schedule_list": ("GET", 200, API_SIGNED_IN),
    "api:version_detail": ("GET", 200, API_REVIEW_READ),
    "api:version_export": ("GET", 200, API_REVIEW_READ),
    "api:openapi-json": ("GET", 200, PUBLIC),
    # ninja's root, which it needs to build its URLs; there is nothing to see there.
    "api:api-root": ("GET", None, NOWHERE),
}


def _named(patterns: list[URLPattern | URLResolver]) -> Iterator[URLPattern]:
    """Yield the named patterns of ``patterns``, through includes without a namespace."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and not pattern.namespace:
            yield from _named(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern


def project_patterns() -> dict[str, URLPattern]:
    """Return every named URL pattern of the project's apps, by its namespaced name."""
    resolver = get_resolver()
    return {
        f"{namespace}:{pattern.name}": pattern
        for namespace in ("courses", "schedules", "api")
        for pattern in _named(resolver.namespace_dict[namespace][1].url_patterns)
    }


def test_every_url_has_an_entry():
    assert set(project_patterns()) == set(MATRIX)


@pytest.fixture
def world(db):
    """A described, submitted course with a block, an outcome, a dismissal and a rules draft."""
    owner = UserFactory(instructor=True)
    course = CourseFactory(owner=owner)
    outcome = LearningOutcomeFactory(course=course)
    LearnerSegmentFactory(profile__course=course)
    block = ActivityBlockFactory(schedule=course.schedule, live=True, start_time=time(10))
    version = schedule_submit(course=course, by=owner)
    dismissal = FindingDismissalFactory(schedule=course.schedule)
    users = {
        "owner": owner,
        "other_instructor": UserFactory(instructor=True),
        "reviewer": UserFactory(reviewer=True),
        "rule_admin": UserFactory(rule_admin=True),
    }
    ruleset_draft_start(by=users["rule_admin"])
    token = ApiTokenFactory(user=owner)
    feed = CalendarFeedFactory(schedule=course.schedule)
    api_tokens = {role: ApiTokenFactory(user=user).plaintext for role, user in users.items()}
    kwargs = {
        "pk": course.pk,
        "outcome_pk": outcome.pk,
        "block_pk": block.pk,
        "dismissal_pk": dismissal.pk,
        "schedule_pk": course.schedule.pk,
        "version": 1,  # a rule set's version, and the schedule's submitted version
        "row_id": "skills-full-time-local",
        "token_pk": token.pk,
        "schedule_id": course.schedule.pk,
        "fmt": "csv",
        "token": feed.token,
    }
    course.schedule.refresh_from_db()
    assert course.schedule.status == ReviewStatus.SUBMITTED
    assert version.number == 1
    return users, kwargs, api_tokens


def url_for(name: str, kwargs: dict[str, object]) -> str:
    needed = project_patterns()[name].pattern.regex.groupindex
    return reverse(name, kwargs={key: kwargs[key] for key in needed})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(client, world, name, role):
    users, kwargs, api_tokens = world
    method, allowed_status, expected_by_role = MATRIX[name]
    expected = expected_by_role.get(role, "login")
    headers = {}
    if name.startswith("api:"):
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {api_tokens[role]}"
    elif role != "anonymous":
        client.force_login(users[role])
    url = url_for(name, kwargs)
    if method == "GET":
        response = client.get(url, headers=headers)
    else:
        response = client.post(url, {}, headers=headers)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif expected == "ok":
        assert response.status_code == allowed_status
        if allowed_status == 302:
            assert not response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected


GETS = sorted(name for name, (method, _, _) in MATRIX.items() if method == "GET")


@pytest.mark.parametrize("name", GETS)
def test_head_answers_wherever_get_does(client, world, name):
    """RFC 9110: a server answering GET answers HEAD too, with the same status and headers
    and no body (link checkers, caches and calendar clients ask)."""
    users, kwargs, api_tokens = world
    headers = {"Authorization": f"Bearer {api_tokens['owner']}"} if name.startswith("api:") else {}
    client.force_login(users["reviewer" if name == "schedules:review_queue" else "owner"])
    url = url_for(name, kwargs)
    get, head = client.get(url, headers=headers), client.head(url, headers=headers)
    assert head.status_code == get.status_code
    assert head.status_code != 405
    assert head.get("Content-Type") == get.get("Content-Type")
    assert head.content == b""
