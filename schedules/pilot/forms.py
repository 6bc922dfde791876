"""Browser input for the pilot: its weeks, moving it on, ticking items, the retrospective."""

from typing import Any

from django import forms

from blendplan.validators import validate_line, validate_text
from courses.models import MAX_WEEKS
from schedules.models import ActivityBlock, DecisionStatus, Schedule
from schedules.models.pilots import DECISION_MAX_LENGTH, NOTES_MAX_LENGTH, TICK_NOTE_MAX_LENGTH
from schedules.pilot.services import TRANSITIONS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilotPlanForm(forms.Form):
    """The pilot's weeks, a run of the course's weeks, and the day it starts."""

    first_week = forms.IntegerField(label="From week", min_value=1, max_value=MAX_WEEKS, initial=1)
    last_week = forms.IntegerField(label="To week", min_value=1, max_value=MAX_WEEKS, initial=2)
    start_date = forms.DateField(
        label="Starts on",
        required=False,
        widget=DATE_INPUT,
        help_text="Left empty, the first day of the first week by the course's start date.",
    )

    def __init__(self, *args: Any, course_weeks: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course_weeks = course_weeks
        for name in ("first_week", "last_week"):
            field = self.fields[name]
            field.error_messages.update(
                {
                    "required": "Give a week number.",
                    "invalid": "Give a week as a number, such as 2.",
                    "min_value": "Weeks are numbered from 1.",
                    "max_value": f"The course has {course_weeks} weeks.",
                }
            )
        self.fields["start_date"].error_messages["invalid"] = (
            "Give the date as day, month and year (such as 2027-01-11)."
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_week"), cleaned.get("last_week")
        if last is not None and last > self.course_weeks:
            self.add_error(
                "last_week",
                f"The course has {self.course_weeks} weeks: end the pilot in week "
                f"{self.course_weeks} or earlier.",
            )
        elif first is not None and last is not None and last < first:
            self.add_error("last_week", "The last week comes after the first.")
        return cleaned


class PilotMoveForm(forms.Form):
    action = forms.ChoiceField(choices=[(action, action) for action in TRANSITIONS])


class TickForm(forms.Form):
    """Tick an item (with an optional note: who did it, how) or take the tick off."""

    action = forms.ChoiceField(choices=[("tick", "Tick"), ("untick", "Untick")])
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=TICK_NOTE_MAX_LENGTH,
        validators=[validate_line],
    )


class RetrospectiveBookForm(forms.Form):
    on = forms.DateField(
        label="Retrospective on",
        widget=DATE_INPUT,
        error_messages={
            "required": "Give the day of the retrospective.",
            "invalid": "Give the date as day, month and year (such as 2027-01-29).",
        },
    )


class RetrospectiveNotesForm(forms.Form):
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=NOTES_MAX_LENGTH,
        validators=[validate_text],
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you saw in the pilot weeks, what learners said, what surprised you.",
    )


class DecisionForm(forms.Form):
    """A decision of the retrospective: what, about which block, and where it stands."""

    text = forms.CharField(
        label="Decision",
        max_length=DECISION_MAX_LENGTH,
        validators=[validate_line],
        error_messages={"required": "Say what was decided."},
    )
    block = forms.ModelChoiceField(
        label="About the block",
        queryset=ActivityBlock.objects.none(),
        required=False,
        empty_label="No block in particular",
        error_messages={"invalid_choice": "Choose one of this course's blocks."},
    )
    status = forms.ChoiceField(
        label="Status", choices=DecisionStatus.choices, initial=DecisionStatus.AGREED
    )

    def __init__(self, *args: Any, schedule: Schedule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        block = self.fields["block"]
        assert isinstance(block, forms.ModelChoiceField)
        block.queryset = ActivityBlock.objects.filter(schedule=schedule).order_by("title", "pk")


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=DecisionStatus.choices)
