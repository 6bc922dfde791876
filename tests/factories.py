"""factory-boy factories for every model, with named traits for the common shapes."""

from datetime import date, time, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from courses.choices import Bandwidth, BloomLevel, Discipline, LearnerProfileKind, ObjectiveKind
from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome
from courses.roles import Role, group_for
from schedules.api.tokens import DISPLAY_PREFIX_LENGTH, secret_hash
from schedules.models import (
    ActivityBlock,
    ApiToken,
    CalendarFeed,
    FindingDismissal,
    LearnerPage,
    Pilot,
    PilotActivity,
    PilotDecision,
    PilotImport,
    PilotRecord,
    PilotRevision,
    PilotState,
    ReadinessTick,
    ReviewComment,
    RuleSet,
    Schedule,
    ScheduleEvent,
    ScheduleVersion,
    Survey,
    SurveyResponse,
)
from schedules.models.tokens import new_link_token
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.spec import load_default_ruleset


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")

    # Not a model field: the roles to grant, as group memberships (see _create).
    roles: tuple[Role, ...] = ()

    class Params:
        instructor = factory.Trait(roles=(Role.INSTRUCTOR,))
        reviewer = factory.Trait(roles=(Role.REVIEWER,))
        rule_admin = factory.Trait(roles=(Role.RULE_ADMIN,))

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("roles", None)
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        roles = kwargs.pop("roles", ())
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(*(group_for(Role(role)) for role in roles))
        return user


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory, instructor=True)
    title = factory.Sequence(lambda n: f"Course {n}")
    code = factory.Sequence(lambda n: f"TST {100 + n}")
    discipline = Discipline.STEM
    weekly_hours = Decimal(6)
    weeks = 12
    start_date = date(2027, 1, 11)
    cohort_size = 30
    timezone = "Europe/London"
    # The whole weekly load: the instructor's live hours cap no test's recommendation unless
    # it sets them (the model's default of 4 would cap a 70% row at 67% of 6 hours).
    live_hours_available = Decimal(6)


class LearningOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningOutcome

    course = factory.SubFactory(CourseFactory)
    text = factory.Sequence(lambda n: f"Outcome {n}")
    bloom_level = BloomLevel.APPLY
    kind = ObjectiveKind.INTERACTIVE_SKILL_MASTERY
    position = factory.Sequence(int)

    class Params:
        knowledge = factory.Trait(
            bloom_level=BloomLevel.UNDERSTAND, kind=ObjectiveKind.KNOWLEDGE_ACQUISITION
        )


class LearnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerProfile

    course = factory.SubFactory(CourseFactory)
    kind = LearnerProfileKind.FULL_TIME_LOCAL
    bandwidth = Bandwidth.RELIABLE
    devices = factory.LazyFunction(lambda: ["laptop"])
    lab_access = True
    lms_present = True

    class Params:
        distributed = factory.Trait(
            kind=LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
            bandwidth=Bandwidth.VARIABLE,
            lab_access=False,
        )


class LearnerSegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearnerSegment

    profile = factory.SubFactory(LearnerProfileFactory)
    name = factory.Sequence(lambda n: f"Segment {n}")
    head_count = 10
    timezone = "Europe/London"


class ScheduleFactory(factory.django.DjangoModelFactory):
    """A course's schedule, with the fields given.

    Every course gets its draft schedule when it is made (``course_changed``), so this
    changes that schedule rather than making a second one.
    """

    class Meta:
        model = Schedule

    course = factory.SubFactory(CourseFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        course = kwargs.pop("course")
        schedule, _ = model_class.objects.update_or_create(course=course, defaults=kwargs)
        course.schedule = schedule
        return schedule


def _next_position(schedule: Schedule) -> int:
    if schedule.pk is None:
        return 0
    last = schedule.blocks.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


class ActivityBlockFactory(factory.django.DjangoModelFactory):
    """A self-paced reading by default; ``live=True`` gives a live seminar."""

    class Meta:
        model = ActivityBlock
        skip_postgeneration_save = True

    schedule = factory.SubFactory(ScheduleFactory)
    title = factory.Sequence(lambda n: f"Block {n}")
    modality = Modality.SELF_PACED
    activity_type = ActivityType.READING
    day = Weekday.MONDAY
    duration_minutes = 60
    due_day = Weekday.WEDNESDAY
    # After the schedule's last block: positions are unique within a schedule.
    position = factory.LazyAttribute(lambda block: _next_position(block.schedule))

    class Params:
        live = factory.Trait(
            modality=Modality.LIVE,
            activity_type=ActivityType.LIVE_SEMINAR,
            start_time=time(10, 0),
            due_day=None,
        )

    @factory.post_generation
    def outcomes(self, create, extracted, **kwargs):
        if create and extracted:
            self.outcomes.add(*extracted)


class RuleSetFactory(factory.django.DjangoModelFactory):
    """A draft rule set holding the shipped default; ``published=True`` numbers it."""

    class Meta:
        model = RuleSet

    spec = factory.LazyFunction(lambda: load_default_ruleset().model_dump(mode="json"))
    status = RuleSet.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=RuleSet.Status.PUBLISHED,
            version=factory.Sequence(lambda n: n + 1),
            published_at=factory.LazyFunction(timezone.now),
        )


class FindingDismissalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FindingDismissal

    schedule = factory.SubFactory(ScheduleFactory)
    key = "self-paced-without-due-day"
    check_id = "self-paced-without-due-day"
    message = "“Reading” is self-paced with no due day."
    reason = "Optional extension material."
    dismissed_by = factory.LazyAttribute(lambda dismissal: dismissal.schedule.course.owner)


class ScheduleVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleVersion

    schedule = factory.SubFactory(ScheduleFactory, status="submitted")
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(lambda: {"blocks": [], "findings": [], "course": {}})
    submitted_by = factory.LazyAttribute(lambda version: version.schedule.course.owner)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    schedule = factory.SubFactory(ScheduleFactory)
    token = factory.LazyFunction(new_link_token)
    created_by = factory.LazyAttribute(lambda feed: feed.schedule.course.owner)


class PilotFactory(factory.django.DjangoModelFactory):
    """A pilot of weeks 1-2 being planned; ``running=True`` or ``reviewing=True`` for later
    states."""

    class Meta:
        model = Pilot

    schedule = factory.SubFactory(ScheduleFactory)
    first_week = 1
    last_week = 2
    start_date = factory.LazyAttribute(lambda pilot: pilot.schedule.course.start_date)

    class Params:
        running = factory.Trait(
            state=PilotState.RUNNING, started=factory.LazyFunction(timezone.now)
        )
        reviewing = factory.Trait(
            state=PilotState.REVIEWING,
            started=factory.LazyFunction(timezone.now),
            ended=factory.LazyFunction(timezone.now),
        )


class PilotImportFactory(factory.django.DjangoModelFactory):
    """A finished import of a Moodle log."""

    class Meta:
        model = PilotImport

    pilot = factory.SubFactory(PilotFactory)
    file_name = "logs.csv"
    kind = "moodle_log"
    uploader_zone = "Europe/London"
    state = PilotImport.State.FINISHED


class PilotActivityFactory(factory.django.DjangoModelFactory):
    """An imported activity, not mapped yet; give ``block`` (and ``confirmed``) to map it."""

    class Meta:
        model = PilotActivity

    pilot = factory.SubFactory(PilotFactory)
    title = factory.Sequence(lambda n: f"Activity {n}")


class PilotRecordFactory(factory.django.DjangoModelFactory):
    """One learner's event on an imported activity, with a unique key."""

    class Meta:
        model = PilotRecord

    activity = factory.SubFactory(PilotActivityFactory)
    pilot = factory.SelfAttribute("activity.pilot")
    key = factory.Sequence(lambda n: n)
    learner = factory.Sequence(lambda n: f"p_{n:024d}")
    evidence = "event"
    at = factory.LazyFunction(timezone.now)


class ReadinessTickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadinessTick

    pilot = factory.SubFactory(PilotFactory)
    item = "access-survey"
    note = "Survey sent in the LMS, 22 of 24 answered."
    ticked_by = factory.LazyAttribute(lambda tick: tick.pilot.schedule.course.owner)


class PilotDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotDecision

    pilot = factory.SubFactory(PilotFactory, reviewing=True)
    text = factory.Sequence(lambda n: f"Decision {n}")
    created_by = factory.LazyAttribute(lambda decision: decision.pilot.schedule.course.owner)


class PilotRevisionFactory(factory.django.DjangoModelFactory):
    """An edit from the pilot's evidence applied to ``block`` (a live block of the pilot's
    schedule): its start moved from 09:00 to the block's own start, undoable as it stands."""

    class Meta:
        model = PilotRevision

    block = factory.SubFactory(
        "tests.factories.ActivityBlockFactory", live=True, start_time=time(10)
    )
    pilot = factory.SubFactory(PilotFactory, schedule=factory.SelfAttribute("..block.schedule"))
    finding_key = factory.LazyAttribute(
        lambda revision: f"pilot-low-attendance:{revision.block.pk}"
    )
    block_title = factory.LazyAttribute(lambda revision: revision.block.title)
    finding_message = "“Check-in”: 30% of the cohort attended in week 1 (seed 000)."
    summary = "Move to 10:00, the busiest hour away from the live sessions"
    before = factory.LazyFunction(lambda: {"Start": "09:00"})
    after = factory.LazyAttribute(lambda revision: {"Start": f"{revision.block.start_time:%H:%M}"})
    restore = factory.LazyFunction(lambda: {"start_time": "09:00:00"})
    block_version = factory.LazyAttribute(lambda revision: revision.block.version)
    applied_by = factory.LazyAttribute(lambda revision: revision.block.schedule.course.owner)


class LearnerPageFactory(factory.django.DjangoModelFactory):
    """A working learners' link; ``withdrawn=True`` gives one the instructors revoked."""

    class Meta:
        model = LearnerPage

    schedule = factory.SubFactory(ScheduleFactory)
    token = factory.LazyFunction(new_link_token)
    created_by = factory.LazyAttribute(lambda page: page.schedule.course.owner)

    class Params:
        withdrawn = factory.Trait(revoked=factory.LazyFunction(timezone.now))


class ReviewCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewComment

    parent = None
    # A reply is on the version of the comment it answers.
    version = factory.Maybe(
        "parent",
        yes_declaration=factory.SelfAttribute("parent.version"),
        no_declaration=factory.SubFactory(ScheduleVersionFactory),
    )
    author = factory.SubFactory(UserFactory, reviewer=True)
    body = "Looks good; add a due day to the reading."


class ScheduleEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleEvent

    version = factory.SubFactory(ScheduleVersionFactory)
    schedule = factory.SelfAttribute("version.schedule")
    kind = ScheduleEvent.Kind.SUBMITTED
    actor = factory.SelfAttribute("version.submitted_by")


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token whose plaintext is ``token.plaintext`` (not a model field; tests send it).

    ``revoked=True`` gives a revoked one, ``expired=True`` one that expired yesterday.
    """

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory, instructor=True)
    name = factory.Sequence(lambda n: f"Token {n}")
    plaintext = factory.Sequence(lambda n: f"bp_test-token-{n:04d}-0123456789abcdefghijklmnopq")
    prefix = factory.LazyAttribute(lambda token: token.plaintext[:DISPLAY_PREFIX_LENGTH])
    secret_hash = factory.LazyAttribute(lambda token: secret_hash(token.plaintext))
    expires = factory.LazyFunction(lambda: timezone.now() + timedelta(days=90))

    class Params:
        revoked = factory.Trait(
            revoked_at=factory.LazyFunction(timezone.now),
            revoked_by=factory.SelfAttribute("user"),
        )
        expired = factory.Trait(
            expires=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
        )

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        plaintext = kwargs.pop("plaintext")
        token = super()._build(model_class, *args, **kwargs)
        token.plaintext = plaintext
        return token

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        plaintext = kwargs.pop("plaintext")
        token = super()._create(model_class, *args, **kwargs)
        token.plaintext = plaintext
        return token


def london_new_york_course(**course_fields):
    """Return an 8-week course from 1 March 2027 (across both countries' clock changes) for
    10 learners in London and 12 in New York, with a live seminar at 09:00 London time:
    04:00 in New York."""
    course = CourseFactory(
        **{
            "title": "Global course",
            "timezone": "Europe/London",
            "start_date": date(2027, 3, 1),
            "weeks": 8,
            "cohort_size": 22,
            **course_fields,
        }
    )
    london = LearnerSegmentFactory(profile__course=course, name="London", head_count=10)
    LearnerSegmentFactory(
        profile=london.profile, name="New York", head_count=12, timezone="America/New_York"
    )
    ActivityBlockFactory(
        schedule=course.schedule,
        live=True,
        title="Seminar",
        day=2,
        start_time=time(9),
        breakouts=True,
    )
    return course


def statics_course():
    """Return a 3-week course from Wednesday 13 January 2027 with a live seminar on
    Wednesdays at 14:00 and a reading in week 1 (Monday, due Tuesday), not yet submitted."""
    course = CourseFactory(title="Statics", weeks=3, start_date=date(2027, 1, 13))
    ActivityBlockFactory(
        schedule=course.schedule, live=True, title="Seminar", day=2, start_time=time(14)
    )
    ActivityBlockFactory(schedule=course.schedule, title="Reading", day=0, weeks=[1], due_day=1)
    return course


class SurveyFactory(factory.django.DjangoModelFactory):
    """A course's learner survey, open from 2027-01-04 for four weeks (freeze time inside)."""

    class Meta:
        model = Survey

    course = factory.SubFactory(CourseFactory)
    token = factory.LazyFunction(new_link_token)
    opens = date(2027, 1, 4)
    closes = date(2027, 1, 31)
    created_by = factory.LazyAttribute(lambda survey: survey.course.owner)


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    """A learner's answer: in London, free on Monday and Wednesday evenings (UTC = GMT in
    January), on a laptop with a reliable connection, preferring a mix."""

    class Meta:
        model = SurveyResponse

    survey = factory.SubFactory(SurveyFactory)
    timezone = "Europe/London"
    availability_utc = factory.LazyFunction(lambda: [18, 19, 2 * 24 + 18, 2 * 24 + 19])
    devices = factory.LazyFunction(lambda: ["laptop"])
    connection = Bandwidth.RELIABLE
    needs = factory.LazyFunction(list)
    preference = "mix"
    sender = factory.Sequence(lambda n: f"{n:064x}")
