"""The recommendation rule set that admins edit: pydantic models, with one message per problem.

A rule set is stored as JSON (``schedules.models.RuleSet.spec``) and validated here. The
default, ``default_ruleset.json`` beside this module, reproduces seed 000's decision matrix;
every number in it carries a note saying where it comes from.

Field checks run first; once every field is valid, the checks that span several fields
(duplicate ids, duplicate rows, waking hours that end before they start, …) run and report
every problem they find, not just the first.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.validation_messages import not_empty, problem, raise_problems

DEFAULT_RULESET_FILE = "default_ruleset.json"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _slug(value: str) -> str:
    """Return ``value`` if it is a slug such as "skills-local"; otherwise raise."""
    if not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "not_a_slug",
            "{value} is not a valid id: use lowercase letters, digits and single hyphens, "
            "e.g. 'skills-full-time-local'",
            {"value": repr(value)},
        )
    return value


Slug = Annotated[str, Field(max_length=60), AfterValidator(_slug)]
Text = Annotated[str, Field(min_length=1, max_length=500)]
Note = Annotated[str, Field(max_length=500)]
Points = Annotated[int, Field(ge=0, le=100)]


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True, slots=True)
class NumberField:
    """A plain number of a rule-set section: what its notes cite, and the settings form edits.

    Named, typed and labelled once, on the section's pydantic field (``Field(title=…)``).
    """

    name: str
    label: str
    whole: bool  # an int; otherwise a float


def number_fields(section: type[BaseModel]) -> tuple[NumberField, ...]:
    """Return ``section``'s plain-number fields, in the order the section declares them."""
    return tuple(
        NumberField(name, info.title or name, info.annotation is int)
        for name, info in section.model_fields.items()
        if info.annotation in (int, float)
    )


def _unknown_note_keys(
    notes: dict[str, str], fields: Iterable[NumberField]
) -> list[InitErrorDetails]:
    """Return a problem for each note that names no number of its section."""
    names = {field.name for field in fields}
    known = ", ".join(sorted(names))
    return [
        problem(("notes", key), f"{key!r} is not a field of this section (fields: {known})")
        for key in notes
        if key not in names
    ]


class TechConditionsSpec(_Spec):
    """The 'tech & logistics' column of a matrix row; None (or no bandwidths) means any."""

    bandwidths: tuple[Bandwidth, ...] = ()
    lab_access: bool | None = None
    lms: bool | None = None
    multiple_timezones: bool | None = None

    @model_validator(mode="after")
    def _bandwidths_listed_once(self) -> "TechConditionsSpec":
        raise_problems(
            "TechConditionsSpec",
            (
                problem(("bandwidths", index), f"'{value}' is listed twice")
                for index, value in enumerate(self.bandwidths)
                if value in self.bandwidths[:index]
            ),
        )
        return self

    @property
    def condition_key(self) -> tuple[object, ...]:
        """Return what makes two rows' tech conditions the same (bandwidth order aside)."""
        return (frozenset(self.bandwidths), self.lab_access, self.lms, self.multiple_timezones)


class MatrixRowSpec(_Spec):
    """One row of the decision matrix: when it applies, and the live share it recommends."""

    id: Slug
    label: Text
    priority: ObjectiveKind
    learner_profile: LearnerProfileKind
    tech: TechConditionsSpec
    live_share: Points
    source: Text
    note: Note = ""


class ColumnWeightsSpec(_Spec):
    """How much each column of the matrix counts, relative to the others.

    Any positive numbers: the engine divides each by their sum, so 1/1/1 and 2/2/2 both mean
    equal weights, and 2/1/1 makes the learning outcomes count as much as the other two.
    """

    priority: Annotated[float, Field(gt=0, le=100)]
    learners: Annotated[float, Field(gt=0, le=100)]
    tech: Annotated[float, Field(gt=0, le=100)]
    source: Text


class DisciplineGuidanceSpec(_Spec):
    """A discipline's lean toward live or self-paced time, and the advice shown with it."""

    points: Annotated[int, Field(ge=-20, le=20)]
    advice: Note
    source: Text


class ToleranceSpec(_Spec):
    """Half the width of the band shown around a recommendation, in share points."""

    points: Annotated[int, Field(ge=0, le=50)]
    source: Text


class MonotonyLimitsSpec(_Spec):
    """When a schedule repeats itself too much (seed 004: "avoid monotony"): more than this
    share of its blocks of one activity type, or more identical weeks in a row than this."""

    max_share_of_one_activity_type: Annotated[float, Field(gt=0, le=1)]
    max_identical_weeks_in_a_row: Annotated[int, Field(ge=1, le=52)]
    source: Text


class ThresholdsSpec(_Spec):
    """Numbers the engine and the blend checks compare against; ``notes`` cite their sources."""

    # Each number's title is its label on the rule-set settings form.
    co_facilitator_group_size: Annotated[
        int, Field(ge=1, title="Live group size needing a co-facilitator")
    ]
    waking_hours_start: Annotated[int, Field(ge=0, le=23, title="Waking hours start (hour)")]
    waking_hours_end: Annotated[int, Field(ge=1, le=24, title="Waking hours end (hour)")]
    local_timezone_hours: Annotated[
        float, Field(ge=0, le=12, title="Local: within this many hours")
    ]
    far_timezone_hours: Annotated[float, Field(gt=0, le=12, title="Far: this many hours or more")]
    # A share of the course's weekly load (0.1: a week within 10% of it is on target).
    weekly_hours_tolerance: Annotated[
        float, Field(ge=0, le=1, title="Weekly hours tolerance (share, e.g. 0.1)")
    ]
    live_share_drift_points: Annotated[Points, Field(title="Split drift tolerance (points)")]
    # Defaults keep rule sets saved before these two existed valid.
    learners_outside_share: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            title="Flag a live session when this share is outside waking hours (e.g. 0.1)",
        ),
    ] = 0.1
    mobile_only_share: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            title="Phone-heavy cohort from this share with only a phone or tablet (e.g. 0.5)",
        ),
    ] = 0.5
    monotony: MonotonyLimitsSpec
    notes: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> "ThresholdsSpec":
        problems = _unknown_note_keys(self.notes, THRESHOLD_NUMBERS)
        if self.waking_hours_start >= self.waking_hours_end:
            problems.append(
                problem(
                    ("waking_hours_end",),
                    f"waking hours must end after they start (they start at "
                    f"{self.waking_hours_start} and end at {self.waking_hours_end})",
                )
            )
        if self.local_timezone_hours >= self.far_timezone_hours:
            problems.append(
                problem(
                    ("far_timezone_hours",),
                    f"must be more than local_timezone_hours ({self.local_timezone_hours:g}): "
                    f"a far learner cannot also count as local",
                )
            )
        raise_problems("ThresholdsSpec", problems)
        return self


class FactorSizesSpec(_Spec):
    """Sizes, in share points, of the factors that sit outside the matrix.

    Each is applied in proportion to how far the course is from its best-fitting row, so a
    course that fits a row fully still gets exactly that row's share.
    """

    # Each number's title is its label on the rule-set settings form.
    low_bandwidth_points: Annotated[
        float, Field(ge=0, le=50, title="Low bandwidth factor (points)")
    ]
    far_learners_points: Annotated[
        float, Field(ge=0, le=50, title="Far-away learners factor (points)")
    ]
    notes: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _notes_name_fields(self) -> "FactorSizesSpec":
        raise_problems("FactorSizesSpec", _unknown_note_keys(self.notes, FACTOR_SIZE_NUMBERS))
        return self


# The numbers of each section: notes may cite only these, and the settings form edits them.
THRESHOLD_NUMBERS = number_fields(ThresholdsSpec)
FACTOR_SIZE_NUMBERS = number_fields(FactorSizesSpec)


class RuleSetSpec(_Spec):
    """A complete, valid rule set: the matrix and everything the engine and checks need."""

    name: Text
    description: Note = ""
    baseline_points: Points
    baseline_source: Text
    matrix: Annotated[
        tuple[MatrixRowSpec, ...], Field(max_length=100), AfterValidator(not_empty("row"))
    ]
    column_weights: ColumnWeightsSpec
    discipline_adjustments: dict[Discipline, DisciplineGuidanceSpec]
    tolerance: ToleranceSpec
    thresholds: ThresholdsSpec
    factor_sizes: FactorSizesSpec

    @model_validator(mode="after")
    def _consistent(self) -> "RuleSetSpec":
        problems = [*_duplicate_ids(self.matrix), *_duplicate_rows(self.matrix)]
        missing = [value for value in Discipline if value not in self.discipline_adjustments]
        if missing:
            names = ", ".join(value.value for value in missing)
            problems.append(
                problem(
                    ("discipline_adjustments",),
                    f"every discipline needs an entry (points 0 and empty advice if it has no "
                    f"lean); missing: {names}",
                )
            )
        raise_problems("RuleSetSpec", problems)
        return self


def _duplicate_ids(rows: tuple[MatrixRowSpec, ...]) -> list[InitErrorDetails]:
    """Return a problem for each row whose id an earlier row already uses."""
    first_with: dict[str, int] = {}
    problems = []
    for index, row in enumerate(rows):
        if row.id in first_with:
            problems.append(
                problem(
                    ("matrix", index, "id"),
                    f"{row.id!r} is already the id of matrix[{first_with[row.id]}]; "
                    f"ids must be unique",
                )
            )
        else:
            first_with[row.id] = index
    return problems


def _duplicate_rows(rows: tuple[MatrixRowSpec, ...]) -> list[InitErrorDetails]:
    """Return a problem for each row with the same priority, learners and tech as an earlier
    one: two such rows would always fit a course equally, so one of them is redundant."""
    first_with: dict[tuple[object, ...], int] = {}
    problems = []
    for index, row in enumerate(rows):
        key = (row.priority, row.learner_profile, row.tech.condition_key)
        if key in first_with:
            earlier = first_with[key]
            problems.append(
                problem(
                    ("matrix", index),
                    f"same priority, learner profile and tech conditions as matrix[{earlier}] "
                    f"({rows[earlier].id!r}); remove one or change its conditions",
                )
            )
        else:
            first_with[key] = index
    return problems


@lru_cache(maxsize=1)
def load_default_ruleset() -> RuleSetSpec:
    """Return the default rule set shipped with BlendPlan (seed 000's matrix), validated."""
    text = resources.files("schedules.rules").joinpath(DEFAULT_RULESET_FILE).read_text("utf-8")
    return RuleSetSpec.model_validate_json(text)
