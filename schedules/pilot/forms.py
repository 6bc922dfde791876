"""Browser input for the pilot: its weeks, moving it on, ticking items, the retrospective."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from blendplan.validators import validate_line, validate_text
from courses.models import MAX_WEEKS
from courses.validators import validate_timezone
from schedules.models import ActivityBlock, DecisionStatus, PilotActivity, Schedule
from schedules.models.pilots import DECISION_MAX_LENGTH, NOTES_MAX_LENGTH, TICK_NOTE_MAX_LENGTH
from schedules.pilot.evidence import MappedActivity
from schedules.pilot.services import TRANSITIONS
from schedules.pilot_imports import FormatKind
from schedules.pilot_imports.source import megabytes
from schedules.rules.checks import BlockFacts
from schedules.rules.choices import Weekday
from schedules.rules.weeks import weeks_phrase

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


class BlockChoiceField(forms.ModelChoiceField[ActivityBlock]):
    """A block of the blend, each labelled with its day and, unless it runs every week, its
    weeks: a title each week has is told apart."""

    def label_from_instance(self, obj: ActivityBlock) -> str:
        return block_label(obj, weeks=True)


class DecisionForm(forms.Form):
    """A decision of the retrospective: what, about which block, and where it stands."""

    text = forms.CharField(
        label="Decision",
        max_length=DECISION_MAX_LENGTH,
        validators=[validate_line],
        error_messages={"required": "Say what was decided."},
    )
    block = BlockChoiceField(
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


DAY_ORDER_CHOICES = [
    ("", "Let BlendPlan tell from the file and the course dates"),
    ("day", "Day first (07/12 is 7 December)"),
    ("month", "Month first (12/07 is 7 December)"),
]


class PilotImportForm(forms.Form):
    """An export to import: the file, its kind (detected unless chosen), the time zone its
    times are in (the zone of whoever downloaded it) and, if the dates are ambiguous, their
    order."""

    file = forms.FileField(
        label="Export file",
        error_messages={
            "required": "Choose the file to import.",
            "empty": "The file is empty: download the export again.",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of export",
        required=False,
        choices=[("", "Tell from the file")] + [(kind.value, kind.label) for kind in FormatKind],
    )
    uploader_zone = forms.CharField(
        label="Time zone of the file's times",
        max_length=64,
        validators=[validate_timezone],
        help_text="Exports write times in the zone of whoever downloaded them.",
        error_messages={"required": "Give the time zone the file's times are in."},
    )
    day_order = forms.ChoiceField(
        label="Dates such as 07/12 in the file",
        required=False,
        choices=DAY_ORDER_CHOICES,
    )

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.json,.jsonl,.gz,.zip"
        # The limit beside the field it limits (as a separate line it read as a stray note).
        self.fields["file"].help_text = (
            "A CSV or JSON export, or one compressed as .gz or .zip: up to "
            f"{megabytes(max_bytes)} once expanded."
        )

    @property
    def chosen_kind(self) -> FormatKind | None:
        value = self.cleaned_data.get("kind")
        return FormatKind(value) if value else None

    @property
    def day_first(self) -> bool | None:
        return {"day": True, "month": False}.get(self.cleaned_data.get("day_order") or "")


def block_label(block: ActivityBlock | BlockFacts, *, weeks: bool = False) -> str:
    """A block as a choice: its title, day and time or due day ("Seminar (Tuesday 14:00)");
    with ``weeks``, also the weeks it runs in when not every week ("Seminar (Tuesday 14:00;
    week 3)"), for a list of several weeks' blocks, where a title each week has would
    otherwise appear many times alike."""
    when = DAY_NAMES[block.day]
    if block.start_time is not None:
        when += f" {block.start_time:%H:%M}"
    if block.due_day is not None:
        when += f", due {DAY_NAMES[block.due_day]}"
    if weeks and block.weeks:
        when += f"; {weeks_phrase(block.weeks)}"
    return f"{block.title} ({when})"


# Weekday labels by value, looked up once (the mapping page labels a term's blocks).
DAY_NAMES = dict(Weekday.choices)


class OneOf(forms.Field):
    """A choice among ``valid`` values, whose options the page draws itself (once for many
    fields: ``MappingForm``). A ``ChoiceField`` would check and copy its whole list of
    choices for each of a term's hundreds of activities."""

    default_error_messages = {
        "invalid_choice": "Choose a block of this blend, or “Not part of the plan”."
    }

    def __init__(self, valid: frozenset[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.valid = valid

    def to_python(self, value: Any) -> str:
        return "" if value in self.empty_values else str(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and value not in self.valid:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


class MappingForm(forms.Form):
    """Each imported activity → a block of the blend, or "not part of the plan". Fields are
    made per activity (``activity-<pk>``); the choices are the schedule's blocks."""

    NOT_IN_PLAN = "none"

    def __init__(
        self,
        *args: Any,
        activities: Sequence[MappedActivity | PilotActivity],
        blocks: Sequence[BlockFacts],
        suggested: dict[int, int | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activities = list(activities)
        self.blocks = list(blocks)
        choices = [(self.NOT_IN_PLAN, "Not part of the plan")] + [
            (str(block.id), block_label(block, weeks=True)) for block in self.blocks
        ]
        # Every field validates against all of these; the page offers each activity those of
        # its week (``week_choices``), drawn once a week. A list of every block names each
        # one's weeks; a week's list need not.
        self.block_choices = choices
        self.week_labels = {str(block.id): block_label(block) for block in self.blocks}
        valid = frozenset(value for value, _ in choices)
        for activity in self.activities:
            if activity.confirmed:
                initial = str(activity.block_id) if activity.block_id else self.NOT_IN_PLAN
            else:
                block_id = suggested.get(activity.pk)
                initial = str(block_id) if block_id else self.NOT_IN_PLAN
            self.fields[f"activity-{activity.pk}"] = OneOf(
                valid, label=activity.title, initial=initial
            )

    def rows(self) -> list[tuple[MappedActivity | PilotActivity, forms.BoundField]]:
        return [(activity, self[f"activity-{activity.pk}"]) for activity in self.activities]

    def week_choices(self, week: int | None) -> list[tuple[str, str]]:
        """The choices offered to an activity of ``week``: "not part of the plan" and the
        blocks that run that week (labelled without their weeks); every block, each naming
        its weeks, when the week is not known."""
        if week is None:
            return self.block_choices
        running = {str(block.id) for block in self.blocks if not block.weeks or week in block.weeks}
        return self.block_choices[:1] + [
            (value, self.week_labels[value])
            for value, _ in self.block_choices[1:]
            if value in running
        ]

    def chosen(self) -> dict[int, int | None]:
        """Return each activity's block id (None: not part of the plan)."""
        return {
            activity.pk: None
            if self.cleaned_data[f"activity-{activity.pk}"] == self.NOT_IN_PLAN
            else int(self.cleaned_data[f"activity-{activity.pk}"])
            for activity in self.activities
        }


class MappingListForm(forms.Form):
    """The mapping page's ``?every=1``: every block in each activity's list rather than its
    week's (a link's value: another one answers 400)."""

    every = forms.ChoiceField(choices=[("1", "every block")], required=False)


@dataclass(frozen=True, slots=True)
class MappingWeek:
    """The mapping page's activities of one course week (``week`` None: not known), with the
    choices their selects offer (drawn once for them all)."""

    week: int | None
    rows: list[tuple[Any, forms.BoundField]]  # (MappingRow, its field)
    choices: list[tuple[str, str]]
    values: frozenset[str]  # of ``choices``


def mapping_weeks(rows: Sequence[Any], form: MappingForm, *, every: bool) -> list[MappingWeek]:
    """Return ``rows`` (``MappingRow``s) by course week, weeks in order and the activities
    whose week is not known last; each week's selects offer the blocks that run that week,
    or, with ``every``, every block of the blend."""
    by_week: dict[int | None, list[tuple[Any, forms.BoundField]]] = {}
    for row in rows:
        by_week.setdefault(row.week, []).append((row, form[f"activity-{row.activity.pk}"]))
    weeks = []
    for week in sorted(by_week, key=lambda week: (week is None, week or 0)):
        choices = form.block_choices if every else form.week_choices(week)
        weeks.append(
            MappingWeek(week, by_week[week], choices, frozenset(value for value, _ in choices))
        )
    return weeks


class ReviseForm(forms.Form):
    """Applying a suggested edit: the block's version the suggestion was shown against, so an
    edit saved in between is not overwritten (a hidden value: a bad one answers 400)."""

    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)


class HeatmapZoneForm(forms.Form):
    """``?zone=``: the time zone the evidence page's heatmap is drawn in, the course's or a
    learner segment's (the course's when absent)."""

    zone = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, zones: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["zone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(zones)
        self.course_zone = zones[0][0]
        field.error_messages["invalid_choice"] = (
            "“%(value)s” is not the course's time zone or a learner segment's, so the heatmap "
            f"is in {self.course_zone}, the course's time zone."
        )

    def chosen(self) -> tuple[str, str]:
        """Return the zone to draw the heatmap in, and why it is not the one asked for (""
        when it is): an unknown zone falls back to the course's, with a notice."""
        if self.is_valid():
            return self.cleaned_data["zone"] or self.course_zone, ""
        return self.course_zone, " ".join(str(error) for error in self.errors["zone"])


class RevisedForm(forms.Form):
    """The revise page's ``?applied=``: the edit just applied without JavaScript, whose notice
    (with Undo) the page shows (a link's value: a bad one answers 400)."""

    applied = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
