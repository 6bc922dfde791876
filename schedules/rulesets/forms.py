"""Browser input for the rule-set editor: a matrix row, the settings, an import.

Each form turns what a rule admin typed into the rule set's JSON; the whole rule set is then
validated by ``RuleSetSpec``, whose problems are shown next to the form that caused them.
"""

import re
from typing import Any

from django import forms

from blendplan.validators import validate_line, validate_text
from courses.choices import Bandwidth, LearnerProfileKind, ObjectiveKind
from schedules.rules.spec import FACTOR_SIZE_NUMBERS, THRESHOLD_NUMBERS, NumberField

# A rule set is a few kilobytes of JSON; a megabyte is no rule set.
IMPORT_MAX_LENGTH = 1_000_000

# A JSON escape of a control character (C0, DEL or C1), which a rule set has no use for.
_ESCAPED_CONTROL = re.compile(r"\\u00(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])")

ANY_YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]


def _tri(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _untri(value: str) -> bool | None:
    return None if value == "" else value == "yes"


class MatrixRowForm(forms.Form):
    """One row of the decision matrix: when it applies and the live share it recommends."""

    id = forms.SlugField(label="Id", help_text="Lower-case words joined by hyphens.")
    label = forms.CharField(max_length=500, validators=[validate_line])
    priority = forms.ChoiceField(label="Priority (outcomes)", choices=ObjectiveKind.choices)
    learner_profile = forms.ChoiceField(choices=LearnerProfileKind.choices)
    bandwidths = forms.MultipleChoiceField(
        choices=Bandwidth.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: any bandwidth.",
    )
    lab_access = forms.ChoiceField(choices=ANY_YES_NO, required=False)
    lms = forms.ChoiceField(label="LMS present", choices=ANY_YES_NO, required=False)
    multiple_timezones = forms.ChoiceField(
        label="Learners across time zones", choices=ANY_YES_NO, required=False
    )
    live_share = forms.IntegerField(label="Live share (%)")
    source = forms.CharField(
        max_length=500, validators=[validate_line], help_text="Where the row comes from (a seed)."
    )
    note = forms.CharField(max_length=500, required=False, validators=[validate_line])

    @classmethod
    def from_row(cls, row: dict[str, Any], **kwargs: Any) -> "MatrixRowForm":
        tech = row.get("tech", {})
        initial = {
            **{name: row.get(name, "") for name in ("id", "label", "priority", "source", "note")},
            "learner_profile": row.get("learner_profile"),
            "live_share": row.get("live_share"),
            "bandwidths": list(tech.get("bandwidths", [])),
            "lab_access": _tri(tech.get("lab_access")),
            "lms": _tri(tech.get("lms")),
            "multiple_timezones": _tri(tech.get("multiple_timezones")),
        }
        return cls(initial=initial, **kwargs)

    def to_row(self) -> dict[str, Any]:
        """Return the cleaned row as the rule set's JSON (validated with the whole set)."""
        data = self.cleaned_data
        tech: dict[str, Any] = {"bandwidths": list(data["bandwidths"])}
        for name in ("lab_access", "lms", "multiple_timezones"):
            value = _untri(data[name])
            if value is not None:
                tech[name] = value
        return {
            "id": data["id"],
            "label": data["label"],
            "priority": data["priority"],
            "learner_profile": data["learner_profile"],
            "tech": tech,
            "live_share": data["live_share"],
            "source": data["source"],
            "note": data["note"],
        }


# Where the settings form's fields sit in a rule set, for the paths its problems name.
_SPEC_PATHS = {
    "column_weights.priority": "weight_priority",
    "column_weights.learners": "weight_learners",
    "column_weights.tech": "weight_tech",
    "tolerance.points": "tolerance_points",
}
_SECTIONS = {"column_weights", "tolerance", "factor_sizes", "thresholds"}


class SettingsForm(forms.Form):
    """Column weights, tolerance, factor sizes and the thresholds of the blend checks."""

    weight_priority = forms.FloatField(label="Weight: outcomes")
    weight_learners = forms.FloatField(label="Weight: learners")
    weight_tech = forms.FloatField(label="Weight: tech and logistics")
    tolerance_points = forms.IntegerField(label="Tolerance (± share points)")
    # …then a field for each number of the factor sizes and the thresholds (added below).

    @classmethod
    def from_spec(cls, spec: dict[str, Any], **kwargs: Any) -> "SettingsForm":
        weights, factor_sizes = spec["column_weights"], spec["factor_sizes"]
        thresholds = spec["thresholds"]
        initial = {
            "weight_priority": weights["priority"],
            "weight_learners": weights["learners"],
            "weight_tech": weights["tech"],
            "tolerance_points": spec["tolerance"]["points"],
            **{number.name: factor_sizes[number.name] for number in FACTOR_SIZE_NUMBERS},
            **{number.name: thresholds[number.name] for number in THRESHOLD_NUMBERS},
        }
        return cls(initial=initial, **kwargs)

    def add_spec_problems(self, problems: list[str]) -> list[str]:
        """Put each of the rule set's ``problems`` ("thresholds.waking_hours_end: must be …")
        on the field it is about, without the path ("Must be …"); return those about no
        field of this form."""
        left = []
        for problem in problems:
            path, _, message = problem.partition(": ")
            name = _SPEC_PATHS.get(path) or path.rpartition(".")[2]
            if message and path.partition(".")[0] in _SECTIONS and name in self.fields:
                self.add_error(name, f"{message[:1].upper()}{message[1:]}.")
            else:
                left.append(problem)
        return left

    def apply_to(self, spec: dict[str, Any]) -> dict[str, Any]:
        """Return a copy of ``spec`` with these settings in it."""
        data = self.cleaned_data
        return {
            **spec,
            "column_weights": {
                **spec["column_weights"],
                "priority": data["weight_priority"],
                "learners": data["weight_learners"],
                "tech": data["weight_tech"],
            },
            "tolerance": {**spec["tolerance"], "points": data["tolerance_points"]},
            "factor_sizes": {
                **spec["factor_sizes"],
                **{number.name: data[number.name] for number in FACTOR_SIZE_NUMBERS},
            },
            "thresholds": {
                **spec["thresholds"],
                **{number.name: data[number.name] for number in THRESHOLD_NUMBERS},
            },
        }


def _number(value: object) -> str:
    """Return a setting as a person writes it: 1.0 as "1", 0.25 as "0.25"."""
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def spec_changes(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Return what changed from rule set ``before`` to ``after``, one sentence each, in the
    settings form's words: "Weight: outcomes: 0.4 → 0.5", "Row “…” added"."""
    old, new = SettingsForm.from_spec(before).initial, SettingsForm.from_spec(after).initial
    fields = SettingsForm.base_fields
    changes = [
        f"{fields[name].label}: {_number(old.get(name))} → {_number(value)}"
        for name, value in new.items()
        if old.get(name) != value
    ]
    old_rows = {row["id"]: row for row in before.get("matrix", [])}
    new_rows = {row["id"]: row for row in after.get("matrix", [])}
    for row_id, row in new_rows.items():
        was = old_rows.get(row_id)
        if was is None:
            changes.append(f"Row “{row['label']}” added ({row['live_share']}% live)")
        elif was["live_share"] != row["live_share"]:
            changes.append(
                f"Row “{row['label']}”: {was['live_share']}% → {row['live_share']}% live"
            )
        elif was != row:
            changes.append(f"Row “{row['label']}” changed")
    changes += [f"Row “{row['label']}” removed" for i, row in old_rows.items() if i not in new_rows]
    return changes


def _number_form_field(number: NumberField) -> forms.Field:
    field_class = forms.IntegerField if number.whole else forms.FloatField
    return field_class(label=number.label, help_text=number.help)


SettingsForm.base_fields.update(
    {number.name: _number_form_field(number) for number in FACTOR_SIZE_NUMBERS}
    | {number.name: _number_form_field(number) for number in THRESHOLD_NUMBERS}
)


class ImportForm(forms.Form):
    """A whole rule set as JSON, pasted or uploaded; it replaces the draft if it is valid."""

    text = forms.CharField(
        label="Rule set JSON",
        widget=forms.Textarea,
        required=False,
        max_length=IMPORT_MAX_LENGTH,
        validators=[validate_text],
    )
    file = forms.FileField(label="…or a JSON file", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            if upload.size > IMPORT_MAX_LENGTH:
                raise forms.ValidationError("The file is too large to be a rule set.")
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
            validate_text(data["text"])  # as if it had been pasted
        if not data.get("text", "").strip():
            raise forms.ValidationError("Paste a rule set or choose a file.")
        if found := _ESCAPED_CONTROL.search(data["text"]):
            # JSON may write a control character as an escape; stored, a NUL is refused by
            # PostgreSQL and any of them would end up in exports.
            raise forms.ValidationError(
                f"The rule set writes an invisible control character ({found.group()}); "
                "remove it and import again."
            )
        return data


def focus_first_error(form: forms.Form) -> forms.Form:
    """Return ``form`` with its first refused field set to take focus when the page loads,
    so that a refusal is seen where the user is, not at the top of a long page."""
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["autofocus"] = True
            break
    return form


class PublishForm(forms.Form):
    note = forms.CharField(
        label="What changed and why",
        max_length=300,
        validators=[validate_line],
        help_text="Kept in the history with your name and the date.",
    )
    # The draft the page showed: a second click on Publish (after the first one published
    # it) then says it is published rather than failing.
    draft = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )
