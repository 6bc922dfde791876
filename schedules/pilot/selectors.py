"""Reads of the pilot: its page (the checklist with each item's state, the evidence known so
far, the retrospective's decisions) and what deleting its data would take away."""

from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from django.db.models import Field
from django.urls import reverse

from courses.models import Course
from schedules.editor.block_facts import kept_blocks, schedule_block_facts
from schedules.editor.selectors import blend_facts, findings_of
from schedules.models import (
    ActivityBlock,
    CalendarFeed,
    Pilot,
    PilotDecision,
    PilotRevision,
    ReadinessTick,
    ReviewStatus,
    Schedule,
)
from schedules.pilot.checklist import ITEMS, ChecklistItem, PilotFacts, automatic_answers, in_pilot
from schedules.pilot.evidence import evidence_page
from schedules.pilot.evidence_checks import evidence_findings
from schedules.pilot.formative import lagging_outcomes
from schedules.pilot.revisions import suggested_edits
from schedules.rules.blend import summarise_blend
from schedules.rules.checks import BlockFacts, Finding, Severity
from schedules.rules.weeks import weeks_phrase


@dataclass(frozen=True, slots=True)
class ItemRow:
    """A checklist item as the pilot page shows it: done or open, why, and where to do it."""

    item: ChecklistItem
    done: bool
    reason: str
    tick: ReadinessTick | None
    href: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """What BlendPlan knows about the pilot weeks before any activity data arrives."""

    weeks: str
    live_percent: int | None
    live_hours: float
    total_hours: float
    findings: Sequence[Finding]

    @property
    def problems(self) -> int:
        return sum(finding.severity == Severity.PROBLEM for finding in self.findings)

    @property
    def warnings(self) -> int:
        return sum(finding.severity == Severity.WARNING for finding in self.findings)


@dataclass(frozen=True, slots=True)
class PilotPage:
    """Everything the pilot page shows."""

    pilot: Pilot
    items: Sequence[ItemRow]
    evidence: Evidence
    decisions: Sequence[PilotDecision]

    @property
    def open_items(self) -> list[ItemRow]:
        return [row for row in self.items if not row.done]


def pilot_of(schedule: Schedule) -> Pilot | None:
    """Return ``schedule``'s pilot, or None when none is planned."""
    return Pilot.objects.filter(schedule=schedule).first()


def _href(item: ChecklistItem, course: Course) -> str:
    url = reverse(item.url_name, args=[course.pk] if item.course_url else [])
    return f"{url}#{item.anchor}" if item.anchor else url


def pilot_page(course: Course, pilot: Pilot) -> PilotPage:
    """Return the pilot page's data: the checklist decided from the blend as it is now."""
    schedule = pilot.schedule
    facts = blend_facts(course)
    _, summary = findings_of(schedule, facts)
    weeks = tuple(pilot.weeks)
    pilot_facts = PilotFacts(
        weeks=weeks,
        blocks=facts.blocks,
        findings=summary.findings,
        calendar_feed=CalendarFeed.objects.filter(schedule=schedule).exists(),
        approved=schedule.status == ReviewStatus.APPROVED,
        review_label=schedule.get_status_display(),
        retrospective_on=pilot.retrospective_on,
    )
    answers = automatic_answers(pilot_facts)
    ticks = {tick.item: tick for tick in pilot.ticks.select_related("ticked_by")}
    rows = []
    for item in ITEMS:
        tick = ticks.get(item.key)
        if item.automatic:
            answer = answers[item.key]
            done, reason = answer.done, answer.reason
        else:
            done, reason = tick is not None, "" if tick else "Tick it here once it is done."
        rows.append(ItemRow(item, done, reason, tick, _href(item, course)))
    return PilotPage(
        pilot=pilot,
        items=rows,
        evidence=_evidence(course, facts.blocks, summary.findings, weeks),
        decisions=list(pilot.decisions.select_related("block", "created_by")),
    )


def planned_figures(course: Course, pilot: Pilot, blocks: Sequence[BlockFacts]) -> Evidence:
    """Return the pilot weeks' planned blend (weeks, live share and hours) as the pilot page
    works it out, without its checklist or the blend's findings (``findings`` is empty):
    what the evidence page sets the actual against. Only the blocks' facts are read
    (``blocks``, as ``schedule_block_facts`` keeps them between requests), not the rest of
    the blend's."""
    return _evidence(course, blocks, (), tuple(pilot.weeks))


def blocks_by_id(schedule: Schedule, facts: Sequence[BlockFacts]) -> dict[int, ActivityBlock]:
    """Return the blend's blocks by id, made from the rows kept with ``facts`` (as
    ``schedule_block_facts`` just listed them, each the row at the version listed) rather
    than read again; read when they are not kept."""
    made = kept_blocks(schedule, [block.id for block in facts])
    if made is None:
        made = list(schedule.blocks.all())
    return {block.pk: block for block in made}


def _evidence(
    course: Course,
    blocks: Sequence[BlockFacts],
    findings: Sequence[Finding],
    weeks: tuple[int, ...],
) -> Evidence:
    pilot_blocks = [block for block in blocks if in_pilot(block, weeks)]
    ids = {block.id for block in pilot_blocks}
    loads = [
        load
        for load in summarise_blend(pilot_blocks, weeks=course.weeks).weeks
        if load.week in weeks
    ]
    live = sum(load.live_minutes for load in loads)
    total = sum(load.total_minutes for load in loads)
    count = len(weeks) or 1
    return Evidence(
        weeks=weeks_phrase(weeks),
        live_percent=round(live * 100 / total) if total else None,
        live_hours=round(live / 60 / count, 1),
        total_hours=round(total / 60 / count, 1),
        findings=[
            finding
            for finding in findings
            if finding.severity != Severity.INFO
            and (finding.block_id in ids or (finding.block_id is None and _in(finding, weeks)))
        ],
    )


def _in(finding: Finding, weeks: tuple[int, ...]) -> bool:
    """Return whether a finding about no block concerns the pilot weeks."""
    return not finding.weeks or any(week in weeks for week in finding.weeks)


@dataclass(frozen=True, slots=True)
class PilotData:
    """What deleting a course's pilot data takes away, counted for the confirmation."""

    pilot: Pilot
    ticks: int
    decisions: int
    has_notes: bool
    imports: int
    records: int
    activities: int


def pilot_data(pilot: Pilot) -> PilotData:
    """Return what a course's pilot keeps, counted."""
    return PilotData(
        pilot=pilot,
        ticks=pilot.ticks.count(),
        decisions=pilot.decisions.count(),
        has_notes=bool(pilot.notes),
        imports=pilot.imports.count(),
        records=pilot.records.count(),
        activities=pilot.activities.count(),
    )


# ----- the edits made from the evidence -------------------------------------------------------


def restored_values(revision: PilotRevision) -> dict[str, Any]:
    """Return the fields ``revision`` changed as they were before it, as the block's Python
    values (a start time as a ``time``): what undoing it saves."""
    values = {}
    for name, value in revision.restore.items():
        field = ActivityBlock._meta.get_field(name)
        assert isinstance(field, Field)  # a column of the block, not a relation
        values[name] = field.to_python(value)
    return values


def applied_revisions(pilot: Pilot) -> list[PilotRevision]:
    """Return the pilot's edits from the evidence that still stand (not undone), newest
    first, with their blocks."""
    return list(pilot.revisions.filter(undone__isnull=True).select_related("block"))


def blocks_as_held(revisions: Sequence[PilotRevision]) -> list[ActivityBlock]:
    """Return the live blocks ``revisions`` moved as they were held in the pilot weeks (a copy
    of each with its fields before the edit), for the heatmap's "away from the live
    sessions": the old slot is busy with the session's own attendance."""
    held = []
    for revision in revisions:
        if revision.block is None or not revision.restore or not revision.block.is_live:
            continue
        before = copy(revision.block)
        for name, value in restored_values(revision).items():
            setattr(before, name, value)
        held.append(before)
    return held


def block_revisions(pilot: Pilot, block_pk: int, shown: int) -> list[PilotRevision]:
    """Return the latest ``shown`` edits made from the evidence to one block, newest first,
    with who applied and undid them and the version that linked them."""
    return list(
        pilot.revisions.filter(block_id=block_pk).select_related(
            "block", "applied_by", "undone_by", "version"
        )[:shown]
    )


def evidence_with_edits(course: Course, pilot: Pilot, zone: str | None = None) -> dict[str, Any]:
    """Return the evidence page's figures (the heatmap also in ``zone``), its findings with
    each one's suggested edit, or the applied edit that answered it."""
    facts = schedule_block_facts(course.schedule)
    planned = planned_figures(course, pilot, facts)
    applied = applied_revisions(pilot)
    held = blocks_as_held(applied)
    blocks = blocks_by_id(course.schedule, facts)
    page = evidence_page(
        course,
        pilot,
        (planned.live_percent, planned.live_hours, planned.total_hours),
        zone=zone,
        held=held,
        blocks=blocks,
    )
    findings = (
        evidence_findings(
            page.sessions,
            page.completions,
            page.peak_away,
            page.zone,
            {block.pk: block for block in held},
        )
        + lagging_outcomes(page.outcomes, page.pass_mark)
        if page
        else []
    )
    edits = suggested_edits(findings, blocks, page.peak_away_slot if page else None)
    # A finding an applied edit answered is not offered another edit (the evidence was read
    # under the plan before it): the page offers to undo that one instead.
    answered = {revision.finding_key: revision for revision in applied}
    edits = {pk: edit for pk, edit in edits.items() if edit.finding_key not in answered}
    return {
        "page": page,
        "planned": planned,
        "findings": [
            (finding, edits.get(finding.block_id or 0), answered.get(finding.key))
            for finding in findings
        ],
        "edits": edits,
        "blocks": blocks,
        "answered": answered,
    }
