"""Reads of the learners' survey: a course's surveys, the survey behind an address, the
answers as the results' facts, the results page's numbers and the CSV export. The
time-zone planner may read stated availability from here (``survey_answers``)."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Min

from courses.choices import AccessibilityNeed, Bandwidth, Device
from courses.models import Course, LearnerProfile
from schedules.models import Preference, Survey, SurveyResponse
from schedules.rules.cells import neutralised
from schedules.rules.choices import Weekday
from schedules.rules.survey_results import (
    DAYS_PER_WEEK,
    HOURS_PER_DAY,
    Answer,
    ProfileChange,
    ProfileNow,
    Share,
    availability_grid,
    heat_level,
    propose_changes,
    shares,
    shown,
    utc_to_zone,
    zone_counts,
)
from schedules.rules.timezones.stated import StatedAnswer

# How a learner's connection is asked about (the profile's bandwidth, in their words).
CONNECTION_CHOICES = [
    (Bandwidth.RELIABLE.value, "Reliable: video calls work well"),
    (Bandwidth.VARIABLE.value, "Variable: sometimes slow or drops out"),
    (Bandwidth.LOW.value, "Low: slow, or limited mobile data"),
]


def course_surveys(course: Course) -> list[Survey]:
    """Return ``course``'s surveys, newest first, each with its number of answers."""
    return list(Survey.objects.filter(course=course).annotate(answer_count=Count("responses")))


def survey_for_token(token: str) -> Survey | None:
    """Return the survey whose address holds ``token``, or None."""
    return Survey.objects.select_related("course").filter(token=token).first()


def survey_answers(survey: Survey) -> list[Answer]:
    """Return ``survey``'s answers as the results' facts (one query)."""
    rows = SurveyResponse.objects.filter(survey=survey).values_list(
        "timezone",
        "availability_utc",
        "devices",
        "connection",
        "needs",
        "other_need",
        "preference",
    )
    return [
        Answer(
            zone=zone,
            availability_utc=tuple(hours),
            devices=tuple(devices),
            connection=connection,
            needs=tuple(needs),
            has_other_need=bool(other),
            preference=preference,
        )
        for zone, hours, devices, connection, needs, other, preference in rows
    ]


@dataclass(frozen=True, slots=True)
class StatedHours:
    """The newest survey with answers, its answers as the planner's stated availability, and
    when the first and last of them came."""

    survey: Survey
    answers: list[StatedAnswer]
    first: datetime
    last: datetime


def stated_hours(course: Course) -> StatedHours | None:
    """Return when ``course``'s learners said they can come to a live session, from its newest
    survey that has answers (each answer's hours back on the learner's own clock), or None
    when no survey has any. Two queries."""
    survey = (
        Survey.objects.filter(course=course)
        .annotate(
            answer_count=Count("responses"),
            first_answer=Min("responses__created"),
            last_answer=Max("responses__created"),
        )
        .filter(answer_count__gt=0)
        .order_by("-created", "-pk")  # Meta.ordering is not applied to an aggregate query
        .first()
    )
    if survey is None:
        return None
    rows = SurveyResponse.objects.filter(survey=survey).values_list("timezone", "availability_utc")
    answers = [
        StatedAnswer(zone, frozenset(utc_to_zone(hours, zone, survey.opens)))
        for zone, hours in rows
    ]
    return StatedHours(survey, answers, survey.first_answer, survey.last_answer)


@dataclass(frozen=True, slots=True)
class HeatCell:
    label: str  # "Monday 09:00"
    shown: str  # the count, or "fewer than 5"
    level: int  # shade 0-4


@dataclass(frozen=True, slots=True)
class SurveyResults:
    """The results page's numbers, small counts held back."""

    total: int
    zones: list[tuple[str, str]]  # zone, count as shown
    days: list[str]
    rows: list[tuple[str, list[HeatCell]]]  # hour label, a cell per weekday
    devices: list[Share]
    connections: list[Share]
    needs: list[Share]
    preferences: list[Share]


def survey_results(survey: Survey) -> SurveyResults:
    """Return the results of ``survey``: zones, availability in the course's zone (in the
    survey's opening week, daylight saving as it is then), devices, connections, needs and
    preferences."""
    answers = survey_answers(survey)
    total = len(answers)
    grid = availability_grid(answers, survey.course.timezone, survey.opens)
    days = [label for _, label in Weekday.choices]
    rows = [
        (
            f"{hour:02d}:00",
            [
                HeatCell(
                    f"{days[day]} {hour:02d}:00",
                    shown(grid[day][hour]),
                    heat_level(grid[day][hour], total),
                )
                for day in range(DAYS_PER_WEEK)
            ],
        )
        for hour in range(HOURS_PER_DAY)
    ]
    need_choices = [*AccessibilityNeed.choices, ("other", "Other (described in words)")]
    needs = [need for answer in answers for need in answer.needs]
    needs += ["other" for answer in answers if answer.has_other_need]
    return SurveyResults(
        total=total,
        zones=[(zone, shown(count)) for zone, count in zone_counts(answers)],
        days=days,
        rows=rows,
        devices=shares((d for a in answers for d in a.devices), Device.choices, total),
        connections=shares((a.connection for a in answers), CONNECTION_CHOICES, total),
        needs=shares(needs, need_choices, total),
        preferences=shares((a.preference for a in answers), Preference.choices, total),
    )


CSV_COLUMNS = [
    "answered_utc",
    "timezone",
    "available_hours_local",
    "devices",
    "connection",
    "needs",
    "other_need",
    "preference",
    "preference_reason",
    "comment",
    "name",
    "email",
]


def _local_hours(hours: list[int], zone: str, survey: Survey) -> str:
    days = [label[:3] for _, label in Weekday.choices]
    local = utc_to_zone(hours, zone, survey.opens)
    return " ".join(f"{days[h // HOURS_PER_DAY]}{h % HOURS_PER_DAY:02d}" for h in local)


def responses_csv(survey: Survey) -> str:
    """Return ``survey``'s answers as CSV, one row per answer; every text a learner typed is
    neutralised against spreadsheet formulas."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for response in SurveyResponse.objects.filter(survey=survey):
        writer.writerow(
            [
                response.created.strftime("%Y-%m-%d %H:%M"),
                neutralised(response.timezone),
                _local_hours(response.availability_utc, response.timezone, survey),
                " ".join(response.devices),
                response.connection,
                " ".join(response.needs),
                neutralised(response.other_need),
                response.preference,
                neutralised(response.preference_reason),
                neutralised(response.comment),
                neutralised(response.name),
                neutralised(response.email),
            ]
        )
    return out.getvalue()


def _labels() -> dict[str, str]:
    return {
        **dict(Bandwidth.choices),
        **{value: label.lower() for value, label in Device.choices},
        **{value: label.lower() for value, label in AccessibilityNeed.choices},
    }


def profile_now(course: Course) -> ProfileNow:
    """Return ``course``'s learner profile in plain values (the model's defaults if it has
    none yet); of several segments in one zone, the largest stands for the zone."""
    profile = LearnerProfile.objects.filter(course=course).first()
    if profile is None:
        return ProfileNow(bandwidth=Bandwidth.RELIABLE, devices=(), needs=(), segments={})
    segments: dict[str, tuple[int, str, tuple[str, ...], tuple[str, ...]]] = {}
    for segment in profile.segments.all():  # largest first (the model's ordering)
        segments.setdefault(
            segment.timezone,
            (
                segment.head_count,
                segment.bandwidth,
                tuple(segment.devices),
                tuple(segment.accessibility_needs),
            ),
        )
    return ProfileNow(
        bandwidth=profile.bandwidth,
        devices=tuple(profile.devices),
        needs=tuple(profile.accessibility_needs),
        segments=segments,
    )


def profile_changes(survey: Survey) -> list[ProfileChange]:
    """Return what ``survey``'s answers would change in its course's learner profile."""
    return propose_changes(
        survey_answers(survey),
        profile_now(survey.course),
        device_order=Device.values,
        need_order=AccessibilityNeed.values,
        labels=_labels(),
    )
