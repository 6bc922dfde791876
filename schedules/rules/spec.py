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
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from courses.choices import Bandwidth, Discipline, LearnerProfileKind, ObjectiveKind
from schedules.rules.choices import ActivityType
from schedules.rules.validation_messages import not_empty, problem, raise_problems

DEFAULT_RULESET_FILE = "default_ruleset.json"
# Version 2: discipline guidance names activities instead of a lean in points, and the
# factors outside the matrix grew (cohort size, shared waking hours, devices, Bloom level,
# context, live capacity, bounds). Version 1 rule sets are upgraded as they are read.
SPEC_VERSION: Literal[2] = 2
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
    help: str = ""


def number_fields(section: type[BaseModel]) -> tuple[NumberField, ...]:
    """Return ``section``'s plain-number fields, in the order the section declares them."""
    return tuple(
        NumberField(name, info.title or name, info.annotation is int, info.description or "")
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
    """Which activities a discipline runs live and which self-paced, with the advice shown.

    Seed 000's discipline guidance says where activities go ("Use synchronous labs and live
    troubleshooting; assign recorded lectures and auto-graded problem sets for self-paced
    learning"), not how much live time a course needs, so it moves no share points.
    """

    advice: Note
    live_activities: tuple[ActivityType, ...] = ()
    self_paced_activities: tuple[ActivityType, ...] = ()
    source: Text

    @model_validator(mode="after")
    def _each_activity_in_one_place(self) -> "DisciplineGuidanceSpec":
        raise_problems(
            "DisciplineGuidanceSpec",
            (
                problem(
                    ("self_paced_activities", index),
                    f"'{value}' is listed as live too; an activity goes in one list",
                )
                for index, value in enumerate(self.self_paced_activities)
                if value in self.live_activities
            ),
        )
        return self


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
    # Version 2 of the spec: defaults keep version 1 rule sets valid.
    small_cohort_size: Annotated[
        int,
        Field(
            ge=1,
            title="Small cohort: below this many learners",
            description="Below it, live time gains the small-cohort factor in proportion, "
            "in full for one learner.",
        ),
    ] = 15
    neutral_cohort_size: Annotated[
        int,
        Field(
            ge=1,
            title="Ordinary cohort: up to this many learners",
            description="From the small size up to this one, cohort size moves nothing "
            "(the seed's rows describe classes of this size).",
        ),
    ] = 40
    large_cohort_size: Annotated[
        int,
        Field(
            ge=2,
            title="Large cohort: from this many learners",
            description="At or above it, live time loses the large-cohort factor in full; "
            "in between, in proportion to the logarithm of the size.",
        ),
    ] = 2000
    shared_hour_reach: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            title="Shared waking hours: a live hour should reach this share (e.g. 0.8)",
            description="The share of learners the best weekly live hour reaches inside "
            "their waking hours, every week, below which the spread factor applies.",
        ),
    ] = 0.8
    min_live_share: Annotated[
        Points,
        Field(
            title="Lowest live share recommended (%)",
            description="No recommendation goes below it, whatever the factors say.",
        ),
    ] = 0
    max_live_share: Annotated[
        Points,
        Field(
            title="Highest live share recommended (%)",
            description="No recommendation goes above it, whatever the factors say.",
        ),
    ] = 90
    # seed 004: monotony grows more serious with the share of one activity type. Defaults
    # keep rule sets saved before these two existed valid.
    monotony_warning_share: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            title="Monotony is a warning from this share of one activity type (e.g. 0.75)",
            description="Above the monotony share it is a suggestion; from this share a warning.",
        ),
    ] = 0.75
    monotony_problem_share: Annotated[
        float,
        Field(
            gt=0,
            le=1,
            title="Monotony is a problem from this share of one activity type (e.g. 0.95)",
            description="A course made of one kind of activity, week after week.",
        ),
    ] = 0.95
    monotony: MonotonyLimitsSpec
    notes: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> "ThresholdsSpec":
        problems = _unknown_note_keys(self.notes, THRESHOLD_NUMBERS)
        suggestion = self.monotony.max_share_of_one_activity_type
        if not suggestion < self.monotony_warning_share <= self.monotony_problem_share:
            problems.append(
                problem(
                    ("monotony_warning_share",),
                    f"monotony must grow more serious with the share: suggestion above "
                    f"{suggestion:g} < warning from {self.monotony_warning_share:g} <= problem "
                    f"from {self.monotony_problem_share:g}",
                )
            )
        if not self.small_cohort_size < self.neutral_cohort_size < self.large_cohort_size:
            problems.append(
                problem(
                    ("neutral_cohort_size",),
                    f"cohort sizes must grow: small ({self.small_cohort_size}) < ordinary "
                    f"({self.neutral_cohort_size}) < large ({self.large_cohort_size})",
                )
            )
        if self.min_live_share > self.max_live_share:
            problems.append(
                problem(
                    ("max_live_share",),
                    f"the highest live share ({self.max_live_share}%) is below the lowest "
                    f"({self.min_live_share}%)",
                )
            )
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


def _points(title: str, description: str) -> Any:
    """Return a factor size field: 0-50 share points, labelled for the settings form."""
    return Field(ge=0, le=50, title=title, description=description)


class FactorSizesSpec(_Spec):
    """Sizes, in share points, of the factors that sit outside the matrix.

    Low bandwidth is applied in proportion to how far the course is from the best row that
    allows low bandwidth (the matrix's tech column already speaks of bandwidth); the spread
    of waking hours in proportion to what the rows naming time zones leave unpriced. The
    others describe what no row does (cohort size, devices, Bloom levels, context) and apply
    in full, from a neutral point that the seed's rows sit at, so a course that fits a row
    fully and is ordinary in these respects still gets exactly that row's share.
    ``outcome_need_share`` is a share (0-1), not points: how much of the learners' and tech
    columns' pull toward live time is withdrawn for outcomes that do not ask for live time.
    """

    # Each number's title is its label on the rule-set settings form.
    low_bandwidth_points: Annotated[
        float, _points("Low bandwidth factor (points)", "When every learner has low bandwidth.")
    ] = 10
    large_cohort_points: Annotated[
        float,
        _points(
            "Large cohort factor (points)",
            "Less live time for a cohort at the large size or above.",
        ),
    ] = 30
    small_cohort_points: Annotated[
        float,
        _points(
            "Small cohort factor (points)",
            "More live time for a cohort of one learner; in proportion up to the small size.",
        ),
    ] = 10
    spread_points: Annotated[
        float,
        _points(
            "Time-zone spread factor (points)",
            "Less live time when no weekly live hour reaches anyone in their waking hours; "
            "in proportion below the shared-waking-hours reach.",
        ),
    ] = 40
    mobile_points: Annotated[
        float,
        _points(
            "Phones and tablets factor (points)", "When every learner has only a phone or tablet."
        ),
    ] = 15
    bloom_points: Annotated[
        float,
        _points(
            "Bloom level factor (points)",
            "When every outcome sits at a Bloom level that suits self-paced work better than "
            "its kind suggests (skills to remember or understand).",
        ),
    ] = 15
    open_context_points: Annotated[
        float,
        _points(
            "Open, self-directed context factor (points)",
            "Less live time for an open course whose learners set their own pace.",
        ),
    ] = 5
    outcome_need_share: Annotated[
        float,
        Field(
            ge=0,
            le=1,
            title="Live pull that needs outcomes asking for it (share, 0-1)",
            description=(
                "How much of the learners' and tech columns' pull toward live time is "
                "withdrawn in proportion to the outcomes of knowledge acquisition: 1 withdraws "
                "all of it for a course of knowledge outcomes only, 0 leaves the matrix as it is."
            ),
        ),
    ] = 1
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

    spec_version: Literal[2] = SPEC_VERSION
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

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        return upgrade_spec_data(data)

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


def upgrade_spec_data(data: Any) -> Any:
    """Return rule-set JSON of an older version in the current version's shape.

    Version 1 (no ``spec_version``) gave each discipline a lean in points and sized a
    factor for learners far from the instructor; both are dropped (the discipline keeps its
    advice, the time-zone factor now measures shared waking hours), and every number added
    since takes its default.
    """
    if not isinstance(data, dict) or data.get("spec_version", 1) != 1:
        return data
    upgraded = {**data, "spec_version": SPEC_VERSION}
    disciplines = data.get("discipline_adjustments")
    if isinstance(disciplines, dict):
        upgraded["discipline_adjustments"] = {
            key: {name: value for name, value in entry.items() if name != "points"}
            if isinstance(entry, dict)
            else entry
            for key, entry in disciplines.items()
        }
    sizes = data.get("factor_sizes")
    if isinstance(sizes, dict):
        notes = sizes.get("notes")
        upgraded["factor_sizes"] = {
            **{name: value for name, value in sizes.items() if name != "far_learners_points"},
            **(
                {"notes": {k: v for k, v in notes.items() if k != "far_learners_points"}}
                if isinstance(notes, dict)
                else {}
            ),
        }
    return upgraded


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
