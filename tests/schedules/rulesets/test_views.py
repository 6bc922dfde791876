"""The Rules pages: who may read and edit, and what a rule admin can do with a draft."""

import json
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from schedules.models import RuleSet
from schedules.rules.spec import load_default_ruleset
from schedules.rulesets.selectors import (
    RuleSetAlreadyPublishedError,
    draft_ruleset,
    published_ruleset,
)
from schedules.rulesets.services import ruleset_draft_start, ruleset_publish
from tests.factories import (
    CourseFactory,
    LearnerSegmentFactory,
    LearningOutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def admin(client):
    user = UserFactory(rule_admin=True)
    client.force_login(user)
    return user


def start_draft(client) -> RuleSet:
    client.post(reverse("schedules:draft_start"))
    return RuleSet.objects.get(status="draft")


def row_post(**overrides):
    data = {
        "new-id": "vocational-clinic",
        "new-label": "Vocational clinic",
        "new-priority": "mixed",
        "new-learner_profile": "hybrid",
        "new-bandwidths": ["variable"],
        "new-lab_access": "no",
        "new-lms": "yes",
        "new-multiple_timezones": "",
        "new-live_share": "40",
        "new-source": "A pilot at our college, 2027",
        "new-note": "",
    }
    return {**data, **{f"new-{key}": value for key, value in overrides.items()}}


def test_the_published_default_is_seed_000s_matrix_as_v1(client):
    client.force_login(UserFactory(instructor=True))
    html = client.get(reverse("schedules:rules")).content.decode()
    assert "Rules v1" in html
    for share in ("70%", "30%", "50%"):
        assert share in html
    assert published_ruleset().spec == load_default_ruleset().model_dump(mode="json")


def test_an_instructor_can_read_the_rules_but_not_change_them(client):
    client.force_login(UserFactory(instructor=True))
    assert "Start a draft" not in client.get(reverse("schedules:rules")).content.decode()
    assert client.post(reverse("schedules:draft_start")).status_code == 403
    assert not RuleSet.objects.filter(status="draft").exists()


@pytest.mark.parametrize("role", ["instructor", "reviewer"])
def test_the_draft_fragment_is_refused_to_everyone_but_rule_admins(client, role):
    """Asked for alone (as htmx does), the draft was once sent to anyone signed in."""
    ruleset_draft_start(by=UserFactory(rule_admin=True))
    client.force_login(UserFactory(**{role: True}))
    response = client.get(reverse("schedules:rules"), headers={"HX-Request": "true"})
    assert response.status_code == 403
    html = response.content.decode()
    for draft_only in ('id="rules-draft"', "Save settings", "Import into the draft", "Publish as"):
        assert draft_only not in html


def test_an_instructor_restoring_history_gets_the_whole_page_without_the_draft(client):
    ruleset_draft_start(by=UserFactory(rule_admin=True))
    client.force_login(UserFactory(instructor=True))
    response = client.get(
        reverse("schedules:rules"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "Published:" in html
    assert 'id="rules-draft"' not in html


def test_a_rule_admin_gets_the_draft_fragment_alone_and_the_page_on_history_restore(client, admin):
    start_draft(client)
    fragment = client.get(reverse("schedules:rules"), headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "Save settings" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    restored = client.get(
        reverse("schedules:rules"),
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restored.content.decode()
    assert "Save settings" in restored.content.decode()
    for response in (fragment, restored, client.get(reverse("schedules:rules"))):
        assert "HX-Request" in response["Vary"]


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(reverse("schedules:rules")).status_code == 302


def test_a_rule_admin_adds_a_row_to_the_draft(client, admin):
    draft = start_draft(client)
    response = client.post(reverse("schedules:row_add"), row_post(), **HTMX)
    draft.refresh_from_db()
    assert response.status_code == 200
    assert "Row “Vocational clinic” added." in response.content.decode()
    assert draft.spec["matrix"][-1]["live_share"] == 40
    assert published_ruleset().spec == load_default_ruleset().model_dump(mode="json")


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"live_share": "120"}, "live_share"),
        ({"id": "skills-full-time-local"}, "skills-full-time-local"),
        (
            {
                "priority": "interactive_skill_mastery",
                "learner_profile": "full_time_local",
                "bandwidths": ["reliable"],
                "lab_access": "yes",
                "lms": "",
                "id": "copy",
            },
            "same",
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_problem_and_the_draft_is_unchanged(
    client, admin, overrides, problem
):
    draft = start_draft(client)
    before = draft.spec
    response = client.post(reverse("schedules:row_add"), row_post(**overrides), **HTMX)
    draft.refresh_from_db()
    assert response.status_code == 422
    assert "The change was refused" in response.content.decode()
    assert problem in response.content.decode()
    assert draft.spec == before


def test_an_unknown_profile_in_an_import_is_refused_naming_it(client, admin):
    spec = load_default_ruleset().model_dump(mode="json")
    spec["matrix"][0]["learner_profile"] = "astronauts"
    response = client.post(reverse("schedules:draft_import"), {"text": json.dumps(spec)}, **HTMX)
    assert response.status_code == 422
    assert "astronauts" in response.content.decode()
    assert not RuleSet.objects.filter(status="draft").exists()


def test_malformed_json_is_refused_with_a_message(client, admin):
    response = client.post(reverse("schedules:draft_import"), {"text": "{not json"}, **HTMX)
    assert response.status_code == 422
    assert "The rule set was refused" in response.content.decode()


def test_a_valid_import_replaces_the_draft(client, admin):
    spec = load_default_ruleset().model_dump(mode="json")
    spec["matrix"][0]["live_share"] = 75
    client.post(reverse("schedules:draft_import"), {"text": json.dumps(spec)})
    assert RuleSet.objects.get(status="draft").spec["matrix"][0]["live_share"] == 75


def test_the_draft_exports_as_json_that_imports_again(client, admin):
    start_draft(client)
    client.post(reverse("schedules:row_add"), row_post())
    exported = client.get(reverse("schedules:draft_export"))
    assert exported["Content-Disposition"].endswith('"blendplan-rules-draft.json"')
    assert json.loads(exported.content)["matrix"][-1]["id"] == "vocational-clinic"
    client.post(reverse("schedules:draft_discard"))
    assert not RuleSet.objects.filter(status="draft").exists()

    response = client.post(reverse("schedules:draft_import"), {"text": exported.content.decode()})

    assert response.status_code == 302
    assert RuleSet.objects.get(status="draft").spec == json.loads(exported.content)


def described_course(**course_fields):
    course = CourseFactory(**course_fields)
    LearningOutcomeFactory(course=course)
    LearnerSegmentFactory(profile__course=course)
    from schedules.recommendations.services import recommendation_refresh

    recommendation_refresh(course=course)
    return course


def test_the_impact_preview_lists_courses_whose_share_would_change(
    client, admin, django_capture_on_commit_callbacks
):
    """The worker works it out (at once in tests) and the Rules page shows it."""
    course = described_course(title="Organic Chemistry")
    course.schedule.refresh_from_db()
    assert course.schedule.recommended_live_share == 70  # fits seed 000's row 1 fully
    start_draft(client)
    client.post(
        reverse("schedules:row_edit", args=["skills-full-time-local"]),
        {
            f"row-{k.removeprefix('new-')}": v
            for k, v in row_post(
                id="skills-full-time-local",
                label="Skills",
                priority="interactive_skill_mastery",
                learner_profile="full_time_local",
                bandwidths=["reliable"],
                lab_access="yes",
                lms="",
                live_share="80",
            ).items()
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schedules:draft_preview"))
    html = client.get(reverse("schedules:rules")).content.decode()
    assert "Organic Chemistry" in html
    assert "+10 points" in html


def test_publishing_numbers_the_version_keeps_the_old_one_and_updates_recommendations(
    client, admin, django_capture_on_commit_callbacks
):
    """The recomputing is queued once publishing commits; tasks run at once in tests."""
    course = described_course()
    before = course.schedule.recommended_live_share
    draft = start_draft(client)
    spec = dict(draft.spec)
    spec["matrix"] = [dict(row) for row in spec["matrix"]]
    spec["matrix"][0]["live_share"] = 80
    client.post(reverse("schedules:draft_import"), {"text": json.dumps(spec)})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schedules:draft_publish"), {"note": "Pilot results"})
    assert response.status_code == 302
    v2 = RuleSet.objects.get(status="published")
    assert (v2.version, v2.published_by, v2.note) == (2, admin, "Pilot results")
    assert RuleSet.objects.get(version=1).status == "retired"
    course.schedule.refresh_from_db()
    assert course.schedule.recommended_live_share == 80
    assert course.schedule.rules_version == 2
    assert course.schedule.recommendation["updated_by_rules"] == 2
    # The course's page says what the new rules changed, not only that they did.
    client.force_login(course.owner)
    html = client.get(reverse("schedules:course_detail", args=[course.pk])).content.decode()
    assert f"Updated by rules v2: {before}% → 80%" in html


def test_publishing_needs_a_note(client, admin):
    start_draft(client)
    response = client.post(reverse("schedules:draft_publish"), {"note": ""})
    assert response.status_code == 422
    assert RuleSet.objects.get(status="published").version == 1


def test_an_old_version_stays_readable(client, admin):
    published_ruleset()
    client.force_login(UserFactory(instructor=True))
    assert client.get(reverse("schedules:ruleset_version", args=[1])).status_code == 200
    assert client.get(reverse("schedules:ruleset_version", args=[9])).status_code == 404


def test_a_second_click_on_publish_says_it_is_published_and_publishes_once(client, admin):
    draft = start_draft(client)
    data = {"note": "Pilot results", "draft": draft.pk}
    assert client.post(reverse("schedules:draft_publish"), data).status_code == 302
    again = client.post(reverse("schedules:draft_publish"), data, follow=True)
    assert again.status_code == 200
    assert "Rules v2 are published." in again.content.decode()
    assert list(RuleSet.objects.filter(status="published").values_list("version", flat=True)) == [2]
    assert RuleSet.objects.filter(status="draft").count() == 0


def test_two_publishes_of_one_draft_at_once_publish_it_once(admin):
    """The race a double click makes: both requests read the draft before either commits."""
    ruleset_draft_start(by=admin)
    first_read, second_read = draft_ruleset(), draft_ruleset()
    assert first_read is not None
    assert second_read is not None
    ruleset_publish(draft=first_read, by=admin, note="First")
    with pytest.raises(RuleSetAlreadyPublishedError) as already:
        ruleset_publish(draft=second_read, by=admin, note="Second")
    assert already.value.ruleset.pk == first_read.pk
    assert RuleSet.objects.filter(status="published").get().note == "First"


@pytest.mark.parametrize("escape", ["\\u0000", "\\u001b", "\\u0085"])
def test_an_import_writing_a_control_character_as_a_json_escape_is_refused(client, admin, escape):
    """A NUL written as \\u0000 passed the form and was a server error on PostgreSQL (jsonb
    holds no NUL); the others would reach exports."""
    text = json.dumps(load_default_ruleset().model_dump(mode="json"))
    text = text.replace('"label": "', f'"label": "{escape}', 1)
    response = client.post(reverse("schedules:draft_import"), {"text": text}, **HTMX)
    assert response.status_code == 422
    assert f"invisible control character ({escape})" in response.content.decode()
    assert not RuleSet.objects.filter(status="draft").exists()


def test_a_rule_set_stored_before_the_monotony_severities_gets_their_defaults_by_migration(
    client, admin
):
    # A published version saved before the two monotony thresholds existed.
    spec = load_default_ruleset().model_dump(mode="json")
    for name in ("monotony_warning_share", "monotony_problem_share"):
        del spec["thresholds"][name]
        del spec["thresholds"]["notes"][name]
    published = published_ruleset()
    RuleSet.objects.filter(pk=published.pk).update(spec=spec)

    migration = import_module("schedules.migrations.0020_rulesets_monotony_severities")
    migration.add_monotony_severities(apps, None)

    published.refresh_from_db()
    assert published.spec == load_default_ruleset().model_dump(mode="json")
    start_draft(client)
    html = client.get(reverse("schedules:rules")).content.decode()

    assert "Monotony is a warning from this share of one activity type" in html
    assert 'name="monotony_warning_share" value="0.75"' in html
    assert 'name="monotony_problem_share" value="0.95"' in html


def settings_post(draft: RuleSet, **overrides: str) -> dict[str, str]:
    """Return the settings form as the draft fills it, with ``overrides`` typed in."""
    from schedules.rulesets.forms import SettingsForm

    initial = SettingsForm.from_spec(draft.spec).initial
    return {**{name: str(value) for name, value in initial.items()}, **overrides}


def test_a_refused_setting_is_named_beside_its_field_and_everything_typed_is_kept(client, admin):
    draft = start_draft(client)
    data = settings_post(draft, co_facilitator_group_size="0", weight_priority="0.5")
    response = client.post(reverse("schedules:settings_save"), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 422
    assert "The settings were refused; the draft is as it was." in html
    # Beside the field, without the rule set's path ("thresholds.co_facilitator_group_size").
    assert 'id="id_co_facilitator_group_size_error"' in html
    assert "Must be at least 1 (got 0)." in html
    assert "thresholds." not in html
    assert 'aria-invalid="true"' in html
    assert 'name="weight_priority" value="0.5"' in html  # the valid change is kept
    draft.refresh_from_db()
    assert draft.spec["thresholds"]["co_facilitator_group_size"] == 20  # unchanged


def test_a_version_says_what_changed_from_the_one_before(client, admin):
    draft = start_draft(client)
    data = settings_post(draft, co_facilitator_group_size="12", weight_priority="0.5")
    assert client.post(reverse("schedules:settings_save"), data).status_code == 302
    client.post(reverse("schedules:draft_publish"), {"note": "Smaller groups"})
    html = client.get(reverse("schedules:ruleset_version", args=[2])).content.decode()
    assert "What changed from" in html
    assert "Weight: outcomes: 1 → 0.5" in html
    assert "Live group size needing a co-facilitator: 20 → 12" in html
    assert (
        "What changed from"
        not in client.get(reverse("schedules:ruleset_version", args=[1])).content.decode()
    )


def test_a_rule_set_stored_before_the_outcome_need_share_gets_it_and_new_notes_by_migration(
    client, admin
):
    # A published version saved before the share existed.
    spec = load_default_ruleset().model_dump(mode="json")
    del spec["factor_sizes"]["outcome_need_share"]
    del spec["factor_sizes"]["notes"]["outcome_need_share"]
    migration = import_module("schedules.migrations.0022_rulesets_outcome_need_share")
    for name, (before, _) in migration.NOTES_NOW.items():  # the notes as shipped then
        spec["factor_sizes"]["notes"][name] = before
    published = published_ruleset()
    RuleSet.objects.filter(pk=published.pk).update(spec=spec)

    migration.add_outcome_need_share(apps, None)

    published.refresh_from_db()
    assert published.spec == load_default_ruleset().model_dump(mode="json")
    start_draft(client)
    html = client.get(reverse("schedules:rules")).content.decode()
    assert "Live pull that needs outcomes asking for it" in html
    assert 'name="outcome_need_share" value="1' in html


def test_an_admin_tunes_the_outcome_need_share_and_the_preview_shows_what_it_changes(
    client, admin, django_capture_on_commit_callbacks
):
    # A local cohort with a lab learning knowledge only (seed 000, STEM: "foundational
    # content is asynchronous"): the learners' and tech columns' pull toward live time is
    # withdrawn while the share is 1, and comes back at 0.
    course = CourseFactory(title="Foundations of Chemistry")
    LearningOutcomeFactory(course=course, knowledge=True)
    LearnerSegmentFactory(profile__course=course)
    from schedules.recommendations.services import recommendation_refresh

    recommendation_refresh(course=course)
    course.schedule.refresh_from_db()
    before = course.schedule.recommended_live_share
    draft = start_draft(client)
    from schedules.rulesets.forms import SettingsForm

    post = {
        name: value
        for name, value in SettingsForm.from_spec(draft.spec).initial.items()
        if value is not None
    }
    response = client.post(
        reverse("schedules:settings_save"), {**post, "outcome_need_share": "0"}, **HTMX
    )
    assert response.status_code == 200
    assert RuleSet.objects.get(status="draft").spec["factor_sizes"]["outcome_need_share"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schedules:draft_preview"))
    html = client.get(reverse("schedules:rules")).content.decode()

    assert "Foundations of Chemistry" in html
    assert before == 43
    assert '<td data-label="Now">43%</td><td data-label="With the draft">55%</td>' in html
    assert "+12 points" in html  # the pull of a local cohort with a lab, left in
