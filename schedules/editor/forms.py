"""Browser input for the blend editor: an activity block and the editor's bulk actions."""

from functools import lru_cache
from typing import Any

from django import forms
from django.http import QueryDict

from blendplan.fields import LoadedIdsField
from blendplan.forms import keep_what_was_typed
from blendplan.http import valid_or_400
from blendplan.validators import validate_line, validate_text
from courses.models import Course, LearningOutcome
from schedules.models import BLOCK_FIELDS, REASON_MAX_LENGTH, ActivityBlock
from schedules.rules.choices import GagneEvent, Modality
from schedules.rules.sample_weeks import SAMPLE_WEEKS
from schedules.rules.weeks import WeeksError, format_weeks, parse_weeks


class WeeksField(forms.CharField):
    """Weeks typed as "1-4, 6"; blank means every week."""

    def __init__(self, *, last_week: int, **kwargs: Any) -> None:
        self.last_week = last_week
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("help_text", f"Blank for every week, or e.g. 1–4, 6 (of 1–{last_week}).")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return format_weeks(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_weeks(text or "", last_week=self.last_week)
        except WeeksError as error:
            raise forms.ValidationError(
                [forms.ValidationError(problem, code="invalid_weeks") for problem in error.problems]
            ) from error


class BlockForm(forms.ModelForm[ActivityBlock]):
    """One activity block. The outcomes offered are the course's own, and only those."""

    gagne_events = forms.TypedMultipleChoiceField(
        label="Gagné events",
        choices=GagneEvent.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Where the block sits in Gagné's nine events of instruction.",
    )
    # The version of the block the edit began from: a block's version counts its saves.
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )

    class Meta:
        model = ActivityBlock
        fields = [*BLOCK_FIELDS, "outcomes"]
        field_classes = {"outcomes": LoadedIdsField}
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "outcomes": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            # seed 000: "schedule multiple live session times"; the checks recognise a repeat
            # by its name (schedules/rules/checks/repeats.py).
            "title": "A live session offered again for other time zones: the same title with "
            "“(repeat …)”, e.g. “Seminar (repeat for Sydney)”; learners' hours count it once.",
            "start_time": "Live blocks only, in the course's time zone; self-paced work has "
            "no clock time.",
            # seed 003: self-paced work needs a time.
            "due_day": "When self-paced work is due: work that can be done any time too "
            "often gets done at no time.",
        }
        labels = {"co_facilitator": "Co-facilitator"}

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["weeks"] = WeeksField(last_week=course.weeks, label="Weeks")
        outcomes = self.fields["outcomes"]
        assert isinstance(outcomes, LoadedIdsField)
        # The course's outcomes, loaded with it (``with_blend_facts``): offered and checked
        # without reading them again.
        outcomes.rows = list(course.outcomes.all())
        outcomes.queryset = LearningOutcome.objects.filter(course=course).order_by("position")
        outcomes.error_messages["invalid_choice"] = (
            "Choose outcomes of this course only; “%(value)s” is not one of them."
        )
        keep_what_was_typed(self)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]  # a new block has no version to check yet

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("modality") == Modality.SELF_PACED:
            # Self-paced work has no clock time: a time left in the box means nothing.
            data["start_time"] = None
            self.instance.start_time = None
        if self.instance.pk and data.get("version") is None:
            # Without it a save could not be checked against changes made since: refused,
            # above the form (the field is hidden, so an error next to it would not show).
            self.errors.pop("version", None)
            self.add_error(
                None,
                "The form did not say which version of the block it was changing, so it "
                "could not be checked against changes made since; nothing was saved. "
                "Reload the editor and make the change again.",
            )
        return data

    def validate_constraints(self) -> None:
        """Skip re-checking the block's database constraints with one query each.

        Every check constraint of ActivityBlock is also a field validator or part of
        ``ActivityBlock.clean()``, which run here and say what is wrong next to the field;
        the database still enforces the constraints on save.
        """


class SampleWeekForm(forms.Form):
    """Start the blend from one of seed 000's sample weeks."""

    week = forms.ChoiceField(
        choices=[(week.letter, f"{week.letter}: {week.title}") for week in SAMPLE_WEEKS.values()]
    )
    existing = forms.ChoiceField(
        required=False,
        choices=[("", "Ask me"), ("replace", "Replace the current blocks"), ("add", "Add to them")],
    )
    # Fit the week to the course's recommended live share (lengths change, the total not).
    fit = forms.BooleanField(required=False)


class CopyWeekForm(forms.Form):
    """Make a range of weeks look like one source week."""

    source = forms.TypedChoiceField(label="Copy week", coerce=int)
    first = forms.TypedChoiceField(label="to weeks", coerce=int)
    last = forms.TypedChoiceField(label="through", coerce=int)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weeks = [(week, str(week)) for week in range(1, course.weeks + 1)]
        for name in ("source", "first", "last"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = weeks
        self.weeks = range(1, course.weeks + 1)

    def pickers(self) -> "WeekPickers":
        """Return each week picker with its options, as (week, selected) pairs."""
        pickers = []
        for field in self:
            chosen = str(field.value())
            pickers.append((field, [(week, str(week) == chosen) for week in self.weeks]))
        return pickers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last, source = data.get("first"), data.get("last"), data.get("source")
        if first is not None and last is not None and first > last:
            self.add_error("last", "The last week comes before the first.")
        elif source is not None and first is not None and first <= source <= (last or 0):
            self.add_error("first", f"The range includes week {source} itself.")
        return data


type WeekPickers = list[tuple[forms.BoundField, list[tuple[int, bool]]]]


@lru_cache(maxsize=64)
def blank_copy_form(weeks: int) -> tuple[CopyWeekForm, WeekPickers]:
    """Return the copy form as the editor first shows it, for a course of ``weeks`` weeks,
    with its pickers: made once for each length, since nothing in it depends on the
    request or the course beyond that (unbound, no initial values, nothing to change)."""
    form = CopyWeekForm(course=Course(weeks=weeks))
    return form, form.pickers()


class CopyConfirmForm(forms.Form):
    """The answer to "copy and take those blocks out?": ``yes``, or no answer yet."""

    confirm = forms.ChoiceField(
        required=False,
        choices=[("", "Ask me"), ("yes", "Copy and take them out")],
        error_messages={
            "invalid_choice": "“%(value)s” is not an answer to the question; nothing was "
            "copied. Copy again and confirm, or cancel."
        },
    )

    @property
    def confirmed(self) -> bool:
        """Whether the copy may take blocks out; only once the form is valid."""
        return bool(self.cleaned_data["confirm"] == "yes")


class WeekParamForm(forms.Form):
    """The week the editor shows (``?week=``, or the hidden ``week`` of its forms)."""

    week = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["week"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(week, str(week)) for week in range(1, course.weeks + 1)]
        field.error_messages["invalid_choice"] = (
            f"There is no week “%(value)s” in this course: choose a week from 1 to {course.weeks}."
        )


def shown_week(data: QueryDict, course: Course) -> int:
    """Return the week to show: ``week`` in ``data``, or week 1 when there is none.

    Raises ``InvalidParameter`` (400) for a week that is not a week of the course.
    """
    raw = data.get("week")
    if raw is None or raw == "":
        return 1
    # A week written as the form's choices are ("1" to the last week, as a link or the
    # hidden field gives it) is one of them: the form is asked only to word a refusal.
    written = isinstance(raw, str) and raw.isascii() and raw.isdigit() and raw[0] != "0"
    if written and int(raw) <= course.weeks:
        return int(raw)
    week = valid_or_400(WeekParamForm(data, course=course))["week"]
    return 1 if week is None else int(week)


class FindingChoiceForm(forms.Form):
    """Which findings a dismissal is about: one (``key``) or every one of a check (``check``),
    with the reason (``findings_dismiss`` says when it is missing)."""

    key = forms.CharField(required=False, max_length=200, validators=[validate_line])
    check = forms.CharField(required=False, max_length=200, validators=[validate_line])
    reason = forms.CharField(
        required=False, strip=False, max_length=REASON_MAX_LENGTH, validators=[validate_text]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("key") and data.get("check"):
            raise forms.ValidationError(
                "Name one finding (key) or one check (check), not both; nothing was dismissed."
            )
        return data
