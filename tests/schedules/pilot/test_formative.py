"""Formative results per outcome: hand-computed means and pass shares, small groups hidden,
and the finding for an outcome whose results lag, on the evidence page."""

from datetime import date

import pytest
from django.urls import reverse

from schedules.pilot.formative import lagging_outcomes, outcome_results
from tests.factories import (
    ActivityBlockFactory,
    CourseFactory,
    LearningOutcomeFactory,
    PilotActivityFactory,
    PilotFactory,
    PilotRecordFactory,
)

OUTCOMES = {1: "Build an argument", 2: "Rebut a claim"}


def test_each_learner_is_the_mean_of_their_best_scores_per_activity():
    # Learners a–e on outcome 1: a scored 0.8 and 0.4 on two activities (0.6), the others
    # 0.9, 0.5, 0.3, 0.7 on one: results 60, 90, 50, 30, 70; mean 60; at or above 60: 3 of 5.
    rows = [
        (1, "a", 10, 0.8),
        (1, "a", 11, 0.4),
        (1, "b", 10, 0.9),
        (1, "c", 10, 0.5),
        (1, "d", 10, 0.3),
        (1, "e", 10, 0.7),
    ]
    (result,) = outcome_results(rows, OUTCOMES, pass_mark=60)
    assert (result.outcome_id, result.learners, result.mean, result.passed) == (1, 5, 60, 60)
    assert lagging_outcomes([result], 60) == []


def test_fewer_than_five_learners_are_hidden_and_not_judged():
    rows = [(2, learner, 10, 0.1) for learner in "abcd"]
    (result,) = outcome_results(rows, OUTCOMES, pass_mark=60)
    assert result.hidden
    assert (result.mean, result.passed) == (None, None)
    assert lagging_outcomes([result], 60) == []


def test_an_outcome_under_half_at_the_pass_mark_lags():
    # 2 of 5 at or above 50: 40%; mean (0.9 + 0.5 + 0.2 + 0.3 + 0.4) / 5 = 46%.
    rows = [
        (2, learner, 10, score)
        for learner, score in zip("abcde", (0.9, 0.5, 0.2, 0.3, 0.4), strict=True)
    ]
    (result,) = outcome_results(rows, OUTCOMES, pass_mark=50)
    (finding,) = lagging_outcomes([result], 50)
    assert finding.key == "pilot-outcome-lags:outcome-2"
    assert finding.message == (
        "Outcome “Rebut a claim”: 40% of 5 learners reached the pass mark of 50% in the "
        "pilot's scored work (mean 46%) (seed 001)."
    )


@pytest.mark.django_db
def test_the_evidence_page_shows_results_per_outcome_and_the_lagging_finding(client, settings):
    settings.PILOT_PASS_MARK_PERCENT = 60
    course = CourseFactory(start_date=date(2027, 1, 11), weeks=4, timezone="Europe/London")
    outcome = LearningOutcomeFactory(course=course, text="Rebut a claim")
    quiz = ActivityBlockFactory(schedule=course.schedule, title="Quiz", day=3, due_day=4)
    quiz.outcomes.add(outcome)
    pilot = PilotFactory(schedule=course.schedule, running=True)
    graded = PilotActivityFactory(pilot=pilot, title="Week 1 quiz", block=quiz, confirmed=True)
    # A grades export has no times: five learners, 0.9, 0.7, 0.5, 0.4, 0.2: 2 of 5 at 60.
    for i, score in enumerate((0.9, 0.7, 0.5, 0.4, 0.2)):
        PilotRecordFactory(
            activity=graded, learner=f"p_{i:024d}", evidence="score", score=score, at=None
        )
    client.force_login(course.owner)
    page = client.get(reverse("schedules:pilot_evidence", args=[course.pk])).content.decode()
    assert "Formative results per outcome" in page
    assert '<td data-label="Mean score">54%</td>' in page
    assert '<td data-label="At pass mark">40%</td>' in page
    assert "Outcome “Rebut a claim”: 40% of 5 learners reached the pass mark of 60%" in page
