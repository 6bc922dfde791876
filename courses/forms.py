"""Browser input for courses: Django forms whose errors sit next to their fields."""

from typing import Any

from django import forms
from django.contrib.auth.models import User

from blendplan.forms import keep_what_was_typed
from blendplan.validators import USERNAME_MAX_LENGTH, validate_line
from courses.choices import AccessibilityNeed, Device
from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome
from courses.validators import canonical_timezone_names


class TimeZoneInput(forms.TextInput):
    """A text box offering the IANA names as a searchable list.

    The ``<datalist id="timezone-names">`` itself is rendered once per page by
    ``courses/_timezone_datalist.html``.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"list": "timezone-names", "autocomplete": "off", **(attrs or {})})


class CourseForm(forms.ModelForm[Course]):
    """The course basics: what it is, how long, for how many, and the instructor's time."""

    class Meta:
        model = Course
        fields = [
            "title",
            "code",
            "discipline",
            "context",
            "weekly_hours",
            "weeks",
            "start_date",
            "cohort_size",
            "timezone",
            "live_hours_available",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "timezone": TimeZoneInput(),
        }
        labels = {"timezone": "Your time zone", "weekly_hours": "Weekly hours"}
        help_texts = {
            "weekly_hours": "Total learner hours a week, live and self-paced (the seed's "
            "sample weeks use 6).",
            "live_hours_available": "How many hours a week you can teach live.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep_what_was_typed(self)


class OutcomeForm(forms.ModelForm[LearningOutcome]):
    class Meta:
        model = LearningOutcome
        fields = ["text", "bloom_level", "kind"]
        labels = {"text": "Learners will be able to…"}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "e.g. Design a field survey"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep_what_was_typed(self)


class OutcomeMoveForm(forms.Form):
    """Which way the Up and Down buttons move an outcome."""

    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down")],
        error_messages={
            "required": "Say which way to move the outcome: up or down.",
            "invalid_choice": "“%(value)s” is not a way to move an outcome: choose up or down.",
        },
    )

    @property
    def offset(self) -> int:
        """Return the places to move by: -1 (up) or 1 (down); only once the form is valid."""
        return -1 if self.cleaned_data["direction"] == "up" else 1


class CoInstructorAddForm(forms.Form):
    """The username of a person to add; ``co_instructor_add`` says when there is none."""

    username = forms.CharField(
        required=False,
        max_length=USERNAME_MAX_LENGTH,
        validators=[validate_line],
        error_messages={
            "max_length": "A username has at most 150 characters; nobody was added.",
        },
    )


class CoInstructorRemoveForm(forms.Form):
    """The co-instructor a Remove button takes off the course: one of its co-instructors."""

    remove = forms.ModelChoiceField(
        queryset=User.objects.none(),
        error_messages={
            "required": "Say whom to remove; nobody was removed.",
            "invalid_choice": "“%(value)s” is not one of this course's co-instructors; "
            "nobody was removed.",
        },
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        remove = self.fields["remove"]
        assert isinstance(remove, forms.ModelChoiceField)
        remove.queryset = course.co_instructors.all()

    @property
    def person(self) -> User:
        """Return the co-instructor to remove; only once the form is valid."""
        person = self.cleaned_data["remove"]
        assert isinstance(person, User)
        return person


class LearnerProfileForm(forms.ModelForm[LearnerProfile]):
    devices = forms.MultipleChoiceField(
        choices=Device.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility_needs = forms.MultipleChoiceField(
        choices=AccessibilityNeed.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LearnerProfile
        fields = [
            "kind",
            "bandwidth",
            "devices",
            "phone_share",
            "lab_access",
            "lms_present",
            "accessibility_needs",
        ]


class SegmentForm(forms.ModelForm[LearnerSegment]):
    """One group of learners. A segment has at least one learner: to drop one, tick Delete."""

    head_count = forms.IntegerField(
        label="Learners",
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "min_value": "A segment has at least one learner. To drop this segment, tick "
            "“Delete” instead.",
        },
    )

    class Meta:
        model = LearnerSegment
        fields = ["name", "head_count", "timezone"]
        widgets = {"timezone": TimeZoneInput()}
        labels = {"timezone": "Time zone"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep_what_was_typed(self)


SegmentFormSet = forms.inlineformset_factory(
    LearnerProfile,
    LearnerSegment,
    form=SegmentForm,
    extra=1,
    can_delete=True,
    min_num=0,
)


def timezone_choices() -> list[str]:
    """Return the canonical IANA time zone names of places, sorted, for the searchable list."""
    return list(canonical_timezone_names())
