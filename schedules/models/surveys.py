"""The learners' first-week survey (seed 002): a course's survey, reached by an unguessable
address, and the learners' answers to it."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual

from blendplan.validators import validate_line, validate_text
from courses.choices import AccessibilityNeed, Bandwidth, Device
from courses.models import Course, TimeZoneField
from courses.validators import ChoiceListValidator

SURVEY_COMMENT_MAX_LENGTH = 1000
SURVEY_REASON_MAX_LENGTH = 500
SURVEY_OTHER_NEED_MAX_LENGTH = 200


class Preference(models.TextChoices):
    """Whether a learner would rather work live or at their own pace (seed 002 asks about
    their "concerns about synchronous and/or asynchronous activities")."""

    LIVE = "live", "Mostly live sessions"
    SELF_PACED = "self_paced", "Mostly self-paced work"
    MIX = "mix", "A mix of both"


class Survey(models.Model):
    """A course's first-week survey at ``/s/<token>/``, open between two dates.

    The address is the key (learners need no account). Closing stops answers and keeps the
    address, which then says the survey is closed; revoking also says so, and is for an
    address that reached the wrong people: the instructor opens a new survey, with a new
    address, and the old one keeps its answers.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="surveys")
    token = models.CharField(max_length=64, unique=True)
    opens = models.DateField(help_text="The first day learners can answer.")
    closes = models.DateField(help_text="The last day learners can answer.")
    closed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    collect_identity = models.BooleanField(
        "ask for a name and e-mail address",
        default=False,
        help_text="Off by default: answers are anonymous unless you need to follow up.",
    )
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            # secrets.token_urlsafe(32) gives 43 characters: never a short, guessable one.
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("token"), 32), name="survey_token_long"
            ),
            models.CheckConstraint(
                condition=Q(closes__gte=models.F("opens")),
                name="survey_closes_after_opening",
                violation_error_message="The survey must close on or after the day it opens.",
            ),
        ]

    def __str__(self) -> str:
        return f"Survey of {self.course} from {self.opens}"


class SurveyResponse(models.Model):
    """One learner's answer. Availability is kept as UTC hours of the week (0 = Monday
    00:00 UTC) with the learner's zone, so it can be shown in any zone."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    timezone = TimeZoneField()
    availability_utc = models.JSONField(default=list, blank=True)
    devices = models.JSONField(
        default=list, blank=True, validators=[ChoiceListValidator(Device, "device")]
    )
    connection = models.CharField(max_length=20, choices=Bandwidth)
    needs = models.JSONField(
        default=list,
        blank=True,
        validators=[ChoiceListValidator(AccessibilityNeed, "accessibility need")],
    )
    other_need = models.CharField(
        max_length=SURVEY_OTHER_NEED_MAX_LENGTH, blank=True, validators=[validate_line]
    )
    preference = models.CharField(max_length=20, choices=Preference)
    preference_reason = models.TextField(
        blank=True,
        validators=[validate_text, MaxLengthValidator(SURVEY_REASON_MAX_LENGTH)],
    )
    comment = models.TextField(
        blank=True,
        validators=[validate_text, MaxLengthValidator(SURVEY_COMMENT_MAX_LENGTH)],
    )
    name = models.CharField(max_length=150, blank=True, validators=[validate_line])
    email = models.EmailField(blank=True)
    # A keyed hash of the address that sent the answer, for the rate limit only: never the
    # address itself.
    sender = models.CharField(max_length=64, db_index=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(connection__in=Bandwidth.values), name="survey_connection_known"
            ),
            models.CheckConstraint(
                condition=Q(preference__in=Preference.values), name="survey_preference_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.survey} ({self.timezone})"
