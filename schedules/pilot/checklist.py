"""The pilot's readiness checklist: ten items, their wording, sources and links, and how
BlendPlan ticks the items it can tell by itself.

seed 000: "download or request a 10-item readiness checklist from your LMS team and
schedule a retrospective after two iterations". The seed gives no items; these ten are ours,
each drawn from what the seeds ask of a blend before learners meet it. Plain Python: no
ORM, no request; ``PilotFacts`` is what a selector reads from the database.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from schedules.rules.checks import BlockFacts, Finding
from schedules.rules.weeks import weeks_phrase


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One item: what to have ready, why, where it is done in BlendPlan, and its source.

    ``url_name`` is the page where the item is done or checked (a URL of the course unless
    ``course_url`` is false), ``anchor`` a place on that page. ``automatic`` items are
    ticked by BlendPlan from what it knows; the others by hand.
    """

    key: str
    title: str
    detail: str
    source: str
    url_name: str
    where: str
    automatic: bool
    anchor: str = ""
    course_url: bool = True


ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        key="captions",
        title="Captions and transcripts ready",
        detail="Every recording and video of the pilot weeks has captions or a transcript.",
        source="seeds 000, 001",
        url_name="schedules:editor",
        where="the blend editor",
        automatic=True,
    ),
    ChecklistItem(
        key="due-days",
        title="Due days set",
        detail="Every self-paced block of the pilot weeks is due on a day, so it happens "
        "at some time.",
        source="seed 003",
        url_name="schedules:editor",
        where="the blend editor",
        automatic=True,
    ),
    ChecklistItem(
        key="time-zones",
        title="Time-zone check done",
        detail="No live session of the pilot weeks falls outside learners' waking hours "
        "unrecorded, or in an hour the clocks change.",
        source="seeds 001, 002",
        url_name="schedules:timezones",
        where="the time-zone planner",
        automatic=True,
    ),
    ChecklistItem(
        key="access-survey",
        title="Learners surveyed on access",
        detail="Learners were asked about their devices, bandwidth, time zones and access "
        "needs, and the learner profile says what they answered.",
        source="seed 002",
        url_name="courses:learners_edit",
        where="the learners page",
        automatic=False,
    ),
    ChecklistItem(
        key="lms-review",
        title="Blend approved by the LMS team",
        detail="The LMS team reviewed the blend and approved it.",
        source="seed 000",
        url_name="schedules:submit",
        where="the submit page",
        automatic=True,
    ),
    ChecklistItem(
        key="lms-calendar",
        title="LMS shell and calendar in place",
        detail="The live sessions reach learners' calendars through the course's calendar "
        "feed (and the LMS shell is built from the cartridge export).",
        source="seed 001",
        url_name="schedules:calendar_feed_page",
        where="the calendar feed page",
        automatic=True,
    ),
    ChecklistItem(
        key="communication",
        title="A communication plan",
        detail="Learners know the schedule, the deadlines and how each live session connects "
        "to the self-paced work, and when reminders come.",
        source="seed 001",
        url_name="schedules:course_detail",
        where="the course page",
        automatic=False,
    ),
    ChecklistItem(
        key="consent",
        title="Learners told what data is kept",
        detail="Learners were told which activity data the pilot collects, pseudonymised and "
        "for how long, and agreed to it.",
        source="seed 001",
        url_name="schedules:pilot_privacy",
        where="the pilot privacy page",
        automatic=False,
        course_url=False,
    ),
    ChecklistItem(
        key="metrics",
        title="The metrics to collect chosen",
        detail="Completion, attendance, engagement by weekday and hour and formative "
        "results: decided, and the LMS set up to export them.",
        source="seeds 000, 001",
        url_name="schedules:pilot",
        where="the pilot's evidence",
        automatic=False,
        anchor="evidence",
    ),
    ChecklistItem(
        key="retrospective",
        title="A retrospective booked",
        detail="A date after the pilot weeks to look at the evidence and decide what changes.",
        source="seed 000",
        url_name="schedules:pilot",
        where="the pilot's retrospective",
        automatic=True,
        anchor="retrospective",
    ),
)

ITEMS_BY_KEY = {item.key: item for item in ITEMS}
MANUAL_KEYS = frozenset(item.key for item in ITEMS if not item.automatic)

# The checks each automatic item reads its answer from (schedules/rules/checks).
CAPTION_CHECKS = frozenset({"missing-captions"})
TIME_ZONE_CHECKS = frozenset({"live-outside-waking-hours", "live-time-clock-change"})
TITLES_NAMED = 3  # blocks named in a reason; the rest are counted


@dataclass(frozen=True, slots=True)
class PilotFacts:
    """What the automatic items are decided from.

    ``findings`` are the open ones (dismissed findings are set aside: the instructor said
    why they do not apply).
    """

    weeks: tuple[int, ...]
    blocks: tuple[BlockFacts, ...]
    findings: tuple[Finding, ...]
    calendar_feed: bool
    approved: bool
    review_label: str
    retrospective_on: date | None


@dataclass(frozen=True, slots=True)
class Answer:
    """An automatic item's state and why."""

    done: bool
    reason: str


def in_pilot(block: BlockFacts, weeks: Sequence[int]) -> bool:
    """Return whether ``block`` runs in any of the pilot's ``weeks``."""
    return any(block.runs_in(week) for week in weeks)


def _named(titles: Sequence[str]) -> str:
    """Return up to three titles in quotes ("“A”, “B” and 2 more")."""
    quoted = [f"“{title}”" for title in dict.fromkeys(titles)]
    shown = quoted[:TITLES_NAMED]
    rest = len(quoted) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _open_findings(facts: PilotFacts, checks: frozenset[str]) -> list[Finding]:
    """Return the open findings of ``checks`` about the pilot weeks' blocks (or the blend)."""
    pilot_blocks = {block.id for block in facts.blocks if in_pilot(block, facts.weeks)}
    return [
        finding
        for finding in facts.findings
        if finding.check in checks
        and (finding.block_id is None or finding.block_id in pilot_blocks)
    ]


def due_days(facts: PilotFacts) -> Answer:
    """Every self-paced block of the pilot weeks has a due day (seed 003)."""
    weeks = weeks_phrase(facts.weeks)
    self_paced = [b for b in facts.blocks if not b.is_live and in_pilot(b, facts.weeks)]
    if not self_paced:
        return Answer(False, f"There is no self-paced work in {weeks} yet.")
    missing = [block.title for block in self_paced if block.due_day is None]
    if missing:
        return Answer(False, f"{_named(missing)} in {weeks} {_has(missing)} no due day.")
    if len(self_paced) == 1:
        return Answer(True, f"The self-paced block of {weeks} has a due day.")
    if len(self_paced) == 2:
        return Answer(True, f"Both self-paced blocks of {weeks} have a due day.")
    return Answer(True, f"All {len(self_paced)} self-paced blocks of {weeks} have a due day.")


def _has(titles: Sequence[str]) -> str:
    return "has" if len(set(titles)) == 1 else "have"


def captions(facts: PilotFacts) -> Answer:
    """Every recording and video of the pilot weeks has captions or a transcript, as the
    "missing captions" check expects (seeds 000, 001)."""
    weeks = weeks_phrase(facts.weeks)
    missing = [finding.block_title or "" for finding in _open_findings(facts, CAPTION_CHECKS)]
    if missing:
        return Answer(
            False, f"{_named(missing)} in {weeks} {_has(missing)} no captions or transcript."
        )
    return Answer(True, f"Every recording and video of {weeks} has captions or a transcript.")


def time_zones(facts: PilotFacts) -> Answer:
    """The time-zone checks find nothing open about the pilot weeks' live sessions (seeds
    001, 002)."""
    weeks = weeks_phrase(facts.weeks)
    found = _open_findings(facts, TIME_ZONE_CHECKS)
    if found:
        titles = [finding.block_title or "" for finding in found]
        return Answer(
            False, f"The time-zone checks flag {_named(titles)} in {weeks}: see the planner."
        )
    live = [b for b in facts.blocks if b.is_live and in_pilot(b, facts.weeks)]
    if not live:
        return Answer(True, f"There are no live sessions in {weeks}, so no one is left out.")
    return Answer(True, f"The live sessions of {weeks} suit learners' waking hours.")


def lms_review(facts: PilotFacts) -> Answer:
    """The LMS team approved the blend (seed 000: the checklist comes from the LMS team)."""
    if facts.approved:
        return Answer(True, "The LMS team approved the blend.")
    return Answer(False, f"The blend is not approved yet: {facts.review_label.lower()}.")


def lms_calendar(facts: PilotFacts) -> Answer:
    """The calendar feed is on (seed 001: schedules communicated consistently across
    platforms)."""
    if facts.calendar_feed:
        return Answer(True, "The calendar feed is on.")
    return Answer(False, "The calendar feed is off: turn it on so sessions reach calendars.")


def retrospective(facts: PilotFacts) -> Answer:
    """A retrospective date is booked (seed 000)."""
    if facts.retrospective_on is None:
        return Answer(False, "No date is booked yet.")
    return Answer(
        True,
        f"Booked for {facts.retrospective_on:%A} {facts.retrospective_on.day} "
        f"{facts.retrospective_on:%B %Y}.",
    )


AUTOMATIC = {
    "captions": captions,
    "due-days": due_days,
    "time-zones": time_zones,
    "lms-review": lms_review,
    "lms-calendar": lms_calendar,
    "retrospective": retrospective,
}


def automatic_answers(facts: PilotFacts) -> dict[str, Answer]:
    """Return the answer of each automatic item, by key."""
    return {key: answer(facts) for key, answer in AUTOMATIC.items()}
