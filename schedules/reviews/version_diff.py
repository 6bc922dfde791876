"""What changed between two submitted versions: plain Python over their snapshots."""

from dataclasses import dataclass
from typing import Any

from schedules.reviews.snapshots import version_blend
from schedules.rules.choices import ActivityType, Modality, Weekday

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
        return ", ".join(map(str, value))
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


def compare_versions(before: dict[str, Any], after: dict[str, Any]) -> VersionDiff:
    """Return the blocks added, removed and changed (field by field) from ``before`` to
    ``after``, the live share and hours on each side, and the findings resolved and new."""
    old = {block["id"]: block for block in before["blocks"]}
    new = {block["id"]: block for block in after["blocks"]}
    changed = []
    for block_id in old.keys() & new.keys():
        changes = [
            FieldChange(
                label, _shown(field, old[block_id][field]), _shown(field, new[block_id][field])
            )
            for field, label in COMPARED_FIELDS.items()
            if old[block_id].get(field) != new[block_id].get(field)
        ]
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
    )
