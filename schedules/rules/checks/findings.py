"""What a check reports."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a reviewer would flag, with how to fix it and where the advice comes from."""

    check: str  # stable id, e.g. "passive-live-time"
    severity: Severity
    message: str
    fix: str
    source: str  # e.g. "seed 003"
    block_id: int | None = None
    block_title: str | None = None
    weeks: tuple[int, ...] = ()  # empty: every week, or not about weeks
    # What a finding about no block is about ("outcome-12", "weeks-3-8"), so that two
    # findings of one check have two keys and are dismissed one at a time.
    subject: str | None = None

    @property
    def key(self) -> str:
        """Return what identifies this finding across edits: its check and its block or
        subject, if any."""
        if self.block_id is not None:
            return f"{self.check}:{self.block_id}"
        return self.check if self.subject is None else f"{self.check}:{self.subject}"

    def to_dict(self) -> dict[str, object]:
        """Return the finding as JSON-ready data (for check_blend --json and exports)."""
        return {
            "id": self.check,
            "key": self.key,
            "severity": self.severity.value,
            "block": self.block_id,
            "block_title": self.block_title,
            "weeks": list(self.weeks),
            "message": self.message,
            "fix": self.fix,
            "source": self.source,
        }


# No slots: each view of the findings is worked out once (a page asks for them per block).
@dataclass(frozen=True)
class FindingsSummary:
    """Findings arranged for display: by block, by week, and counted by severity.

    ``findings`` are the active ones; those whose key is in ``dismissed_keys`` are set
    aside in ``dismissed`` (the instructor said why they do not apply).
    """

    all_findings: tuple[Finding, ...]
    dismissed_keys: frozenset[str] = frozenset()

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.all_findings if f.key not in self.dismissed_keys)

    @cached_property
    def dismissed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.all_findings if f.key in self.dismissed_keys)

    @cached_property
    def groups(self) -> list["FindingGroup"]:
        """Return the active findings grouped by check, in the order they were found."""
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.check, []).append(finding)
        return [FindingGroup(tuple(items)) for items in grouped.values()]

    @cached_property
    def by_block(self) -> dict[int, list[Finding]]:
        grouped: dict[int, list[Finding]] = {}
        for finding in self.findings:
            if finding.block_id is not None:
                grouped.setdefault(finding.block_id, []).append(finding)
        return grouped

    @cached_property
    def weeks(self) -> set[int]:
        """Return the weeks a problem or warning names (the timeline marks them).

        Suggestions don't mark weeks: one about a run of weeks would mark them all.
        """
        return {
            week
            for finding in self.findings
            if finding.severity != Severity.INFO
            for week in finding.weeks
        }

    @cached_property
    def problems(self) -> int:
        return sum(finding.severity == Severity.PROBLEM for finding in self.findings)

    @cached_property
    def warnings(self) -> int:
        return sum(finding.severity == Severity.WARNING for finding in self.findings)


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """The findings of one check: one fix and one source for several blocks or weeks."""

    findings: tuple[Finding, ...]
    shown: int = 5  # the rest sit behind "and N more"

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def head(self) -> tuple[Finding, ...]:
        return self.findings[: self.shown]

    @property
    def rest(self) -> tuple[Finding, ...]:
        return self.findings[self.shown :]

    @property
    def shared_fix(self) -> bool:
        """Whether every finding of the group has the same fix (shown once, after them);
        otherwise each finding shows its own, which names its block."""
        return len({finding.fix for finding in self.findings}) == 1

    @property
    def rest_keys(self) -> frozenset[str]:
        """The keys of the findings behind "and N more" (their list opens for one of them)."""
        return frozenset(finding.key for finding in self.rest)
