"""Writes of the overview pages: a newcomer's copy of a sample course."""

from django.contrib.auth.models import User
from django.db import transaction

from courses.models import Course
from courses.services import course_create, learner_profile_set, outcome_add
from schedules.demo import DEMO_COURSES, DemoCourse
from schedules.editor.services import blocks_add_from_sample_week
from schedules.rules.sample_weeks import SAMPLE_WEEKS

# The sample a first-time instructor is offered: one campus cohort, sample week A.
SAMPLE_COURSE = DEMO_COURSES[0]


@transaction.atomic
def demo_course_create(*, owner: User, demo: DemoCourse, title: str | None = None) -> Course:
    """Create and return ``demo`` as a course of ``owner``: its basics, outcomes, learners and
    its sample week's blocks (under ``title`` when given)."""
    fields = dict(demo.course)
    if title is not None:
        fields["title"] = title
    course = course_create(owner=owner, **fields)
    for outcome in demo.outcomes:
        outcome_add(course=course, **outcome)
    learner_profile_set(course=course, segments=demo.segments, **demo.profile)
    blocks_add_from_sample_week(schedule=course.schedule, week=SAMPLE_WEEKS[demo.sample_week])
    return course


def sample_course_copy(*, owner: User) -> Course:
    """Return a new copy of the sample course for ``owner``, marked as a sample in its title,
    to explore and change freely."""
    return demo_course_create(
        owner=owner, demo=SAMPLE_COURSE, title=f"{SAMPLE_COURSE.course['title']} (sample)"
    )
