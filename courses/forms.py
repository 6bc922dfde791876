"""Browser input for courses: Django forms whose errors sit next to their fields."""

from typing import Any

from django import forms

from courses.choices import AccessibilityNeed, Device
from courses.models import Course, LearnerProfile, LearnerSegment, LearningOutcome
from courses.validators import timezone_names


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


class OutcomeForm(forms.ModelForm[LearningOutcome]):
    class Meta:
        model = LearningOutcome
        fields = ["text", "bloom_level", "kind"]
        labels = {"text": "Learners will be able to…"}
        widgets = {"text": forms.TextInput(attrs={"placeholder": "e.g. Design a field survey"})}


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
            "lab_access",
            "lms_present",
            "accessibility_needs",
        ]


class SegmentForm(forms.ModelForm[LearnerSegment]):
    class Meta:
        model = LearnerSegment
        fields = ["name", "head_count", "timezone"]
        widgets = {"timezone": TimeZoneInput()}
        labels = {"head_count": "Learners", "timezone": "Time zone"}


SegmentFormSet = forms.inlineformset_factory(
    LearnerProfile,
    LearnerSegment,
    form=SegmentForm,
    extra=1,
    can_delete=True,
    min_num=0,
)


def timezone_choices() -> list[str]:
    """Return every IANA time zone name, sorted, for the searchable list."""
    return sorted(timezone_names())
