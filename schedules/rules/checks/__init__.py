"""The blend checks: what a careful reviewer would flag in a blend (domain notes, seeds 000–004).

Each check is a small pure function from ``BlendFacts`` to a list of ``Finding``s, with a
stable id, a severity, a message naming the block and the weeks, a concrete fix and the
seed it comes from. ``run_checks`` runs them all.
"""

from schedules.rules.checks.facts import (
    BlendFacts,
    BlockFacts,
    CheckThresholds,
    LearnerGroup,
    OutcomeRef,
)
from schedules.rules.checks.findings import Finding, FindingsSummary, Severity
from schedules.rules.checks.registry import CHECKS, run_checks

__all__ = [
    "CHECKS",
    "BlendFacts",
    "BlockFacts",
    "CheckThresholds",
    "Finding",
    "FindingsSummary",
    "LearnerGroup",
    "OutcomeRef",
    "Severity",
    "run_checks",
]
