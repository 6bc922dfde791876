"""The Django admin: every model is there; rule-set versions are read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome
from schedules.models import (
    ActivityBlock,
    FindingDismissal,
    Pilot,
    ReviewComment,
    RuleSet,
    Schedule,
    ScheduleEvent,
    ScheduleVersion,
)
from tests.factories import FindingDismissalFactory, RuleSetFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model",
    [
        Course,
        LearningOutcome,
        LearnerProfile,
        LearnerSegment,
        Schedule,
        ActivityBlock,
        RuleSet,
        FindingDismissal,
        ScheduleVersion,
        ReviewComment,
        ScheduleEvent,
        Pilot,
    ],
)
def test_every_model_is_in_the_admin(model):
    assert admin.site.is_registered(model)


def test_a_rule_set_version_can_be_viewed_but_not_changed_in_the_admin(client):
    ruleset = RuleSetFactory(published=True, note="Pilot results")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:schedules_ruleset_change", args=[ruleset.pk])
    html = client.get(url).content.decode()
    assert "Rules v" in html
    assert 'name="_save"' not in html
    response = client.post(url, {"note": "sneaky"})
    ruleset.refresh_from_db()
    assert response.status_code == 403
    assert ruleset.note == "Pilot results"


def test_the_admin_lists_dismissals(client):
    FindingDismissalFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:schedules_findingdismissal_changelist"))
    assert "self-paced-without-due-day" in response.content.decode()


def test_the_admin_lists_review_comments_and_events(client):
    from tests.factories import ReviewCommentFactory, ScheduleEventFactory

    ReviewCommentFactory()
    ScheduleEventFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    # The comment's version and the event's version, of two courses.
    listed = {"reviewcomment": "1 review comment", "scheduleevent": "1 schedule event"}
    listed["scheduleversion"] = "2 schedule versions"
    for name, count in listed.items():
        response = client.get(reverse(f"admin:schedules_{name}_changelist"))
        assert response.status_code == 200
        assert count in response.content.decode(), name


def test_the_admin_shows_a_pilot_with_its_ticks_and_decisions(client):
    from tests.factories import PilotDecisionFactory, ReadinessTickFactory

    decision = PilotDecisionFactory(text="Move the lab to Tuesday")
    ReadinessTickFactory(pilot=decision.pilot, note="Survey sent")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:schedules_pilot_changelist")).status_code == 200
    html = client.get(reverse("admin:schedules_pilot_change", args=[decision.pilot.pk]))
    assert "Move the lab to Tuesday" in html.content.decode()
    assert "Survey sent" in html.content.decode()
