"""Schedules: a course's proposed blend, laid out as weekly activity blocks."""

from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from blendplan.validators import validate_line
from courses.models import MAX_WEEKS, Course, LearningOutcome
from courses.validators import ChoiceListValidator
from schedules.rules.choices import ActivityType, Delivery, GagneEvent, Modality, Weekday
from schedules.rules.weeks import weeks_phrase

MINUTES_PER_DAY = 24 * 60


class ReviewStatus(models.TextChoices):
    """Where a schedule stands in review: draft → submitted → changes requested … → approved."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"


class Schedule(models.Model):
    """The blend proposed for one course: its recommendation, blocks and review status."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="schedule")
    status = models.CharField(max_length=20, choices=ReviewStatus, default=ReviewStatus.DRAFT)
    recommended_live_share = models.PositiveSmallIntegerField(
        "recommended live share (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    recommendation = models.JSONField(
        default=dict, blank=True, help_text="The recommendation as the engine explained it."
    )
    rules_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The rule-set version the recommendation came from."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(recommended_live_share__isnull=True)
                | Q(recommended_live_share__lte=100),
                name="schedule_recommended_share_is_percentage",
                violation_error_message="A live share is a percentage from 0 to 100.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="schedule_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Schedule for {self.course}"


# What a block is and when it runs, as stored (the admin's inline shows just these).
WHAT_AND_WHEN = (
    "title",
    "modality",
    "activity_type",
    "day",
    "start_time",
    "duration_minutes",
    "weeks",
    "due_day",
)

# How a block is delivered and what it provides, as stored.
PROVISIONS = (
    "delivery",
    "recorded",
    "captions",
    "transcript",
    "low_bandwidth_alternative",
    "co_facilitator",
    "breakouts",
)

# A block's own fields, in this order: all but its schedule, its outcomes (a relation) and
# the bookkeeping (position, version). The editor's form edits them, the checks' facts are
# read from them and a submitted version's snapshot keeps them (with the block's id).
BLOCK_FIELDS = (*WHAT_AND_WHEN, "gagne_events", *PROVISIONS)

# The order blocks are shown in: by day, untimed (self-paced) work before timed sessions,
# then by start. Said explicitly: SQLite puts NULLs first and PostgreSQL last by default.
DISPLAY_ORDER = ("day", F("start_time").asc(nulls_first=True), "position", "pk")


class BlockQuerySet(models.QuerySet["ActivityBlock"]):
    """Blocks. A bulk update moves each block's version on, as saving one block does."""

    def update(self, **kwargs: Any) -> int:
        kwargs.setdefault("version", F("version") + 1)
        return super().update(**kwargs)


class ActivityBlock(models.Model):
    """One activity that recurs weekly (or in chosen weeks) on a given day."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="blocks")
    title = models.CharField(max_length=200, validators=[validate_line])
    weeks = models.JSONField(
        default=list,
        blank=True,
        help_text="Week numbers (1 = first week). Leave empty for every week.",
    )
    day = models.PositiveSmallIntegerField(choices=Weekday, default=Weekday.MONDAY)
    start_time = models.TimeField(null=True, blank=True, help_text="Required for live blocks.")
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)",
        validators=[MinValueValidator(1), MaxValueValidator(MINUTES_PER_DAY)],
    )
    modality = models.CharField(max_length=20, choices=Modality)
    activity_type = models.CharField(max_length=30, choices=ActivityType)
    outcomes = models.ManyToManyField(LearningOutcome, blank=True, related_name="blocks")
    gagne_events = models.JSONField(
        "Gagné events",
        default=list,
        blank=True,
        validators=[ChoiceListValidator(GagneEvent, "Gagné event")],
    )
    due_day = models.PositiveSmallIntegerField(
        choices=Weekday, null=True, blank=True, help_text="When self-paced work is due."
    )
    delivery = models.CharField(max_length=20, choices=Delivery, default=Delivery.INTERACTIVE)
    recorded = models.BooleanField(default=False)
    captions = models.BooleanField(default=False)
    transcript = models.BooleanField(default=False)
    low_bandwidth_alternative = models.BooleanField(default=False)
    co_facilitator = models.BooleanField(default=False)
    breakouts = models.BooleanField("breakout groups", default=False)
    position = models.PositiveSmallIntegerField(default=0)
    # Bumped on every save; an edit carries the version it started from, and a save made
    # from an older version is refused rather than silently overwriting someone's change.
    version = models.PositiveIntegerField(default=1)

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["schedule", *DISPLAY_ORDER]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0) & Q(duration_minutes__lte=MINUTES_PER_DAY),
                name="block_duration_positive_within_a_day",
                violation_error_message="A duration is more than 0 minutes and at most a day.",
            ),
            models.CheckConstraint(
                condition=Q(day__gte=0) & Q(day__lte=6),
                name="block_day_is_weekday",
                violation_error_message="The day must be Monday to Sunday.",
            ),
            models.CheckConstraint(
                condition=Q(due_day__isnull=True) | (Q(due_day__gte=0) & Q(due_day__lte=6)),
                name="block_due_day_is_weekday",
                violation_error_message="The due day must be Monday to Sunday.",
            ),
            models.CheckConstraint(
                condition=~Q(modality=Modality.LIVE) | Q(start_time__isnull=False),
                name="block_live_has_start_time",
                violation_error_message="A live block needs a start time.",
            ),
            models.CheckConstraint(
                condition=Q(modality__in=Modality.values), name="block_modality_known"
            ),
            models.CheckConstraint(
                condition=Q(activity_type__in=ActivityType.values), name="block_activity_type_known"
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values), name="block_delivery_known"
            ),
            models.UniqueConstraint(
                fields=["schedule", "position"],
                name="block_position_unique",
                violation_error_message="Two blocks of a schedule cannot share a position.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save the block; saving it again moves its version on, whoever saves it.

        The editor, the admin and code alike: an edit begun from the old version is then
        refused as stale, and what was read about the schedule's blocks is known to be old.
        """
        if self.pk is not None and not self._state.adding:
            self.version += 1
            if (fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*fields, "version"}
        super().save(*args, **kwargs)

    @property
    def is_live(self) -> bool:
        return self.modality == Modality.LIVE

    @property
    def outcome_ids(self) -> list[int]:
        """Return the ids of the outcomes the block serves (prefetch ``outcomes`` for many)."""
        return sorted(outcome.pk for outcome in self.outcomes.all())

    @property
    def end_time(self) -> time | None:
        """Return when a timed block ends, or None when it has no start time."""
        if self.start_time is None:
            return None
        end = datetime.combine(datetime.min, self.start_time) + timedelta(
            minutes=self.duration_minutes
        )
        return end.time()

    @property
    def when(self) -> str:
        """Return what the block is and when it runs, in one line for lists.

        For example "Reading · Monday · 45 min · due Wednesday · weeks 1–2, 5".
        """
        day = Weekday(self.day).label
        if self.start_time is not None and (end := self.end_time) is not None:
            day += f" {self.start_time:%H:%M}–{end:%H:%M}"
        parts = [ActivityType(self.activity_type).label, day, f"{self.duration_minutes} min"]
        if self.due_day is not None:
            parts.append(f"due {Weekday(self.due_day).label}")
        parts.append(weeks_phrase(self.weeks) if self.weeks else "every week")
        return " · ".join(parts)

    def runs_in_week(self, week: int) -> bool:
        """Return whether the block runs in ``week`` (1-based); no weeks means every week."""
        return not self.weeks or week in self.weeks

    def clean(self) -> None:
        """Check the rules that span several fields, naming the field at fault."""
        errors: dict[str, list[str]] = {}
        if self.modality == Modality.LIVE and self.start_time is None:
            errors.setdefault("start_time", []).append("A live block needs a start time.")
        if self.modality == Modality.LIVE and self.due_day is not None:
            errors.setdefault("due_day", []).append(
                "A due day is for self-paced work; a live block happens at its start time."
            )
        # Self-paced work has no clock time, so it cannot run past midnight.
        if self.modality == Modality.LIVE and self.start_time is not None and self.duration_minutes:
            start = self.start_time.hour * 60 + self.start_time.minute
            if start + self.duration_minutes > MINUTES_PER_DAY:
                errors.setdefault("duration_minutes", []).append(
                    "The block would run past midnight; shorten it or start it earlier."
                )
        errors.update(self._week_errors())
        if errors:
            raise ValidationError(errors)

    def _week_errors(self) -> dict[str, list[str]]:
        weeks: Any = self.weeks
        if not isinstance(weeks, list) or not all(
            isinstance(w, int) and not isinstance(w, bool) for w in weeks
        ):
            return {"weeks": ["Weeks must be a list of week numbers."]}
        last = self.schedule.course.weeks if self.schedule_id else MAX_WEEKS
        outside = sorted(w for w in set(weeks) if w < 1 or w > last)
        if outside:
            listed = ", ".join(map(str, outside))
            return {"weeks": [f"The course runs weeks 1 to {last}; week {listed} is outside it."]}
        if len(set(weeks)) != len(weeks):
            return {"weeks": ["Each week may be listed only once."]}
        return {}
