"""What changed between two submitted versions: plain Python over their snapshots."""

from dataclasses import dataclass
from typing import Any

from schedules.reviews.snapshots import version_blend
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.weeks import format_weeks

# The block fields a reviewer reads, with the label the comparison shows.
COMPARED_FIELDS = {
    "title": "Title",
    "modality": "Modality",
    "activity_type": "Activity",
    "day": "Day",
    "start_time": "Start",
    "duration_minutes": "Minutes",
    "weeks": "Weeks",
    "due_day": "Due day",
    "delivery": "Delivery",
    "recorded": "Recorded",
    "captions": "Captions",
    "transcript": "Transcript",
    "low_bandwidth_alternative": "Low-bandwidth alternative",
    "co_facilitator": "Co-facilitator",
    "breakouts": "Breakouts",
}


def _shown(field: str, value: Any) -> str:
    """Return a stored block value as a person reads it."""
    if value is None or value == []:
        return "every week" if field == "weeks" else "–"
    if field in {"day", "due_day"}:
        return str(Weekday(value).label)
    if field == "modality":
        return str(Modality(value).label)
    if field == "activity_type":
        return str(ActivityType(value).label)
    if field == "weeks":
        return format_weeks(value)
    if field == "start_time":
        return str(value)[:5]
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class BlockChange:
    title: str
    changes: list[FieldChange]


def _outcome_texts(snapshot: dict[str, Any]) -> dict[int, str]:
    """Return the text of each of the version's outcomes by id (none before they were kept)."""
    return {o["id"]: o["text"] for o in snapshot["course"].get("outcomes", [])}


def _served(block: dict[str, Any], texts: dict[int, str]) -> str:
    """Return the outcomes a block serves, by their text in its own version."""
    served = [texts.get(pk, f"an outcome since deleted (#{pk})") for pk in block["outcomes"]]
    return "; ".join(served) if served else "none"


def _block_changes(
    old: dict[str, Any], new: dict[str, Any], texts: tuple[dict[int, str], dict[int, str]]
) -> list["FieldChange"]:
    """Return what changed in one block, field by field, then the outcomes it serves.

    Versions submitted before snapshots kept outcomes have no ``outcomes``: nothing is said
    about them rather than a change invented.
    """
    changes = [
        FieldChange(label, _shown(field, old.get(field)), _shown(field, new.get(field)))
        for field, label in COMPARED_FIELDS.items()
        if old.get(field) != new.get(field)
    ]
    if (
        "outcomes" in old
        and "outcomes" in new
        and sorted(old["outcomes"]) != sorted(new["outcomes"])
    ):
        changes.append(FieldChange("Outcomes", _served(old, texts[0]), _served(new, texts[1])))
    return changes


def _outcome_changes(before: dict[str, Any], after: dict[str, Any]) -> list["FieldChange"]:
    """Return the course's outcomes added, reworded or removed, numbered as the reader sees
    them (the later version's order; a removed one by its place before)."""
    if "outcomes" not in before["course"] or "outcomes" not in after["course"]:
        return []
    old, new = _outcome_texts(before), _outcome_texts(after)
    changes = [
        FieldChange(f"Outcome {place}", old.get(pk, "–"), text)
        for place, (pk, text) in enumerate(new.items(), start=1)
        if old.get(pk) != text
    ]
    changes += [
        FieldChange(f"Outcome {place} (removed)", text, "–")
        for place, (pk, text) in enumerate(old.items(), start=1)
        if pk not in new
    ]
    return changes


@dataclass(frozen=True, slots=True)
class VersionDiff:
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    changed: list[BlockChange]
    live_before: int | None
    live_after: int | None
    minutes_before: int
    minutes_after: int
    findings_resolved: list[dict[str, Any]]
    findings_new: list[dict[str, Any]]
    # The course's outcomes added, reworded or removed (blocks' outcomes are in ``changed``).
    outcome_changes: list[FieldChange]


def compare_versions(before: dict[str, Any], after: dict[str, Any]) -> VersionDiff:
    """Return the blocks added, removed and changed (field by field) from ``before`` to
    ``after``, the live share and hours on each side, the findings resolved and new, and
    the course's outcomes that changed."""
    old = {block["id"]: block for block in before["blocks"]}
    new = {block["id"]: block for block in after["blocks"]}
    texts = (_outcome_texts(before), _outcome_texts(after))
    changed = []
    for block_id in old.keys() & new.keys():
        changes = _block_changes(old[block_id], new[block_id], texts)
        if changes:
            changed.append(BlockChange(new[block_id]["title"], changes))
    old_findings = {f["key"]: f for f in before.get("findings", [])}
    new_findings = {f["key"]: f for f in after.get("findings", [])}
    return VersionDiff(
        added=[new[i] for i in new.keys() - old.keys()],
        removed=[old[i] for i in old.keys() - new.keys()],
        changed=sorted(changed, key=lambda change: change.title),
        live_before=before.get("live_percent"),
        live_after=after.get("live_percent"),
        minutes_before=version_blend(before).total_minutes,
        minutes_after=version_blend(after).total_minutes,
        findings_resolved=[old_findings[k] for k in old_findings.keys() - new_findings.keys()],
        findings_new=[new_findings[k] for k in new_findings.keys() - old_findings.keys()],
        outcome_changes=_outcome_changes(before, after),
    )
