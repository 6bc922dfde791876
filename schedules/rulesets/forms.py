"""Browser input for the rule-set editor: a matrix row, the settings, an import.

Each form turns what a rule admin typed into the rule set's JSON; the whole rule set is then
validated by ``RuleSetSpec``, whose problems are shown next to the form that caused them.
"""

from typing import Any

from django import forms

from courses.choices import Bandwidth, LearnerProfileKind, ObjectiveKind

ANY_YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]


def _tri(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _untri(value: str) -> bool | None:
    return None if value == "" else value == "yes"


class MatrixRowForm(forms.Form):
    """One row of the decision matrix: when it applies and the live share it recommends."""

    id = forms.SlugField(label="Id", help_text="Lower-case words joined by hyphens.")
    label = forms.CharField(max_length=500)
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
    source = forms.CharField(max_length=500, help_text="Where the row comes from (a seed).")
    note = forms.CharField(max_length=500, required=False)

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


class SettingsForm(forms.Form):
    """Column weights, tolerance, factor sizes and the thresholds of the blend checks."""

    weight_priority = forms.FloatField(label="Weight: outcomes")
    weight_learners = forms.FloatField(label="Weight: learners")
    weight_tech = forms.FloatField(label="Weight: tech and logistics")
    tolerance_points = forms.IntegerField(label="Tolerance (± share points)")
    low_bandwidth_points = forms.FloatField(label="Low bandwidth factor (points)")
    far_learners_points = forms.FloatField(label="Far-away learners factor (points)")
    co_facilitator_group_size = forms.IntegerField(label="Live group size needing a co-facilitator")
    waking_hours_start = forms.IntegerField(label="Waking hours start (hour)")
    waking_hours_end = forms.IntegerField(label="Waking hours end (hour)")
    local_timezone_hours = forms.FloatField(label="Local: within this many hours")
    far_timezone_hours = forms.FloatField(label="Far: this many hours or more")
    weekly_hours_tolerance = forms.FloatField(label="Weekly hours tolerance (share, e.g. 0.1)")
    live_share_drift_points = forms.IntegerField(label="Split drift tolerance (points)")
    learners_outside_share = forms.FloatField(
        label="Flag a live session when this share is outside waking hours (e.g. 0.1)"
    )
    mobile_only_share = forms.FloatField(
        label="Phone-heavy cohort from this share with only a phone or tablet (e.g. 0.5)"
    )

    @classmethod
    def from_spec(cls, spec: dict[str, Any], **kwargs: Any) -> "SettingsForm":
        weights, thresholds = spec["column_weights"], spec["thresholds"]
        initial = {
            "weight_priority": weights["priority"],
            "weight_learners": weights["learners"],
            "weight_tech": weights["tech"],
            "tolerance_points": spec["tolerance"]["points"],
            "low_bandwidth_points": spec["factor_sizes"]["low_bandwidth_points"],
            "far_learners_points": spec["factor_sizes"]["far_learners_points"],
            **{name: thresholds[name] for name in THRESHOLD_FIELDS},
        }
        return cls(initial=initial, **kwargs)

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
                "low_bandwidth_points": data["low_bandwidth_points"],
                "far_learners_points": data["far_learners_points"],
            },
            "thresholds": {
                **spec["thresholds"],
                **{name: data[name] for name in THRESHOLD_FIELDS},
            },
        }


THRESHOLD_FIELDS = (
    "co_facilitator_group_size",
    "waking_hours_start",
    "waking_hours_end",
    "local_timezone_hours",
    "far_timezone_hours",
    "weekly_hours_tolerance",
    "live_share_drift_points",
    "learners_outside_share",
    "mobile_only_share",
)


class ImportForm(forms.Form):
    """A whole rule set as JSON, pasted or uploaded; it replaces the draft if it is valid."""

    text = forms.CharField(label="Rule set JSON", widget=forms.Textarea, required=False)
    file = forms.FileField(label="…or a JSON file", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None:
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
        if not data.get("text", "").strip():
            raise forms.ValidationError("Paste a rule set or choose a file.")
        return data


class PublishForm(forms.Form):
    note = forms.CharField(
        label="What changed and why",
        max_length=300,
        help_text="Kept in the history with your name and the date.",
    )
