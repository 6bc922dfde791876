"""How findings are written: a block by its title and when it runs, a finding's fields."""

from collections.abc import Iterable

from schedules.rules.checks.facts import BlockFacts
from schedules.rules.checks.findings import Finding, Severity
from schedules.rules.choices import Weekday
from schedules.rules.weeks import format_weeks


def when(block: BlockFacts) -> str:
    """Return e.g. "Monday, every week" or "Wednesday, weeks 4, 8"."""
    weeks = f"weeks {format_weeks(block.weeks)}" if block.weeks else "every week"
    return f"{Weekday(block.day).label}, {weeks}"


def quoted(block: BlockFacts) -> str:
    return f"“{block.title}”"


def blocks_named(blocks: Iterable[BlockFacts], limit: int = 3) -> str:
    """Return up to ``limit`` blocks' titles, quoted, and how many more."""
    listed = list(blocks)
    names = ", ".join(quoted(block) for block in listed[:limit])
    return names + (f" and {len(listed) - limit} more" if len(listed) > limit else "")


def hours(minutes: float) -> str:
    """Return minutes as hours, e.g. "7.5 hours", "1 hour", "0.25 hours"."""
    value = round(minutes / 60, 2)
    return f"{value:g} hour{'' if value == 1 else 's'}"


def finding(
    check: str,
    severity: Severity,
    block: BlockFacts | None,
    message: str,
    fix: str,
    source: str,
    weeks: Iterable[int] = (),
    subject: str | None = None,
) -> Finding:
    """Return a finding about ``block`` (its weeks unless others are given) or the course."""
    return Finding(
        check=check,
        severity=severity,
        message=message,
        fix=fix,
        source=source,
        block_id=block.id if block else None,
        block_title=block.title if block else None,
        weeks=tuple(weeks) or (block.weeks if block else ()),
        subject=subject,
    )
