"""Evidence findings: what the pilot weeks' data says about the plan, in the blend checks'
style (numbers, direction, fix, source). Plain Python over the evidence page's rows.

* A live session whose attendance is low while learners are most active at another time
  (seed 000: "measure engagement with simple heatmaps" to find the "peak engagement
  windows"; issue #16's example: "Thursday 17:00 check-in: 38% attended in weeks 1–2;
  learners are most active Wednesday 19:00–21:00").
* Self-paced work that most learners finished after its due day (seed 001: learning
  analytics on engagement, pace and performance).
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence

from schedules.models import ActivityBlock
from schedules.pilot.evidence import CompletionRow, SessionRow
from schedules.rules.checks import Finding, Severity
from schedules.rules.weeks import weeks_phrase

# Our thresholds, not a seed's: under half the cohort at a live session, or under half of
# those who finished doing so by the due day, is worth a second look at the retrospective.
LOW_ATTENDANCE = 50
LATE_SHARE = 50


def _when(block: ActivityBlock) -> str:
    start = f" {block.start_time:%H:%M}" if block.start_time else ""
    return f"{block.get_day_display()}{start}"


def low_attendance(
    sessions: Sequence[SessionRow],
    peak: str,
    zone: str,
    held: Mapping[int, ActivityBlock] | None = None,
) -> list[Finding]:
    """A finding per live block whose shown sessions averaged under ``LOW_ATTENDANCE``% of
    the cohort, saying when learners are most active away from the live blocks (``peak``;
    a live session's own attendance would otherwise be its own peak) and which time zone
    both times are in (``zone``, the course's: a learner reading it may be elsewhere). A
    block an edit from the evidence moved since is named as it was held (``held``, by id):
    the figures are about that session."""
    held = held or {}
    by_block: dict[int, list[SessionRow]] = defaultdict(list)
    for row in sessions:
        if row.share is not None:
            by_block[row.block.pk].append(row)
    findings = []
    for rows in by_block.values():
        block = rows[0].block
        share = round(sum(row.share or 0 for row in rows) / len(rows))
        if share >= LOW_ATTENDANCE:
            continue
        weeks = tuple(sorted({row.week for row in rows}))
        busiest = f"; learners are most active {peak}" if peak else ""
        findings.append(
            Finding(
                check="pilot-low-attendance",
                severity=Severity.WARNING,
                message=f"{_when(held.get(block.pk, block))} “{block.title}” (times in {zone}): "
                f"{share}% of the "
                f"cohort attended in "
                f"{weeks_phrase(weeks)}{busiest} (seed 000).",
                fix="Move the session towards the busiest window, or record it and give those "
                "who cannot come a short catch-up task.",
                source="seed 000",
                block_id=block.pk,
                block_title=block.title,
                weeks=weeks,
            )
        )
    return findings


def late_work(completions: Sequence[CompletionRow]) -> list[Finding]:
    """A finding per self-paced block most of whose finishers finished after its due day."""
    return [
        Finding(
            check="pilot-late-self-paced",
            severity=Severity.WARNING,
            message=f"“{row.block.title}”: only {row.on_time}% of the learners who finished it "
            f"did so by its due day ({row.due}) (seed 001).",
            fix="Give it a later due day, split it into smaller steps, or remind learners the "
            "day before it is due.",
            source="seed 001",
            block_id=row.block.pk,
            block_title=row.block.title,
        )
        for row in completions
        if row.on_time is not None and row.on_time < LATE_SHARE
    ]


def evidence_findings(
    sessions: Sequence[SessionRow],
    completions: Sequence[CompletionRow],
    peak: str,
    zone: str,
    held: Mapping[int, ActivityBlock] | None = None,
) -> list[Finding]:
    """Return the pilot evidence's findings, live sessions first; ``peak`` is the busiest
    hour away from the live sessions in ``zone``, the course's."""
    return low_attendance(sessions, peak, zone, held) + late_work(completions)
