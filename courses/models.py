"""Courses and what an instructor says about them: outcomes and learners.

Fields follow the team's domain notes (seed 000 for the decision matrix columns). Rules
that are absolute are database constraints too, so that no code path can break them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from blendplan.validators import validate_line
from courses.choices import (
    AccessibilityNeed,
    Bandwidth,
    BloomLevel,
    CourseContext,
    Device,
    Discipline,
    LearnerProfileKind,
    ObjectiveKind,
)
from courses.validators import ChoiceListValidator, validate_timezone

MAX_WEEKS = 52
MAX_WEEKLY_HOURS = Decimal(80)


class TimeZoneField(models.CharField[str, str]):
    """An IANA time zone name such as ``Europe/London``, checked against the tz database."""

    default_validators = [validate_timezone]

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]


class Course(models.Model):
    """A course an instructor is designing a blend for."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="courses"
    )
    co_instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="co_taught_courses"
    )
    title = models.CharField(max_length=200, validators=[validate_line])
    code = models.CharField(
        max_length=40, blank=True, validators=[validate_line], help_text="For example HIST 204."
    )
    discipline = models.CharField(max_length=20, choices=Discipline, default=Discipline.OTHER)
    # seed 000: the sample weekly models are written for a 6-hour week.
    weekly_hours = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal(6),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_WEEKLY_HOURS)],
        help_text="Total expected learner hours per week, live and self-paced.",
    )
    weeks = models.PositiveSmallIntegerField(
        default=12, validators=[MinValueValidator(1), MaxValueValidator(MAX_WEEKS)]
    )
    start_date = models.DateField(null=True, blank=True)
    cohort_size = models.PositiveIntegerField(default=30, validators=[MinValueValidator(1)])
    context = models.CharField(
        max_length=20, choices=CourseContext, default=CourseContext.UNIVERSITY
    )
    timezone = TimeZoneField(default="UTC", help_text="The instructor's time zone.")
    live_hours_available = models.DecimalField(
        "live teaching hours available per week",
        max_digits=4,
        decimal_places=1,
        default=Decimal(4),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_WEEKLY_HOURS)],
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_hours__gt=0) & Q(weekly_hours__lte=MAX_WEEKLY_HOURS),
                name="course_weekly_hours_in_range",
                violation_error_message="Weekly hours must be more than 0 and at most 80.",
            ),
            models.CheckConstraint(
                condition=Q(weeks__gte=1) & Q(weeks__lte=MAX_WEEKS),
                name="course_weeks_in_range",
                violation_error_message="A course runs for 1 to 52 weeks.",
            ),
            models.CheckConstraint(
                condition=Q(cohort_size__gte=1),
                name="course_cohort_size_positive",
                violation_error_message="A cohort has at least one learner.",
            ),
            models.CheckConstraint(
                condition=Q(live_hours_available__gte=0),
                name="course_live_hours_available_not_negative",
                violation_error_message="Live teaching hours available cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(discipline__in=Discipline.values),
                name="course_discipline_known",
            ),
            models.CheckConstraint(
                condition=Q(context__in=CourseContext.values),
                name="course_context_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("schedules:course_detail", args=[self.pk])


class LearningOutcome(models.Model):
    """Something learners should be able to do by the end of the course."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="outcomes")
    text = models.CharField(max_length=500, validators=[validate_line])
    bloom_level = models.CharField(
        "Bloom level", max_length=20, choices=BloomLevel, default=BloomLevel.UNDERSTAND
    )
    kind = models.CharField(
        "kind of objective",
        max_length=40,
        choices=ObjectiveKind,
        default=ObjectiveKind.KNOWLEDGE_ACQUISITION,
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["course", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bloom_level__in=BloomLevel.values), name="outcome_bloom_level_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ObjectiveKind.values), name="outcome_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class LearnerProfile(models.Model):
    """Who the learners of a course are, and what technology they have (seed 000's columns)."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="learner_profile")
    kind = models.CharField(
        "kind of cohort",
        max_length=40,
        choices=LearnerProfileKind,
        default=LearnerProfileKind.FULL_TIME_LOCAL,
    )
    bandwidth = models.CharField(max_length=20, choices=Bandwidth, default=Bandwidth.RELIABLE)
    devices = models.JSONField(
        default=list, blank=True, validators=[ChoiceListValidator(Device, "device")]
    )
    # seed 002: collaborative multi-document work is hard on a phone. The instructor may
    # know the share better than the devices say; when given, it is the share the checks use.
    phone_share = models.PositiveSmallIntegerField(
        "share of learners mainly on phones (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="Leave blank to go by the devices ticked above.",
    )
    lab_access = models.BooleanField(default=False)
    lms_present = models.BooleanField("an LMS is available", default=True)
    accessibility_needs = models.JSONField(
        default=list,
        blank=True,
        validators=[ChoiceListValidator(AccessibilityNeed, "accessibility need")],
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LearnerProfileKind.values), name="profile_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(bandwidth__in=Bandwidth.values), name="profile_bandwidth_known"
            ),
            models.CheckConstraint(
                condition=Q(phone_share__isnull=True) | Q(phone_share__lte=100),
                name="profile_phone_share_in_range",
                violation_error_message="A share is between 0 and 100%.",
            ),
        ]

    def __str__(self) -> str:
        return f"Learners of {self.course}"


class LearnerSegment(models.Model):
    """A group of learners who share a time zone (and possibly devices and bandwidth)."""

    profile = models.ForeignKey(LearnerProfile, on_delete=models.CASCADE, related_name="segments")
    name = models.CharField(
        max_length=100,
        validators=[validate_line],
        help_text="For example “Evening learners in Auckland”.",
    )
    head_count = models.PositiveIntegerField(default=1)
    timezone = TimeZoneField()
    bandwidth = models.CharField(
        max_length=20,
        choices=Bandwidth,
        blank=True,
        help_text="Leave blank when it is the same as the cohort's.",
    )
    devices = models.JSONField(
        default=list, blank=True, validators=[ChoiceListValidator(Device, "device")]
    )
    accessibility_needs = models.JSONField(
        default=list,
        blank=True,
        validators=[ChoiceListValidator(AccessibilityNeed, "accessibility need")],
    )

    class Meta:
        ordering = ["profile", "-head_count", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(head_count__gte=0),
                name="segment_head_count_not_negative",
                violation_error_message="A head count cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(bandwidth="") | Q(bandwidth__in=Bandwidth.values),
                name="segment_bandwidth_known",
            ),
            models.CheckConstraint(condition=~Q(timezone=""), name="segment_timezone_given"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.head_count}, {self.timezone})"
