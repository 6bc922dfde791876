"""Browser input for the survey: opening it, closing or revoking it, and a learner's answer."""

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from blendplan.forms import keep_what_was_typed
from blendplan.validators import validate_line, validate_text
from courses.choices import AccessibilityNeed, Device
from courses.forms import TimeZoneInput
from courses.validators import validate_timezone
from schedules.models import (
    SURVEY_COMMENT_MAX_LENGTH,
    SURVEY_OTHER_NEED_MAX_LENGTH,
    SURVEY_REASON_MAX_LENGTH,
    Preference,
)
from schedules.rules.choices import Weekday
from schedules.rules.survey_results import DAYS_PER_WEEK, HOURS_PER_DAY
from schedules.survey.selectors import CONNECTION_CHOICES
from schedules.survey.services import AnswerData

# A survey is for the first weeks of a course (seed 002: "first week, if not earlier"); a
# longer one is a mistake in the dates.
MAX_OPEN_DAYS = 90


class SurveyOpenForm(forms.Form):
    opens = forms.DateField(
        label="Opens on",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="The first day learners can answer, in the course's time zone.",
    )
    closes = forms.DateField(
        label="Closes after",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text="The last day learners can answer.",
    )
    collect_identity = forms.BooleanField(
        label="Ask learners for their name and e-mail address (optional for them). Leave "
        "this off for anonymous answers, which learners give more freely.",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens: date | None = data.get("opens")
        closes: date | None = data.get("closes")
        if opens and closes:
            if closes < opens:
                self.add_error("closes", "The survey must close on or after the day it opens.")
            elif (closes - opens).days > MAX_OPEN_DAYS:
                self.add_error(
                    "closes", f"A survey stays open {MAX_OPEN_DAYS} days at most: close it sooner."
                )
        return data


class SurveyActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("close", "Close now"), ("revoke", "Revoke the address")])


# Text with a tag in it ("<script>", "</b>", "<!--"): answers are plain text.
_TAG = re.compile(r"<\s*[/!]?\s*[A-Za-z!]")


def validate_no_markup(value: str) -> None:
    if _TAG.search(value):
        raise ValidationError(
            "Write plain text, without HTML tags such as <b> or <script>; what you typed is "
            "kept below.",
            code="markup",
        )


def _cell_value(day: int, hour: int) -> str:
    return f"{day}-{hour}"


CELL_CHOICES = [
    (_cell_value(day, hour), f"{label} {hour:02d}:00")
    for day, label in Weekday.choices
    for hour in range(HOURS_PER_DAY)
]


class ResponseForm(forms.Form):
    """A learner's answer. The weekly grid is 168 checkboxes, an hour each, in their zone."""

    timezone = forms.CharField(
        label="Your time zone",
        max_length=64,
        widget=TimeZoneInput(attrs={"autocomplete": "off", "data-suggest-zone": ""}),
        validators=[validate_timezone],
        help_text="Where you will study, as a city in the list (for example Europe/Berlin "
        "or America/Sao_Paulo).",
    )
    availability = forms.MultipleChoiceField(
        required=False,
        choices=CELL_CHOICES,
        error_messages={
            "invalid_choice": "“%(value)s” is not an hour of the week: tick the hours in the grid."
        },
    )
    devices = forms.MultipleChoiceField(
        label="The devices you will study on",
        choices=Device.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one device."},
    )
    connection = forms.ChoiceField(
        label="Your internet connection",
        choices=CONNECTION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the connection closest to yours."},
    )
    needs = forms.MultipleChoiceField(
        label="Anything that would help you take part (optional)",
        choices=AccessibilityNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_need = forms.CharField(
        label="Another need (optional)",
        max_length=SURVEY_OTHER_NEED_MAX_LENGTH,
        required=False,
        validators=[validate_line, validate_no_markup],
    )
    preference = forms.ChoiceField(
        label="Would you rather work in live sessions or at your own pace?",
        choices=Preference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose one: live, self-paced or a mix."},
    )
    preference_reason = forms.CharField(
        label="Why? (optional)",
        max_length=SURVEY_REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_text, validate_no_markup],
    )
    comment = forms.CharField(
        label="Anything else your instructor should know? (optional)",
        max_length=SURVEY_COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_text, validate_no_markup],
    )
    name = forms.CharField(
        label="Your name (optional)",
        max_length=150,
        required=False,
        validators=[validate_line, validate_no_markup],
    )
    email = forms.EmailField(label="Your e-mail address (optional)", required=False)

    def __init__(self, *args: Any, collect_identity: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not collect_identity:
            del self.fields["name"]
            del self.fields["email"]
        keep_what_was_typed(self)

    def grid(self) -> list[tuple[str, list[tuple[str, str, bool]]]]:
        """Return the weekly grid's rows: an hour label, and per weekday the checkbox's
        value, its label and whether it is ticked (kept when the form comes back)."""
        ticked = set(self["availability"].value() or [])
        labels = dict(CELL_CHOICES)
        return [
            (
                f"{hour:02d}:00",
                [
                    (value, labels[value], value in ticked)
                    for value in (_cell_value(day, hour) for day in range(DAYS_PER_WEEK))
                ],
            )
            for hour in range(HOURS_PER_DAY)
        ]

    def answer(self) -> AnswerData:
        """Return the valid answer as the service takes it."""
        data = self.cleaned_data
        cells = frozenset(
            (int(day), int(hour))
            for day, hour in (value.split("-") for value in data["availability"])
        )
        return AnswerData(
            timezone=data["timezone"],
            cells=cells,
            devices=list(data["devices"]),
            connection=data["connection"],
            needs=list(data["needs"]),
            other_need=data["other_need"],
            preference=data["preference"],
            preference_reason=data["preference_reason"],
            comment=data["comment"],
            name=data.get("name", ""),
            email=data.get("email", ""),
        )


class ApplyForm(forms.Form):
    """Which of the proposed changes to the learner profile to apply."""

    changes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Tick at least one change to apply; the profile was not changed.",
            "invalid_choice": "“%(value)s” is no longer among the proposed changes (the "
            "answers or the profile changed meanwhile); the profile was not changed. Look "
            "again and apply.",
        },
    )

    def __init__(self, *args: Any, keys: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        changes = self.fields["changes"]
        assert isinstance(changes, forms.MultipleChoiceField)
        changes.choices = [(key, key) for key in keys]
