"""Every URL of the project, as each kind of user: the access matrix.

A new URL without an entry in ``MATRIX`` fails ``test_every_url_has_an_entry``, so access
is decided, and tested, for each page and fragment as it is added. Each URL is sent every
method it accepts (a method left out must be refused with 405), as a page and as an htmx
request (``HX-Request: true``), by seven roles: the cells are generated from ``MATRIX``.
Whatever answers htmx with a fragment varies on ``HX-Request``; a history restore gets the
whole page; no page request ever gets a bare fragment. "ok" means the request
got through the permission check and got the answer the entry names for that URL: 200 for a
page, 302 for a redirect after an action, 422 for the refusal of the empty form posted here;
"login" a redirect to sign in; 401, 403 and 404 are refusals.

The JSON API (namespace ``api``) is called with each role's API token instead of a
session; "anonymous" there means no token, which gets 401 (the OpenAPI description is
public).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from schedules.models import Notification, ReviewStatus
from schedules.reviews.services import schedule_submit
from schedules.rulesets.services import ruleset_draft_start
from tests.factories import (
    ActivityBlockFactory,
    ApiTokenFactory,
    CalendarFeedFactory,
    CourseFactory,
    FindingDismissalFactory,
    LearnerPageFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    PilotDecisionFactory,
    PilotFactory,
    PilotRevisionFactory,
    SurveyFactory,
    UserFactory,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

ROLES = (
    "anonymous",
    "owner",
    "co_instructor",
    "other_instructor",
    "reviewer",
    "rule_admin",
    "superuser",
)
KINDS = ("page", "htmx")  # htmx: with ``HX-Request: true``

Access = dict[str, str | int]

# Who may do what, by kind of URL: {role: outcome}; a role left out is sent to sign in.
SIGNED_IN: Access = {role: "ok" for role in ROLES if role != "anonymous"}
COURSE: Access = {
    "owner": "ok",
    "co_instructor": "ok",
    "other_instructor": 404,
    "reviewer": 404,
    "rule_admin": 404,
    "superuser": "ok",  # sees every course
}
# Who teaches the course: only its owner changes who does.
COURSE_OWNER: Access = {**COURSE, "co_instructor": 403, "superuser": 403}
INSTRUCTORS: Access = {**SIGNED_IN, "reviewer": 403, "rule_admin": 403}
REVIEW_READ: Access = {**COURSE, "reviewer": "ok"}
# Nobody decides on a schedule they teach (separation of duties), reviewer or not.
REVIEW_DECIDE: Access = {**REVIEW_READ, "owner": 403, "co_instructor": 403}
QUEUE: Access = {**{role: 403 for role in SIGNED_IN}, "reviewer": "ok", "superuser": "ok"}
RULES_WRITE: Access = {**{role: 403 for role in SIGNED_IN}, "rule_admin": "ok", "superuser": "ok"}
OWN_TOKEN: Access = {**{role: 404 for role in SIGNED_IN}, "owner": "ok"}
OWN_NOTIFICATION: Access = OWN_TOKEN
API_SIGNED_IN: Access = {"anonymous": 401, **SIGNED_IN}
API_REVIEW_READ: Access = {"anonymous": 401, **REVIEW_READ}
PUBLIC: Access = {role: "ok" for role in ROLES}
NOWHERE: Access = {role: 404 for role in ROLES}


@dataclass(frozen=True)
class Entry:
    """Who may use a URL, and the status each method it accepts answers them ("ok").

    ``get`` and ``post`` are the statuses as a page; ``htmx_get`` and ``htmx_post`` where
    htmx gets another (a fragment, 200, instead of a redirect). ``post_access`` and
    ``htmx_access`` where a POST, or a fragment, is for fewer people than the page.
    ``fragment``: the view answers htmx with a fragment of its page, so its answers vary on
    ``HX-Request`` and a history restore gets the page.
    """

    access: Access
    get: int | None = None
    post: int | None = None
    htmx_get: int | None = None
    htmx_post: int | None = None
    post_access: Access | None = None
    htmx_access: Access | None = None
    fragment: bool = False

    def methods(self) -> list[str]:
        return [method for method in ("GET", "POST") if self.status(method, "page") is not None]

    def status(self, method: str, kind: str) -> int | None:
        page = self.get if method == "GET" else self.post
        htmx = self.htmx_get if method == "GET" else self.htmx_post
        return htmx if kind == "htmx" and htmx is not None else page

    def expected(self, method: str, kind: str, role: str) -> str | int:
        access = self.access
        if method == "POST" and self.post_access is not None:
            access = self.post_access
        if kind == "htmx" and self.htmx_access is not None:
            access = self.htmx_access
        return access.get(role, "login")


# Each URL: its Entry. GET and POST are posted empty ({}), so a form answers its refusal.
MATRIX: dict[str, Entry] = {
    # A reviewer who teaches nothing is sent on to the review queue.
    "schedules:dashboard": Entry({**SIGNED_IN, "reviewer": 302}, get=200),
    "courses:course_new": Entry(INSTRUCTORS, get=200, post=200),
    "schedules:course_detail": Entry(COURSE, get=200),
    "schedules:sample_course_copy": Entry(INSTRUCTORS, post=302),
    "schedules:sources": Entry(PUBLIC, get=200),
    "courses:course_edit": Entry(COURSE, get=200, post=200),
    "courses:learners_edit": Entry(COURSE, get=200, post=422),
    "courses:co_instructors": Entry(COURSE, get=200, post=422, post_access=COURSE_OWNER),
    "courses:outcome_list": Entry(COURSE, get=200, post=422, fragment=True),
    "courses:outcome_edit": Entry(COURSE, get=200, post=422, fragment=True),
    "courses:outcome_delete": Entry(COURSE, post=200, fragment=True),  # asks first
    "courses:outcome_move": Entry(COURSE, post=422, fragment=True),
    "schedules:recommendation": Entry(COURSE, get=200, fragment=True),
    "schedules:editor": Entry(COURSE, get=200, fragment=True),
    "schedules:block_new": Entry(COURSE, get=200, post=422, fragment=True),
    "schedules:block_edit": Entry(COURSE, get=200, post=422, fragment=True),
    "schedules:block_duplicate": Entry(COURSE, post=302, htmx_post=200, fragment=True),
    "schedules:block_delete": Entry(COURSE, post=200, fragment=True),  # asks first
    "schedules:sample_week": Entry(COURSE, post=422, fragment=True),
    "schedules:week_copy": Entry(COURSE, post=422, fragment=True),
    # An empty POST names no finding: refused with 400 before anything changes.
    "schedules:finding_dismiss": Entry(COURSE, get=200, post=400, fragment=True),
    "schedules:finding_restore": Entry(COURSE, post=302, htmx_post=200, fragment=True),
    "schedules:timezones": Entry(COURSE, get=200),
    "schedules:slot_apply": Entry(COURSE, post=422),
    # The pilot, for the course's instructors; the world's pilot is under review. Empty posts
    # name no action, item or status (400), or leave a form's required field empty (422).
    "schedules:pilot": Entry(COURSE, get=200, post=422),
    "schedules:pilot_move": Entry(COURSE, post=400),
    "schedules:pilot_tick": Entry(COURSE, post=400),
    "schedules:retrospective_book": Entry(COURSE, post=422),
    "schedules:retrospective_notes": Entry(COURSE, post=302),  # empty notes are notes
    "schedules:decision_add": Entry(COURSE, post=422),
    "schedules:decision_status": Entry(COURSE, post=400),
    "schedules:pilot_delete": Entry(COURSE, get=200, post=302),  # asks first (GET)
    # Imports: an empty post has no file (422); the imports' progress is a polled fragment.
    "schedules:pilot_import": Entry(COURSE, post=422, fragment=True),
    "schedules:pilot_imports_progress": Entry(COURSE, get=200, fragment=True),
    # An empty post confirms the mapping of no activity (the world's pilot imported none).
    "schedules:pilot_mapping": Entry(COURSE, get=200, post=302),
    "schedules:pilot_evidence": Entry(COURSE, get=200, fragment=True),  # ?zone= swaps the heatmap
    # A suggested edit (the world's pilot suggests none, so the page says so); an empty post
    # names no block version: refused with 400 before anything changes.
    "schedules:pilot_revise": Entry(COURSE, get=200, post=400, fragment=True),
    # Undoing the world's applied edit: back to the page, or its region for htmx.
    "schedules:pilot_revision_undo": Entry(COURSE, post=302, htmx_post=200, fragment=True),
    # What pilot data is kept: public, like the Sources page, so learners can be sent to it.
    "schedules:pilot_privacy": Entry(PUBLIC, get=200),
    "schedules:submit": Entry(COURSE, get=200, post=302),
    "schedules:notifications": Entry(SIGNED_IN, get=200),
    "schedules:notification_open": Entry(OWN_NOTIFICATION, post=302),
    "schedules:notifications_read": Entry(SIGNED_IN, post=302),
    "schedules:review_queue": Entry(QUEUE, get=200),
    "schedules:review": Entry(REVIEW_READ, get=200),
    "schedules:review_comment": Entry(REVIEW_READ, post=422),
    "schedules:review_compare": Entry(REVIEW_READ, get=302),
    "schedules:export_csv": Entry(REVIEW_READ, get=200),
    "schedules:export_xlsx": Entry(REVIEW_READ, get=200),
    "schedules:export_json": Entry(REVIEW_READ, get=200),
    "schedules:export_ics": Entry(REVIEW_READ, get=200),
    "schedules:export_imscc": Entry(REVIEW_READ, get=200),
    "schedules:review_print": Entry(REVIEW_READ, get=200),
    # An empty POST names no action: refused with 400 before anything changes.
    "schedules:calendar_feed_page": Entry(COURSE, get=200, post=400),
    "schedules:feed_qr": Entry(COURSE, get=200),
    # The address calendars poll: no sign-in, the token is the key. The world's version is
    # submitted, not approved, so it answers 404 with the reason (test_feed.py has its 200).
    "schedules:calendar_feed": Entry(PUBLIC, get=404),
    "schedules:export_schema": Entry(PUBLIC, get=200),
    # The learners' link, managed by the course's instructors; an empty POST names no action.
    "schedules:learner_link": Entry(COURSE, get=200, post=400),
    # The learners' page: no sign-in, the token is the key. The world's version waits for
    # review, so the page says it is not published yet (test_learner_page.py has the rest).
    "schedules:learner_page": Entry(PUBLIC, get=200),
    # The learners' survey: the course's instructors manage it and read the answers; an
    # empty POST to the action names none (400); deleting the answers asks first (200).
    "schedules:survey_page": Entry(COURSE, get=200, post=422),
    "schedules:survey_action": Entry(COURSE, post=400),
    "schedules:survey_qr": Entry(COURSE, get=200),
    "schedules:survey_results": Entry(COURSE, get=200),
    "schedules:survey_export": Entry(COURSE, get=200),
    "schedules:survey_responses_delete": Entry(COURSE, get=200, post=200),
    "schedules:survey_apply": Entry(COURSE, get=200, post=422),
    # The learners' form: no sign-in, the address is the key; an empty answer is refused.
    "schedules:survey_answer": Entry(PUBLIC, get=200, post=422),
    "schedules:survey_thanks": Entry(PUBLIC, get=200),
    "schedules:review_decide": Entry(REVIEW_DECIDE, post=422),
    # The published rules are for everyone signed in; the draft fragment for rule admins.
    "schedules:rules": Entry(SIGNED_IN, get=200, htmx_access=RULES_WRITE, fragment=True),
    # How far the worker is with moving courses to the published rules: rule admins only.
    "schedules:recompute_progress": Entry(RULES_WRITE, get=200, fragment=True),
    "schedules:ruleset_version": Entry(SIGNED_IN, get=200),
    "schedules:ruleset_export": Entry(SIGNED_IN, get=200),
    "schedules:draft_start": Entry(RULES_WRITE, post=302, htmx_post=200, fragment=True),
    "schedules:draft_discard": Entry(RULES_WRITE, post=302, htmx_post=200, fragment=True),
    "schedules:draft_export": Entry(RULES_WRITE, get=200),
    "schedules:draft_import": Entry(RULES_WRITE, post=422, fragment=True),
    "schedules:row_add": Entry(RULES_WRITE, post=422, fragment=True),
    "schedules:row_edit": Entry(RULES_WRITE, get=200, post=422, fragment=True),
    "schedules:row_delete": Entry(RULES_WRITE, post=302, htmx_post=200, fragment=True),
    "schedules:settings_save": Entry(RULES_WRITE, post=422, fragment=True),
    # Asking the worker for the draft's impact preview, then its progress and result.
    "schedules:draft_preview": Entry(RULES_WRITE, post=302, htmx_post=200, fragment=True),
    "schedules:preview_progress": Entry(RULES_WRITE, get=200, fragment=True),
    "schedules:draft_publish": Entry(RULES_WRITE, post=422, fragment=True),
    "schedules:api_tokens": Entry(SIGNED_IN, get=200),
    "schedules:api_token_create": Entry(SIGNED_IN, post=422),
    "schedules:api_token_revoke": Entry(OWN_TOKEN, get=200, post=302),
    "api:schedule_list": Entry(API_SIGNED_IN, get=200),
    "api:version_detail": Entry(API_REVIEW_READ, get=200),
    "api:version_export": Entry(API_REVIEW_READ, get=200),
    # ninja's own views answer any method: the OpenAPI description is public and read-only,
    # and ninja's root, which it needs to build its URLs, has nothing to see.
    "api:openapi-json": Entry(PUBLIC, get=200, post=200),
    "api:api-root": Entry(NOWHERE, get=404, post=404),
}

CELLS = [
    pytest.param(name, method, kind, role, id=f"{name}-{method}-{kind}-{role}")
    for name, entry in sorted(MATRIX.items())
    for method in entry.methods()
    for kind in KINDS
    for role in ROLES
]


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
    """A described, submitted course with a block, an outcome, a dismissal, a rules draft and
    a pilot under review with a decision and an edit applied from its evidence."""
    owner = UserFactory(instructor=True)
    course = CourseFactory(owner=owner)
    outcome = LearningOutcomeFactory(course=course)
    LearnerSegmentFactory(profile__course=course)
    block = ActivityBlockFactory(schedule=course.schedule, live=True, start_time=time(10))
    version = schedule_submit(course=course, by=owner)
    dismissal = FindingDismissalFactory(schedule=course.schedule)
    users = {
        "owner": owner,
        "co_instructor": UserFactory(instructor=True),
        "other_instructor": UserFactory(instructor=True),
        "reviewer": UserFactory(reviewer=True),
        "rule_admin": UserFactory(rule_admin=True),
        "superuser": UserFactory(is_superuser=True),
    }
    course.co_instructors.add(users["co_instructor"])
    ruleset_draft_start(by=users["rule_admin"])
    token = ApiTokenFactory(user=owner)
    feed = CalendarFeedFactory(schedule=course.schedule)
    learner_page = LearnerPageFactory(schedule=course.schedule)
    # Open whatever day the tests run: from long before to long after.
    survey = SurveyFactory(course=course, opens=date(2000, 1, 1), closes=date(2999, 12, 31))
    notification = Notification.objects.create(
        recipient=owner, kind="approved", schedule=course.schedule, version=version, text="Hi."
    )
    api_tokens = {role: ApiTokenFactory(user=user).plaintext for role, user in users.items()}
    pilot = PilotFactory(schedule=course.schedule, reviewing=True)
    decision = PilotDecisionFactory(pilot=pilot)
    revision = PilotRevisionFactory(pilot=pilot, block=block)
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
        "page_token": learner_page.token,
        "notification_pk": notification.pk,
        "item": "access-survey",
        "decision_pk": decision.pk,
        "revision_pk": revision.pk,
        "survey_pk": survey.pk,
        "survey_token": survey.token,
    }
    course.schedule.refresh_from_db()
    assert course.schedule.status == ReviewStatus.SUBMITTED
    assert version.number == 1
    return users, kwargs, api_tokens


def url_for(name: str, kwargs: dict[str, object]) -> str:
    needed = project_patterns()[name].pattern.regex.groupindex
    return reverse(name, kwargs={key: kwargs[key] for key in needed})


def send(client: Client, world, name: str, method: str, kind: str, role: str) -> "Response":
    """Send ``method`` to URL ``name`` as ``role``, as a page or as htmx (``kind``)."""
    users, kwargs, api_tokens = world
    headers = {"HX-Request": "true"} if kind == "htmx" else {}
    if name.startswith("api:"):
        if role != "anonymous":
            headers["Authorization"] = f"Bearer {api_tokens[role]}"
    elif role != "anonymous":
        client.force_login(users[role])
    url = url_for(name, kwargs)
    if method == "POST":
        return client.post(url, {}, headers=headers)
    return client.generic(method, url, headers=headers)


def is_fragment(response: "Response") -> bool:
    """Return whether ``response`` is HTML short of a whole page."""
    html = response.get("Content-Type", "").startswith("text/html")
    return html and bool(response.content) and b"<html" not in response.content


@pytest.mark.parametrize(("name", "method", "kind", "role"), CELLS)
def test_access(client, world, name, method, kind, role):
    entry = MATRIX[name]
    expected = entry.expected(method, kind, role)
    response = send(client, world, name, method, kind, role)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif expected == "ok":
        assert response.status_code == entry.status(method, kind)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("login"))
        if entry.fragment:
            # A cache must not serve the fragment for the page, nor the page for the fragment.
            assert "HX-Request" in response.get("Vary", "")
    else:
        assert response.status_code == expected
    if is_fragment(response):
        assert kind == "htmx", "a page request got a bare fragment"
        assert "HX-Request" in response.get("Vary", "")
        if response.status_code != 400:  # 400: the refusal of a parameter, for any view
            assert entry.fragment, f"{name} answers htmx with a fragment: mark it fragment=True"


@pytest.mark.parametrize(
    ("name", "method"),
    [
        (name, method)
        for name, entry in sorted(MATRIX.items())
        for method in ("GET", "POST")
        if method not in entry.methods()
    ],
)
def test_the_matrix_lists_every_method_a_url_accepts(client, world, name, method):
    """A method left out of an entry is one the view refuses (405), so none goes untested."""
    assert send(client, world, name, method, "page", "superuser").status_code == 405


FRAGMENT_GETS = sorted(name for name, entry in MATRIX.items() if entry.fragment and entry.get)


def allowed_role(entry: Entry, kind: str = "htmx") -> str:
    """Return the first role that ``entry`` lets through as ``kind``."""
    return next(role for role in ROLES if entry.expected("GET", kind, role) == "ok")


@pytest.mark.parametrize("name", FRAGMENT_GETS)
def test_a_history_restore_gets_the_whole_page(client, world, name):
    """htmx's Back after its history cache missed sends HX-Request and
    HX-History-Restore-Request, and puts the answer in place of the whole page."""
    entry = MATRIX[name]
    role = allowed_role(entry)
    users, kwargs, _ = world
    client.force_login(users[role])
    url = url_for(name, kwargs)
    fragment = client.get(url, headers={"HX-Request": "true"})
    restored = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    page = client.get(url)
    assert is_fragment(fragment)
    assert restored.status_code == page.status_code == entry.get
    assert b"<html" in restored.content
    assert "HX-Request" in restored["Vary"]


GETS = sorted(name for name, entry in MATRIX.items() if entry.get is not None)


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
