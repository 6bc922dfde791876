"""The demo data ``seed_demo`` loads: three users and three courses, one per sample week.

Each course is built on one of seed 000's sample weekly models so that a newcomer sees the
three blends side by side: A seminar and lab (50% live), B application and check-in (33%),
C clinic (17%).
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from courses.choices import (
    Bandwidth,
    BloomLevel,
    CourseContext,
    Device,
    Discipline,
    LearnerProfileKind,
    ObjectiveKind,
)
from courses.roles import Role

DEMO_PASSWORD = "blendplan-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    is_staff: bool = False

    @property
    def email(self) -> str:
        """Return the demo user's address at example.edu (reserved: no mail reaches anyone),
        so that the review e-mails show up in the demo's console and task log."""
        return f"{self.first_name}.{self.last_name}@example.edu".lower()


DEMO_USERS = (
    DemoUser("instructor", "Ines", "Okafor", Role.INSTRUCTOR),
    DemoUser("reviewer", "Ravi", "Lindqvist", Role.REVIEWER),
    DemoUser("rulesadmin", "Rosa", "Adeyemi", Role.RULE_ADMIN),
)


@dataclass(frozen=True)
class DemoCourse:
    sample_week: str
    course: dict[str, Any]
    outcomes: list[dict[str, Any]]
    profile: dict[str, Any]
    segments: list[dict[str, Any]] = field(default_factory=list)


_SKILL = ObjectiveKind.INTERACTIVE_SKILL_MASTERY
_KNOW = ObjectiveKind.KNOWLEDGE_ACQUISITION

DEMO_COURSES = (
    DemoCourse(
        sample_week="A",
        course={
            "title": "Field Ecology: seminar and lab",
            "code": "ENV 210",
            "discipline": Discipline.STEM,
            "context": CourseContext.UNIVERSITY,
            "weekly_hours": Decimal(6),
            "weeks": 12,
            "start_date": date(2027, 1, 11),
            "cohort_size": 24,
            "timezone": "Europe/London",
            "live_hours_available": Decimal(4),
        },
        outcomes=[
            {
                "text": "Design and run a quadrat survey",
                "bloom_level": BloomLevel.APPLY,
                "kind": _SKILL,
            },
            {
                "text": "Analyse species-abundance data with appropriate statistics",
                "bloom_level": BloomLevel.ANALYZE,
                "kind": _SKILL,
            },
            {
                "text": "Explain succession and disturbance",
                "bloom_level": BloomLevel.UNDERSTAND,
                "kind": _KNOW,
            },
        ],
        profile={
            "kind": LearnerProfileKind.FULL_TIME_LOCAL,
            "bandwidth": Bandwidth.RELIABLE,
            "lab_access": True,
            "lms_present": True,
            "devices": [Device.LAPTOP, Device.PHONE],
        },
        segments=[{"name": "On-campus students", "head_count": 24, "timezone": "Europe/London"}],
    ),
    DemoCourse(
        sample_week="B",
        course={
            "title": "Data Analytics for Managers: application and check-in",
            "code": "BUS 330",
            "discipline": Discipline.BUSINESS,
            "context": CourseContext.CORPORATE,
            "weekly_hours": Decimal(6),
            "weeks": 8,
            "start_date": date(2027, 3, 1),
            "cohort_size": 40,
            "timezone": "America/New_York",
            "live_hours_available": Decimal(3),
        },
        outcomes=[
            {
                "text": "Interpret dashboards and key performance indicators",
                "bloom_level": BloomLevel.UNDERSTAND,
                "kind": _KNOW,
            },
            {
                "text": "Build a pivot-table analysis of sales data",
                "bloom_level": BloomLevel.APPLY,
                "kind": _SKILL,
            },
            {
                "text": "Recall the main measures of central tendency and spread",
                "bloom_level": BloomLevel.REMEMBER,
                "kind": _KNOW,
            },
        ],
        profile={
            "kind": LearnerProfileKind.DISTRIBUTED_PROFESSIONALS,
            "bandwidth": Bandwidth.VARIABLE,
            "lab_access": False,
            "lms_present": True,
            "devices": [Device.LAPTOP, Device.TABLET, Device.PHONE],
        },
        segments=[
            {"name": "New York office", "head_count": 22, "timezone": "America/New_York"},
            {"name": "London office", "head_count": 12, "timezone": "Europe/London"},
            {"name": "Singapore office", "head_count": 6, "timezone": "Asia/Singapore"},
        ],
    ),
    DemoCourse(
        sample_week="C",
        course={
            "title": "Workplace Safety Refresher: clinic",
            "code": "VOC 105",
            "discipline": Discipline.VOCATIONAL,
            "context": CourseContext.OPEN,
            "weekly_hours": Decimal(6),
            "weeks": 4,
            "start_date": date(2027, 2, 1),
            "cohort_size": 60,
            "timezone": "Australia/Sydney",
            "live_hours_available": Decimal(2),
        },
        outcomes=[
            {
                "text": "Identify hazards in a workplace walk-through",
                "bloom_level": BloomLevel.UNDERSTAND,
                "kind": ObjectiveKind.MIXED,
            },
            {
                "text": "Recall the reporting steps for an incident",
                "bloom_level": BloomLevel.REMEMBER,
                "kind": _KNOW,
            },
        ],
        profile={
            "kind": LearnerProfileKind.HYBRID,
            "bandwidth": Bandwidth.VARIABLE,
            "lab_access": False,
            "lms_present": True,
            "devices": [Device.PHONE, Device.LAPTOP],
        },
        segments=[
            {"name": "Sydney site", "head_count": 45, "timezone": "Australia/Sydney"},
            {"name": "Auckland site", "head_count": 15, "timezone": "Pacific/Auckland"},
        ],
    ),
)


@dataclass(frozen=True)
class DemoPilot:
    """The demo's pilot: on one course, running, part of its checklist ticked by hand and its
    retrospective booked, so that ``make run`` shows pilot mode under way."""

    course_code: str
    ticks: tuple[tuple[str, str], ...]
    retrospective_on: date
    # The block whose suggested edit the seed applies (through the service, as an instructor
    # would), so the evidence page shows an applied edit with Undo and one still to apply.
    revised_block: str


DEMO_PILOT = DemoPilot(
    course_code="ENV 210",
    ticks=(
        ("access-survey", "Access survey in the LMS: 22 of 24 learners answered."),
        ("communication", "Schedule, deadlines and reminders posted as an LMS announcement."),
        ("metrics", "Completion, attendance and the week 2 quiz, exported from the LMS."),
    ),
    # seed 000: a retrospective after the two pilot weeks (11-24 January 2027).
    retrospective_on=date(2027, 1, 29),
    revised_block="Lab or workshop",
)


@dataclass(frozen=True)
class DemoAnswer:
    """A learner's answer to the demo survey: their zone, the (weekday, hour) cells they
    ticked in it, their devices, connection, needs and preference."""

    timezone: str
    cells: tuple[tuple[int, int], ...]
    devices: tuple[str, ...]
    connection: str
    needs: tuple[str, ...] = ()
    preference: str = "mix"
    reason: str = ""


def _evenings(*days: int) -> tuple[tuple[int, int], ...]:
    return tuple((day, hour) for day in days for hour in (18, 19, 20))


def _lunch(*days: int) -> tuple[tuple[int, int], ...]:
    return tuple((day, hour) for day in days for hour in (12, 13))


# The survey seed_demo opens on the analytics course (distributed professionals, seed 002's
# first-week survey): a dozen answers, mostly New York, a few in London and Chicago.
DEMO_SURVEY_COURSE = "BUS 330"
_NY = "America/New_York"
DEMO_SURVEY_ANSWERS = (
    *(
        DemoAnswer(_NY, _evenings(0, 2) + _lunch(1, 3), ("laptop", "phone"), Bandwidth.RELIABLE)
        for _ in range(4)
    ),
    DemoAnswer(_NY, _evenings(1, 3), ("laptop",), Bandwidth.RELIABLE, ("captions",), "live"),
    DemoAnswer(
        _NY, _lunch(0, 1, 2), ("phone",), Bandwidth.VARIABLE, (), "self_paced", "I travel a lot."
    ),
    DemoAnswer(_NY, _evenings(0, 1, 2), ("tablet", "phone"), Bandwidth.LOW, ("transcripts",)),
    *(
        DemoAnswer("America/Chicago", _evenings(0, 2), ("laptop",), Bandwidth.VARIABLE)
        for _ in range(2)
    ),
    *(
        DemoAnswer(
            "Europe/London", _lunch(0, 1, 2, 3), ("desktop",), Bandwidth.RELIABLE, (), "self_paced"
        )
        for _ in range(3)
    ),
)


@dataclass(frozen=True)
class DemoBlock:
    """What the demo's pilot exports need of a block."""

    title: str
    live: bool
    day: int  # 0 = Monday
    start_minute: int | None
    duration: int
    due_day: int | None


DEMO_LEARNERS = 18  # of the cohort of 24: six never show up in the exports


def _learner(number: int) -> str:
    return f"Demo Learner {number:02d}"


def demo_pilot_exports(
    blocks: Sequence[DemoBlock], *, start: date, weeks: Sequence[int]
) -> list[tuple[str, bytes]]:
    """Return the demo pilot's exports, made up (names, times and results invented, the same
    every time): our CSV template with live attendance and self-paced activity, busiest on
    Wednesday evenings, and a Moodle activity completion report of the self-paced blocks.
    Imported through the same upload task as any file, so ``make run`` shows the evidence."""
    rng = random.Random(2027)
    rows = ["learner,activity,timestamp,minutes,score"]
    completion_header = ["", '"Email address"']
    states: dict[int, list[str]] = {n: [] for n in range(1, DEMO_LEARNERS + 1)}
    for week in weeks:
        monday = start + timedelta(weeks=week - 1, days=-start.weekday())
        for block in blocks:
            day = monday + timedelta(days=block.day)
            if block.live and block.start_minute is not None:
                # Under half the cohort comes, fewer in week 2, while the evenings are busy:
                # the evidence page's finding about a live session away from the peak.
                attending = rng.sample(range(1, DEMO_LEARNERS + 1), 11 if week == 1 else 8)
                for number in sorted(attending):
                    late = rng.choice((0, 0, 2, 5, 10))
                    minutes = max(block.duration - late - rng.choice((0, 0, 15)), 10)
                    at = datetime.combine(day, time()) + timedelta(
                        minutes=block.start_minute + late
                    )
                    rows.append(f"{_learner(number)},{block.title},{at:%Y-%m-%dT%H:%M},{minutes},")
                continue
            due = monday + timedelta(days=block.due_day if block.due_day is not None else 6)
            title = f"Week {week}: {block.title}"
            completion_header += [f'"{title}"', f'"{due:%Y-%m-%d} 23:59:00"']
            for number in range(1, DEMO_LEARNERS + 1):
                # Most learners work on Wednesday evening, some after the due day.
                spread = rng.choice((-2, -1, 0, 0, 0, 1, 2))
                worked = datetime.combine(due, time(rng.choice((19, 19, 20, 20, 21, 12))))
                worked += timedelta(days=spread, minutes=rng.randrange(60))
                for later in (0, 25):  # opened, then worked on
                    at = worked + timedelta(minutes=later)
                    rows.append(f"{_learner(number)},{block.title},{at:%Y-%m-%dT%H:%M},,")
                if rng.random() < 0.85:
                    states[number] += ['"Completed"', f'"{worked:%Y-%m-%d %H:%M:%S}"']
                else:
                    states[number] += ['"Not completed"', '""']
    completion = [",".join(completion_header)] + [
        ",".join([f'"{_learner(n)}"', f'"learner{n:02d}@example.edu"', *states[n]]) for n in states
    ]
    return [
        ("demo-pilot-activity.csv", ("\n".join(rows) + "\n").encode()),
        ("demo-pilot-completion.csv", ("\n".join(completion) + "\n").encode()),
    ]
