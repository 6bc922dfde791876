"""Rule sets, read: the published version recommendations come from, the draft being
edited, and a version's validated spec and check thresholds.

Exactly one version is published at a time; the shipped default (seed 000's matrix) is
published as v1 the first time one is needed. Writes are in ``schedules.rulesets.services``.
"""

from datetime import time

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from pydantic import ValidationError as PydanticValidationError

from blendplan.reused_sql import reused_rows
from schedules.models import RecomputeJob, RuleSet
from schedules.rules.checks import CheckThresholds
from schedules.rules.spec import RuleSetSpec, load_default_ruleset
from schedules.rules.timezones.coverage import WakingHours
from schedules.rules.validation_messages import format_validation_errors

DEFAULT_NOTE = "Seed 000's decision matrix as BlendPlan ships it."


class RuleSetInvalidError(Exception):
    """A rule set was refused; ``problems`` has one sentence per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class RuleSetAlreadyPublishedError(RuleSetInvalidError):
    """The draft was published meanwhile (a double click, or two admins at once)."""

    def __init__(self, ruleset: RuleSet) -> None:
        super().__init__([f"{ruleset} is already published."])
        self.ruleset = ruleset


def ruleset_published_from(pk: int | None) -> RuleSet | None:
    """Return rule set ``pk`` if it was a draft that has been published since, else None."""
    if pk is None:
        return None
    return RuleSet.objects.filter(pk=pk).exclude(status=RuleSet.Status.DRAFT).first()


_SPECS: dict[tuple[int, str], RuleSetSpec] = {}


def spec_of(ruleset: RuleSet) -> RuleSetSpec:
    """Return ``ruleset``'s validated spec, validated once per saved version of it."""
    key = (ruleset.pk, ruleset.updated.isoformat())
    spec = _SPECS.get(key)
    if spec is None:
        spec = RuleSetSpec.model_validate(ruleset.spec)
        if len(_SPECS) > 64:
            _SPECS.clear()
        _SPECS[key] = spec
    return spec


def published_ruleset() -> RuleSet:
    """Return the published rule set, publishing the shipped default as v1 if there is none."""
    published = RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED).first()
    if published is not None:
        return published
    try:
        with transaction.atomic():
            return RuleSet.objects.create(
                status=RuleSet.Status.PUBLISHED,
                version=1,
                spec=load_default_ruleset().model_dump(mode="json"),
                note=DEFAULT_NOTE,
                published_at=timezone.now(),
            )
    except IntegrityError:  # another request published v1 first
        return RuleSet.objects.get(status=RuleSet.Status.PUBLISHED)


def _published_head() -> QuerySet[RuleSet]:
    """The published rule set's id and when it was saved, as ``first()`` would read them."""
    heads = RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED).only("pk", "updated")
    return (heads if heads.ordered else heads.order_by("pk"))[:1]


def published_spec() -> RuleSetSpec:
    """Return the published rule set's spec, reading its JSON only when not yet validated.

    The editor asks on every request; the spec is tens of kilobytes of JSON, and the same
    saved version is validated once (``spec_of``).
    """
    heads = reused_rows("published rule set's head", _published_head)
    head = heads[0] if heads else None
    if head is not None:
        spec = _SPECS.get((head.pk, head.updated.isoformat()))
        if spec is not None:
            return spec
    return spec_of(published_ruleset())


def published_recompute_job() -> RecomputeJob | None:
    """Return the job moving every course to the published rules, if it has one (v1 does
    not: courses are recommended under it as they are described)."""
    return (
        RecomputeJob.objects.filter(ruleset__status=RuleSet.Status.PUBLISHED)
        .select_related("ruleset")
        .first()
    )


def draft_ruleset() -> RuleSet | None:
    """Return the draft being edited, if there is one."""
    return RuleSet.objects.filter(status=RuleSet.Status.DRAFT).first()


def validate_spec(data: object) -> RuleSetSpec:
    """Return ``data`` as a valid spec, or raise RuleSetInvalidError naming every problem."""
    try:
        return RuleSetSpec.model_validate(data)
    except PydanticValidationError as error:
        raise RuleSetInvalidError(format_validation_errors(error)) from error


def validate_spec_json(text: str | bytes) -> RuleSetSpec:
    """Return JSON ``text`` as a valid spec, or raise RuleSetInvalidError (malformed JSON too)."""
    try:
        return RuleSetSpec.model_validate_json(text)
    except PydanticValidationError as error:
        raise RuleSetInvalidError(format_validation_errors(error)) from error


def thresholds_of(spec: RuleSetSpec) -> CheckThresholds:
    """Return the blend checks' thresholds as the rule set sets them."""
    rules = spec.thresholds
    # The spec allows waking hours to end at 24 (midnight); a clock time stops at 23:59.
    end = time(23, 59) if rules.waking_hours_end >= 24 else time(rules.waking_hours_end)
    return CheckThresholds(
        co_facilitator_group_size=rules.co_facilitator_group_size,
        waking=WakingHours(start=time(rules.waking_hours_start), end=end),
        weekly_hours_tolerance=rules.weekly_hours_tolerance,
        split_tolerance_points=rules.live_share_drift_points,
        monotony_share=rules.monotony.max_share_of_one_activity_type,
        monotony_warning_share=rules.monotony_warning_share,
        monotony_problem_share=rules.monotony_problem_share,
        max_identical_weeks=rules.monotony.max_identical_weeks_in_a_row,
        outside_share=rules.learners_outside_share,
        mobile_share=rules.mobile_only_share,
    )
