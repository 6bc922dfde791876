"""Every blend check, in the order a reviewer reads them, and one function to run them all."""

from collections.abc import Callable

from schedules.rules.checks import access, activities, catalogue, load
from schedules.rules.checks.facts import BlendFacts
from schedules.rules.checks.findings import Finding, Severity

Check = Callable[[BlendFacts], list[Finding]]

CHECKS: tuple[Check, ...] = (
    catalogue.self_paced_without_due_day,
    catalogue.live_outside_waking_hours,
    catalogue.live_time_changes_clocks,
    catalogue.before_the_start,
    load.weekly_hours_off_target,
    load.split_drift,
    activities.passive_live_time,
    catalogue.unusual_modality,
    activities.live_without_preparation,
    catalogue.large_group_without_support,
    access.accessibility_need_unmet,
    access.missing_captions,
    access.no_low_bandwidth_alternative,
    activities.graded_live_without_alternative,
    activities.outcomes_not_served,
    access.multi_document_on_mobile,
    activities.monotony,
    catalogue.repetitive_weeks,
)

_ORDER = {Severity.PROBLEM: 0, Severity.WARNING: 1, Severity.INFO: 2}


def run_checks(facts: BlendFacts) -> list[Finding]:
    """Return every finding on ``facts``, problems first, then warnings, then information."""
    findings = [finding for check in CHECKS for finding in check(facts)]
    return sorted(findings, key=lambda finding: _ORDER[finding.severity])
