"""What a check reports."""

from dataclasses import dataclass
from enum import StrEnum


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

    def to_dict(self) -> dict[str, object]:
        """Return the finding as JSON-ready data (for check_blend --json and exports)."""
        return {
            "id": self.check,
            "severity": self.severity.value,
            "block": self.block_id,
            "block_title": self.block_title,
            "weeks": list(self.weeks),
            "message": self.message,
            "fix": self.fix,
            "source": self.source,
        }
