"""The expert panel of schedules (``panel_schedules``): each blend gets exactly the warnings
and problems an instructional designer would raise, each naming its blocks, giving its
numbers and a fix, and citing a source a reader recognises."""

import pytest

from schedules.rules.checks import Finding, Severity, run_checks
from schedules.rules.sources import cite_source
from tests.schedules.rules.checks.panel_schedules import CASES, Expected, PanelCase


def _raised(findings: list[Finding]) -> set[tuple[str, Severity, str | None]]:
    return {(f.check, f.severity, f.block_title) for f in findings if f.severity != Severity.INFO}


def _match(findings: list[Finding], expected: Expected) -> Finding:
    matching = [
        f
        for f in findings
        if (f.check, f.severity, f.block_title)
        == (expected.check, expected.severity, expected.block)
    ]
    assert matching, f"expected {expected}, found {[(f.check, f.block_title) for f in findings]}"
    return matching[0]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_blend_gets_the_findings_a_designer_would_expect(case: PanelCase):
    findings = run_checks(case.facts)
    expected = {(e.check, e.severity, e.block) for e in case.expected}
    assert _raised(findings) == expected, "\n".join(
        f"{f.check} [{f.severity}] {f.block_title}: {f.message} / {f.fix}" for f in findings
    )
    for item in (*case.expected, *case.infos):
        finding = _match(findings, item)
        if item.weeks is not None:
            assert finding.weeks == item.weeks
        text = f"{finding.message} {finding.fix}"
        for words in item.says:
            assert words in text, f"{words!r} not in {text!r}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_panel_finding_says_how_to_fix_it_and_cites_a_recognisable_source(
    case: PanelCase,
):
    for finding in run_checks(case.facts):
        assert finding.message
        assert finding.fix
        assert any(part.citation for part in cite_source(finding.source)), finding.source


def test_the_panel_has_at_least_fifteen_schedules_with_a_quoted_seed_each():
    assert len(CASES) >= 15
    assert all("seed 00" in case.seed and "'" in case.seed for case in CASES)
    assert len({case.name for case in CASES}) == len(CASES)
