"""Every parameter of every URL, fuzzed: crafted input is refused with a sentence, never a 5xx,
and a refusal changes nothing.

For each URL of the access matrix that reads a parameter, hypothesis posts (or gets) the
parameters the view reads, each either a valid value or a hostile one: NUL and other control
characters, unicode digits such as ² (``str.isdigit()`` accepts them, ``int()`` does not),
integers past 64 bits, negative numbers, megabyte strings, LIKE wildcards, right-to-left
overrides, empty. The request is made as the role the URL is for (the owner, a reviewer or a
rule admin) in the access matrix's world. Each example runs in a savepoint rolled back
afterwards, so every example starts from the same world.

Deterministic (``derandomize``): CI runs the same examples every time.
"""

import string
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from courses.models import Course
from schedules.models import FindingDismissal
from tests.factories import UserFactory
from tests.test_access_matrix import MATRIX, project_patterns, url_for
from tests.test_access_matrix import world as world  # the fixture, reused


class Long(str):
    """A long text that shows as its length in a failing example, not as itself."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Long({self[:12]!r} + {len(self) - 12} more characters)"


# Values that broke, or could break, a view or a database somewhere.
CRAFTED = [
    "",
    " ",
    "²",
    "٣",  # an Arabic-Indic three: int() reads it
    "１",  # a full-width one
    "0",
    "-1",
    "1.5",
    "1e309",
    "nan",
    "9" * 20,
    str(2**63),
    str(-(2**63) - 1),
    Long("9" * 5000),  # more digits than int() reads
    "\x00",
    "a\x00b",
    "\x1b[31mred",
    "\x0b\x0c\x7f\x85",
    "line\nbreak\ttab",
    "\u202eevil",
    "\ufffe",
    '{"label": "\\u0000"}',  # JSON's escape of a NUL
    "%_%",
    Long("a" * 1_000_000),
    Long("%" * 100_000),
]

hostile = st.one_of(
    st.sampled_from(CRAFTED),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.text(string.printable + "\x00\x01\x1f²٣", max_size=12),
)

# What each URL reads, with a valid value for each (``{…}`` filled in from the world), and
# the role that may use it. URLs that read nothing but their path are left out.
BLOCK = {
    "title": "Fuzzed block",
    "modality": "self_paced",
    "activity_type": "reading",
    "day": "0",
    "start_time": "",
    "duration_minutes": "30",
    "weeks": "1-2",
    "due_day": "2",
    "gagne_events": "1",
    "delivery": "interactive",
    "recorded": "on",
    "outcomes": "{outcome_pk}",
}
COURSE = {
    "title": "Fuzzed course",
    "code": "FZ 101",
    "discipline": "stem",
    "context": "university",
    "weekly_hours": "6",
    "weeks": "12",
    "start_date": "2026-01-12",
    "cohort_size": "30",
    "timezone": "Europe/London",
    "live_hours_available": "4",
}
ROW = {
    "id": "fuzzed-row",
    "label": "A fuzzed row",
    "priority": "mixed",
    "learner_profile": "hybrid",
    "bandwidths": "low",
    "lab_access": "yes",
    "lms": "",
    "multiple_timezones": "no",
    "live_share": "40",
    "source": "seed 000",
    "note": "",
}
PARAMS: dict[str, tuple[str, str, dict[str, str]]] = {
    "courses:course_new": ("POST", "owner", COURSE),
    "courses:course_edit": ("POST", "owner", COURSE),
    "courses:learners_edit": (
        "POST",
        "owner",
        {
            "kind": "hybrid",
            "bandwidth": "low",
            "devices": "phone",
            "phone_share": "40",
            "lab_access": "on",
            "lms_present": "on",
            "accessibility_needs": "captions",
            "segments-TOTAL_FORMS": "1",
            "segments-INITIAL_FORMS": "0",
            "segments-0-name": "Evening learners",
            "segments-0-head_count": "5",
            "segments-0-timezone": "Pacific/Auckland",
        },
    ),
    "courses:learners_edit#add": (
        "POST",
        "owner",
        {
            "add_segment": "1",
            "kind": "hybrid",
            "segments-TOTAL_FORMS": "1",
            "segments-INITIAL_FORMS": "0",
            "segments-0-name": "Evening learners",
            "segments-0-head_count": "5",
            "segments-0-timezone": "Pacific/Auckland",
        },
    ),
    "courses:co_instructors": ("POST", "owner", {"username": "{other_username}"}),
    "courses:co_instructors#remove": ("POST", "owner", {"remove": "{co_instructor_pk}"}),
    "courses:outcome_list": ("POST", "owner", {"text": "Design a survey", "bloom_level": "create"}),
    "courses:outcome_edit": ("POST", "owner", {"text": "Design a survey", "kind": "mixed"}),
    "courses:outcome_move": ("POST", "owner", {"direction": "down"}),
    "courses:outcome_delete": ("POST", "owner", {"confirm": "yes"}),
    "schedules:editor": ("GET", "owner", {"week": "2"}),
    "schedules:block_new": ("POST", "owner", {**BLOCK, "week": "1"}),
    "schedules:block_edit": (
        "POST",
        "owner",
        {**{f"edit-{name}": value for name, value in BLOCK.items()}, "edit-version": "1"},
    ),
    "schedules:block_duplicate": ("POST", "owner", {"week": "1"}),
    "schedules:block_delete": ("POST", "owner", {"week": "1", "confirm": "yes"}),
    "schedules:sample_week": ("POST", "owner", {"week": "A", "existing": "add"}),
    "schedules:week_copy": (
        "POST",
        "owner",
        {"source": "1", "first": "2", "last": "3", "confirm": ""},
    ),
    "schedules:finding_dismiss": ("GET", "owner", {"key": "", "check": "", "week": "1"}),
    "schedules:finding_dismiss#post": (
        "POST",
        "owner",
        {"key": "", "check": "{check}", "reason": "Not here."},
    ),
    "schedules:finding_restore": ("POST", "owner", {"week": "1"}),
    "schedules:timezones": ("GET", "owner", {"duration": "45", "view": "UTC"}),
    "schedules:slot_apply": ("POST", "owner", {"day": "2", "start": "09:00"}),
    "schedules:submit": (
        "POST",
        "owner",
        {"note": "Week 3 now has a co-facilitator.", "link_evidence": "on"},
    ),
    "schedules:pilot": (
        "POST",
        "owner",
        {"first_week": "1", "last_week": "2", "start_date": "2027-01-11"},
    ),
    "schedules:pilot_move": ("POST", "owner", {"action": "close"}),
    "schedules:pilot_tick": ("POST", "owner", {"action": "tick", "note": "Sent on Monday."}),
    "schedules:retrospective_book": ("POST", "owner", {"on": "2027-01-29"}),
    "schedules:retrospective_notes": ("POST", "owner", {"notes": "Forum quiet on Fridays."}),
    "schedules:decision_add": (
        "POST",
        "owner",
        {"text": "Move the lab to Tuesday", "block": "{block_pk}", "status": "agreed"},
    ),
    "schedules:decision_status": ("POST", "owner", {"status": "done"}),
    "schedules:pilot_revise": ("POST", "owner", {"version": "1"}),
    "schedules:pilot_revise#get": ("GET", "owner", {"applied": "{revision_pk}"}),
    # No file is posted (a string is not one), so every example is refused: the fields are
    # read and checked all the same, and nothing is queued or kept.
    "schedules:pilot_import": (
        "POST",
        "owner",
        {"kind": "moodle_log", "uploader_zone": "Europe/Berlin", "day_order": "day"},
    ),
    "schedules:review_queue": ("GET", "reviewer", {"status": "submitted", "discipline": "stem"}),
    "schedules:review": ("GET", "reviewer", {"version": "1"}),
    "schedules:review_comment": (
        "POST",
        "reviewer",
        {"version": "1", "block": "{block_pk}", "parent": "", "body": "Why here?"},
    ),
    "schedules:review_compare": ("GET", "reviewer", {"a": "1", "b": "1"}),
    "schedules:export_csv": ("GET", "reviewer", {"version": "1"}),
    "schedules:export_json": ("GET", "reviewer", {"version": "1"}),
    "schedules:export_imscc": ("GET", "reviewer", {"version": "1"}),
    "schedules:review_print": ("GET", "reviewer", {"version": "1"}),
    "schedules:calendar_feed_page": ("POST", "owner", {"action": "on"}),
    "schedules:learner_link": ("POST", "owner", {"action": "create"}),
    # The world's version is not approved: tests/schedules/learnerpage/ fuzzes the
    # approved page's parameters.
    "schedules:learner_page": ("GET", "owner", {"tz": "Asia/Tokyo", "dir": "rtl"}),
    "schedules:survey_page": ("POST", "owner", {"opens": "2027-01-04", "closes": "2027-01-10"}),
    "schedules:survey_action": ("POST", "owner", {"action": "close"}),
    "schedules:survey_responses_delete": ("POST", "owner", {"confirm": "yes"}),
    "schedules:survey_apply": ("POST", "owner", {"changes": "bandwidth"}),
    # The learners' form, as a visitor without an account would send it.
    "schedules:survey_answer": (
        "POST",
        "anonymous",
        {
            "timezone": "Asia/Kolkata",
            "availability": "0-9",
            "devices": "phone",
            "connection": "low",
            "needs": "captions",
            "other_need": "Large print",
            "preference": "mix",
            "preference_reason": "Shifts.",
            "comment": "Thanks.",
        },
    ),
    "schedules:review_decide": (
        "POST",
        "reviewer",
        {"version": "1", "decision": "request_changes", "comment": "Fewer lectures."},
    ),
    "schedules:row_add": (
        "POST",
        "rule_admin",
        {f"new-{name}": value for name, value in ROW.items()},
    ),
    "schedules:row_edit": (
        "POST",
        "rule_admin",
        {f"row-{name}": value for name, value in ROW.items()} | {"row-id": "{row_id}"},
    ),
    "schedules:settings_save": (
        "POST",
        "rule_admin",
        {"weight_priority": "1", "weight_learners": "1", "weight_tech": "1"},
    ),
    "schedules:draft_import": ("POST", "rule_admin", {"text": '{"version": 1}'}),
    "schedules:draft_publish": ("POST", "rule_admin", {"note": "Tuned the thresholds."}),
    "schedules:api_token_create": ("POST", "owner", {"name": "Moodle sync"}),
    "api:schedule_list": ("GET", "owner", {"status": "submitted", "discipline": "stem"}),
}

# Refusals: nothing may have changed. (A 302 after a refusal is told apart only by its
# message, so redirects are not checked; 2xx/3xx answers to GET are checked below.)
REFUSALS = {400, 403, 404, 405, 409, 422}


def test_every_url_reading_parameters_is_fuzzed():
    """A URL added to the matrix that reads parameters gets an entry here too: this lists
    those that read none, so a new one is a decision, not an oversight."""
    reads_nothing = {
        "schedules:dashboard",
        "schedules:course_detail",
        "schedules:sample_course_copy",
        "schedules:sources",
        "schedules:recommendation",
        "schedules:notifications",
        "schedules:notification_open",
        "schedules:notifications_read",
        "schedules:export_xlsx",  # the same view as export_csv
        "schedules:export_ics",
        "schedules:feed_qr",
        "schedules:survey_qr",
        "schedules:survey_results",
        "schedules:survey_export",
        "schedules:survey_thanks",
        "schedules:calendar_feed",
        "schedules:export_schema",
        "schedules:rules",
        "schedules:recompute_progress",
        "schedules:ruleset_version",
        "schedules:ruleset_export",
        "schedules:draft_start",
        "schedules:draft_discard",
        "schedules:draft_export",
        "schedules:row_delete",
        "schedules:draft_preview",
        "schedules:preview_progress",
        "schedules:api_tokens",
        "schedules:api_token_revoke",
        "schedules:pilot_delete",  # asks, then deletes: no parameter
        "schedules:pilot_privacy",
        "schedules:pilot_imports_progress",
        "schedules:pilot_evidence",
        "schedules:pilot_revision_undo",  # the edit to undo is in its path
        # Its fields are one per imported activity, and the world's pilot imported none
        # (tests/schedules/pilot/test_mapping.py posts crafted choices).
        "schedules:pilot_mapping",
        "api:version_detail",
        "api:version_export",
        "api:openapi-json",
        "api:api-root",
    }
    fuzzed = {name.partition("#")[0] for name in PARAMS}
    assert fuzzed | reads_nothing == set(MATRIX)
    assert not fuzzed & reads_nothing


def database_state() -> dict[str, list[dict[str, Any]]]:
    """Return every row of the project's tables (and the users), to compare before and after."""
    models = [
        *apps.get_app_config("courses").get_models(),
        *apps.get_app_config("schedules").get_models(include_auto_created=True),
        apps.get_model("auth", "User"),
    ]
    state = {}
    for model in models:
        rows = list(model._default_manager.order_by("pk").values())
        for row in rows:
            row.pop("last_used", None)  # an API token notes its use, refused call or not
            row.pop("last_login", None)
        state[model._meta.label] = rows
    return state


# Tried on every parameter, one at a time, the others valid: a unicode digit, an integer
# past 64 bits, and a NUL in half a megabyte of LIKE wildcards.
KILLERS = ["²", "9" * 20, Long("\x00" + "%" * 500_000)]


def _filled(value: str, world_kwargs: dict[str, Any]) -> str:
    """Return ``value`` with a ``{name}`` of the world's filled in."""
    return str(world_kwargs[value[1:-1]]) if value[1:-1] in world_kwargs else value


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("name", sorted(PARAMS))
def test_crafted_parameters_are_refused_never_a_server_error(world, name):
    users, kwargs, api_tokens = world
    method, role, valid = PARAMS[name]
    name = name.partition("#")[0]
    co_instructor = UserFactory(instructor=True)
    Course.objects.get(pk=kwargs["pk"]).co_instructors.add(co_instructor)
    world_kwargs = {
        **kwargs,
        "other_username": users["other_instructor"].username,
        "co_instructor_pk": co_instructor.pk,
        "check": FindingDismissal.objects.get(pk=kwargs["dismissal_pk"]).check_id,
    }
    defaults = {param: _filled(value, world_kwargs) for param, value in valid.items()}
    client = Client()
    headers = {}
    if name.startswith("api:"):
        headers["Authorization"] = f"Bearer {api_tokens[role]}"
        client.get(url_for(name, kwargs), headers=headers)  # notes the token's first use
    elif role != "anonymous":
        client.force_login(users[role])
    url = url_for(name, kwargs)
    # Each parameter valid or hostile: one at a time and several at once.
    parameters = st.fixed_dictionaries(
        {param: st.one_of(st.just(value), hostile) for param, value in defaults.items()}
    )

    @settings(
        max_examples=5,
        deadline=None,
        derandomize=True,
        database=None,
        # The world is built once for the test; each example rolls back what it did.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=parameters)
    def check(data: dict[str, str]) -> None:
        with transaction.atomic():
            before = database_state()
            if method == "GET":
                response = client.get(url, data, headers=headers)
            else:
                response = client.post(url, data, headers=headers)
            assert response.status_code < 500, response.content[:500]
            if response.status_code in REFUSALS or method == "GET":
                assert database_state() == before
            transaction.set_rollback(True)

    for param in defaults:
        for killer in KILLERS:
            check = example(data={**defaults, param: killer})(check)
    check()


# Path parameters: an id past 64 bits, one with more digits than int() reads, a long slug.
HUGE_PATH_VALUES = {int: ["9" * 20, "9" * 5000], str: ["a" * 5000]}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_huge_ids_in_paths_are_not_found_never_a_server_error(client, world, name):
    users, kwargs, api_tokens = world
    if name == "api:api-root":
        return
    client.force_login(users["owner"])
    headers = {"Authorization": f"Bearer {api_tokens['owner']}"}
    pattern = project_patterns()[name].pattern
    names = list(pattern.regex.groupindex)
    for param in names:
        kind = int if isinstance(kwargs[param], int) else str
        for value in HUGE_PATH_VALUES[kind]:
            try:
                url = reverse(name, kwargs={key: kwargs[key] for key in names} | {param: value})
            except NoReverseMatch:  # the pattern itself refuses it: nothing to request
                continue
            response = client.get(url, headers=headers)
            assert response.status_code in {400, 403, 404, 405, 422}, (param, response.status_code)
