"""Browser input for the time-zone planner: what it shows, and a slot to apply."""

from typing import Any

from django import forms

from blendplan.http import one_of
from schedules.rules.choices import Weekday

DURATIONS = (30, 45, 60, 90, 120)


class PlannerParamsForm(forms.Form):
    """``?duration=`` (minutes of the slots, 60 when absent) and ``?view=`` (the zone the
    heatmap is drawn in: the course's or a segment's, the course's when absent)."""

    duration = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(minutes, f"{minutes} minutes") for minutes in DURATIONS],
        error_messages={
            "invalid_choice": "“%(value)s” is not a session length the planner offers: choose "
            + one_of([str(minutes) for minutes in DURATIONS])
            + " minutes."
        },
    )
    view = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, zones: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        view = self.fields["view"]
        assert isinstance(view, forms.ChoiceField)
        view.choices = [(zone, zone) for zone in zones]
        view.error_messages["invalid_choice"] = (
            "“%(value)s” is not a time zone of this course's learners: choose "
            + one_of(zones)
            + "."
        )
        self.zones = zones

    def clean_duration(self) -> int:
        duration = self.cleaned_data["duration"]
        return 60 if duration is None else int(duration)

    def clean_view(self) -> str:
        return str(self.cleaned_data["view"] or self.zones[0])


class SlotApplyForm(forms.Form):
    """A suggested slot: a weekday and a start time in the course's zone."""

    day = forms.TypedChoiceField(coerce=int, choices=Weekday.choices)
    start = forms.TimeField(input_formats=["%H:%M", "%H:%M:%S"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unreadable = "That slot could not be read; choose one of the suggestions."
        for field in self.fields.values():
            field.error_messages.update(
                {"required": unreadable, "invalid": unreadable, "invalid_choice": unreadable}
            )
