"""Writes of the learners' survey: opening, closing and revoking it, taking an answer
(within the rate limit), deleting the answers."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from courses.choices import AccessibilityNeed, Device
from courses.models import Course, LearnerProfile, LearnerSegment
from courses.services import learner_profile_set
from schedules.demo import DemoAnswer
from schedules.models import Survey, SurveyResponse
from schedules.models.tokens import new_link_token
from schedules.rules.survey_results import cohort_bandwidth, local_to_utc, propose_segments
from schedules.survey.selectors import survey_answers

# How many answers one address may send to one survey in RATE_WINDOW. A classroom or an
# office sends a whole cohort from one address, so the limit is a cohort's worth, not one:
# it stops a script answering a hundred times, not thirty learners on the campus Wi-Fi.
RATE_LIMIT = 30
RATE_WINDOW = timedelta(hours=1)
# How long a survey stays open unless the instructor says otherwise: the first week.
DEFAULT_OPEN_DAYS = 7


class SurveyState(StrEnum):
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"
    REVOKED = "revoked"


def course_today(course: Course) -> date:
    """Return today's date in the course's time zone (the survey's dates are the course's)."""
    return timezone.now().astimezone(ZoneInfo(course.timezone)).date()


def survey_state(survey: Survey) -> SurveyState:
    """Return whether ``survey`` takes answers now, and if not why not."""
    if survey.revoked_at is not None:
        return SurveyState.REVOKED
    today = course_today(survey.course)
    if survey.closed_at is not None or today > survey.closes:
        return SurveyState.CLOSED
    if today < survey.opens:
        return SurveyState.NOT_YET_OPEN
    return SurveyState.OPEN


@transaction.atomic
def survey_open(
    *, course: Course, opens: date, closes: date, collect_identity: bool, by: User
) -> Survey:
    """Open a new survey of ``course`` with a new address; a survey still taking answers is
    closed first, so a course has one open survey at a time."""
    Survey.objects.filter(course=course, closed_at__isnull=True, revoked_at__isnull=True).update(
        closed_at=timezone.now()
    )
    survey = Survey(
        course=course,
        token=new_link_token(),
        opens=opens,
        closes=closes,
        collect_identity=collect_identity,
        created_by=by,
    )
    survey.full_clean()
    survey.save()
    return survey


def survey_close(*, survey: Survey) -> None:
    """Close ``survey`` at once: its address says it is closed and takes no more answers."""
    if survey.closed_at is None:
        survey.closed_at = timezone.now()
        survey.save(update_fields=["closed_at"])


def survey_revoke(*, survey: Survey) -> None:
    """Revoke ``survey``'s address at once (it reached the wrong people); its answers stay."""
    if survey.revoked_at is None:
        survey.revoked_at = timezone.now()
        survey.save(update_fields=["revoked_at"])


def sender_hash(address: str | None) -> str:
    """Return a keyed hash of a client address: enough to count its answers, and never the
    address itself (the key is the site's secret)."""
    return salted_hmac(
        "schedules.survey.sender", address or "unknown", algorithm="sha256"
    ).hexdigest()


class TooManyAnswers(Exception):
    """The address sent RATE_LIMIT answers to this survey within RATE_WINDOW."""


class SurveyNotOpen(Exception):
    """The survey takes no answers now (``state`` says why)."""

    def __init__(self, state: SurveyState) -> None:
        super().__init__(state.value)
        self.state = state


@dataclass(frozen=True, slots=True)
class AnswerData:
    """A learner's answer as the form read it; availability as (weekday, hour) in their zone."""

    timezone: str
    cells: frozenset[tuple[int, int]]
    devices: list[str]
    connection: str
    needs: list[str]
    other_need: str
    preference: str
    preference_reason: str
    comment: str
    name: str = ""
    email: str = ""


def answers_from(sender: str, survey: Survey) -> int:
    """Return how many answers ``sender`` gave ``survey`` within the rate window."""
    since = timezone.now() - RATE_WINDOW
    return SurveyResponse.objects.filter(survey=survey, sender=sender, created__gte=since).count()


@transaction.atomic
def response_submit(*, survey: Survey, data: AnswerData, sender: str) -> SurveyResponse:
    """Store a learner's answer to ``survey``.

    Raises SurveyNotOpen when the survey takes no answers now, TooManyAnswers when the
    address is over the rate limit (counted in the database, so every app server shares it).
    """
    # Lock the survey's row: answers from one address are counted one at a time, and a
    # close or revoke that commits first is seen.
    survey = Survey.objects.select_for_update().select_related("course").get(pk=survey.pk)
    state = survey_state(survey)
    if state is not SurveyState.OPEN:
        raise SurveyNotOpen(state)
    if answers_from(sender, survey) >= RATE_LIMIT:
        raise TooManyAnswers
    fields: dict[str, Any] = {
        "timezone": data.timezone,
        "availability_utc": local_to_utc(
            (day * 24 + hour for day, hour in data.cells),
            data.timezone,
            course_today(survey.course),
        ),
        "devices": data.devices,
        "connection": data.connection,
        "needs": data.needs,
        "other_need": data.other_need,
        "preference": data.preference,
        "preference_reason": data.preference_reason,
        "comment": data.comment,
    }
    if survey.collect_identity:
        fields |= {"name": data.name, "email": data.email}
    response = SurveyResponse(survey=survey, sender=sender, **fields)
    # The form checked the choices; the database's constraints check them again on insert,
    # so an answer costs no extra queries (the survey was just locked: it exists).
    response.full_clean(exclude=["survey"], validate_constraints=False)
    response.save()
    return response


def responses_delete(*, survey: Survey) -> int:
    """Delete every answer to ``survey``; return how many there were."""
    deleted, _ = SurveyResponse.objects.filter(survey=survey).delete()
    return deleted


def demo_survey_create(*, course: Course, by: User, answers: Sequence[DemoAnswer]) -> Survey:
    """Open a survey of ``course`` from three days ago to four days ahead and store
    ``answers`` in it, for the demo data (``seed_demo``)."""
    today = course_today(course)
    survey = survey_open(
        course=course,
        opens=today - timedelta(days=3),
        closes=today + timedelta(days=4),
        collect_identity=False,
        by=by,
    )
    for number, answer in enumerate(answers):
        SurveyResponse.objects.create(
            survey=survey,
            timezone=answer.timezone,
            availability_utc=local_to_utc(
                (day * 24 + hour for day, hour in answer.cells), answer.timezone, today
            ),
            devices=list(answer.devices),
            connection=answer.connection,
            needs=list(answer.needs),
            preference=answer.preference,
            preference_reason=answer.reason,
            sender=sender_hash(f"demo-{number}"),
        )
    return survey


def _segment_fields(segment: LearnerSegment) -> dict[str, Any]:
    return {
        "name": segment.name,
        "head_count": segment.head_count,
        "timezone": segment.timezone,
        "bandwidth": segment.bandwidth,
        "devices": list(segment.devices),
        "accessibility_needs": list(segment.accessibility_needs),
    }


@transaction.atomic
def survey_apply(*, survey: Survey, keys: set[str]) -> LearnerProfile:
    """Apply the changes ``keys`` names, of those the survey's answers propose, to its
    course's learner profile (through ``learner_profile_set``, so the recommendation and the
    checks follow); everything else in the profile stays as it is."""
    course = survey.course
    answers = survey_answers(survey)
    profile = LearnerProfile.objects.filter(course=course).first()
    fields: dict[str, Any] = {
        field: getattr(profile, field)
        for field in (
            "kind",
            "bandwidth",
            "devices",
            "phone_share",
            "lab_access",
            "lms_present",
            "accessibility_needs",
        )
        if profile is not None
    }
    segments = [_segment_fields(s) for s in profile.segments.all()] if profile else []
    if "bandwidth" in keys:
        fields["bandwidth"] = cohort_bandwidth(answers)
    if "devices" in keys:
        fields["devices"] = list(_declared((d for a in answers for d in a.devices), Device.values))
    if "needs" in keys:
        current = fields.get("accessibility_needs", [])
        fields["accessibility_needs"] = list(
            _declared([*current, *(n for a in answers for n in a.needs)], AccessibilityNeed.values)
        )
    for proposed in propose_segments(
        answers, device_order=Device.values, need_order=AccessibilityNeed.values
    ):
        if f"segment:{proposed.zone}" not in keys:
            continue
        values = {
            "head_count": proposed.head_count,
            "bandwidth": proposed.bandwidth,
            "devices": list(proposed.devices),
            "accessibility_needs": list(proposed.needs),
        }
        same_zone = next((s for s in segments if s["timezone"] == proposed.zone), None)
        if same_zone is None:
            segments.append({"name": proposed.name, "timezone": proposed.zone, **values})
        else:
            same_zone.update(values)
    return learner_profile_set(course=course, segments=segments, **fields)


def _declared(values: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    present = set(values)
    return tuple(value for value in order if value in present)
