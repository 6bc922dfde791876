"""Rule sets, written: start, edit, discard and publish the draft.

Publishing retires the old version (kept, read-only) and numbers the new one in one short
transaction; the new rules apply from then on, and the worker moves every stored
recommendation to them (``schedules.recommendations.recompute``), its progress on the Rules
page.
"""

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from schedules.models import RuleSet
from schedules.recommendations.recompute import recompute_job_start
from schedules.rules.spec import RuleSetSpec
from schedules.rulesets.selectors import (
    RuleSetAlreadyPublishedError,
    RuleSetInvalidError,
    draft_ruleset,
    published_ruleset,
    validate_spec,
)


def ruleset_draft_start(*, by: User) -> RuleSet:
    """Return the draft, starting one as a copy of the published version if there is none."""
    draft = draft_ruleset()
    if draft is not None:
        return draft
    published = published_ruleset()
    try:
        with transaction.atomic():
            return RuleSet.objects.create(
                status=RuleSet.Status.DRAFT, spec=published.spec, based_on=published, created_by=by
            )
    except IntegrityError:  # someone else started it a moment ago
        return RuleSet.objects.get(status=RuleSet.Status.DRAFT)


def ruleset_draft_save(*, draft: RuleSet, spec: RuleSetSpec, note: str | None = None) -> RuleSet:
    """Store a validated ``spec`` in ``draft`` and return it."""
    if draft.status != RuleSet.Status.DRAFT:
        raise RuleSetInvalidError([f"{draft} is published; only a draft can be changed."])
    draft.spec = spec.model_dump(mode="json")
    if note is not None:
        draft.note = note
    draft.save(update_fields=["spec", "note", "updated"])
    return draft


def ruleset_draft_discard(*, draft: RuleSet) -> None:
    """Throw the draft away; the published version is untouched."""
    if draft.status == RuleSet.Status.DRAFT:
        draft.delete()


@transaction.atomic
def ruleset_publish(*, draft: RuleSet, by: User, note: str = "") -> RuleSet:
    """Publish ``draft`` as the next version and queue moving every recommendation to it.

    Returns at once: the courses are recomputed by the worker once this commits, the
    progress in the version's ``recompute_job``.
    """
    draft = RuleSet.objects.select_for_update().get(pk=draft.pk)
    if draft.status != RuleSet.Status.DRAFT:
        raise RuleSetAlreadyPublishedError(draft)
    validate_spec(draft.spec)
    published_ruleset()  # make sure v1 exists, so numbering starts after it
    RuleSet.objects.filter(status=RuleSet.Status.PUBLISHED).update(status=RuleSet.Status.RETIRED)
    latest = RuleSet.objects.aggregate(latest=Max("version"))["latest"] or 0
    draft.status = RuleSet.Status.PUBLISHED
    draft.version = latest + 1
    draft.published_by = by
    draft.published_at = timezone.now()
    if note:
        draft.note = note
    draft.save()
    recompute_job_start(ruleset=draft)
    return draft
