"""The expert panel: realistic courses, each with the live share an instructional designer
would expect, and the seed sentence that justifies the expectation.

The ranges were written down before the model was changed to meet them (see the commit
that added this file); a range is never moved to fit the engine's output without saying
why in the commit message. ``week`` is the seed 000 sample week a designer would start
from, where that matters; None where more than one is a fair start.
"""

from dataclasses import dataclass, field
from typing import Any

import pytest

from schedules.rules.engine import recommend
from schedules.rules.facts import CourseFacts
from schedules.rules.spec import load_default_ruleset

SKILL = "interactive_skill_mastery"
KNOWLEDGE = "knowledge_acquisition"
MIXED = "mixed"

LOCAL = "full_time_local"
DISTRIBUTED = "distributed_professionals"
HYBRID = "hybrid"


def course(
    *,
    outcomes: list[tuple[str, str]],
    profile: str,
    segments: list[dict[str, Any]],
    discipline: str = "other",
    bandwidth: str = "reliable",
    lab_access: bool = False,
    lms: bool = True,
    devices: tuple[str, ...] = ("laptop",),
    context: str = "university",
    instructor_timezone: str | None = None,
    cohort_size: int | None = None,
    weekly_hours: float = 6,
    live_hours_available: float | None = None,
) -> dict[str, Any]:
    """Return a course as the ``recommend`` command's JSON; outcomes are (kind, bloom)."""
    data: dict[str, Any] = {
        "discipline": discipline,
        "weekly_hours": weekly_hours,
        "weeks": 12,
        "cohort_size": cohort_size or sum(segment["count"] for segment in segments),
        "context": context,
        "start_date": "2027-01-11",
        "instructor_timezone": instructor_timezone or segments[0]["timezone"],
        "outcomes": [
            {"text": f"Outcome {number}", "bloom": bloom, "kind": kind}
            for number, (kind, bloom) in enumerate(outcomes, start=1)
        ],
        "learners": {
            "profile": profile,
            "bandwidth": bandwidth,
            "lab_access": lab_access,
            "lms": lms,
            "devices": list(devices),
            "accessibility": [],
            "segments": segments,
        },
    }
    if live_hours_available is not None:
        data["live_hours_available"] = live_hours_available
    return data


def seg(count: int, timezone: str, **extra: Any) -> dict[str, Any]:
    return {"count": count, "timezone": timezone, "name": timezone, **extra}


@dataclass(frozen=True)
class Case:
    name: str
    data: dict[str, Any]
    low: int  # expected live share, percent, inclusive
    high: int
    why: str  # the seed sentence that justifies the range
    week: str | None = None
    xfail: str | None = None
    marks: tuple[Any, ...] = field(default=())


def same_course_of(size: int) -> dict[str, Any]:
    """A hybrid course with mixed objectives, in one zone, of ``size`` learners."""
    return course(
        outcomes=[(MIXED, "apply"), (MIXED, "understand"), (KNOWLEDGE, "understand")],
        profile=HYBRID,
        bandwidth="variable",
        segments=[seg(size, "America/Chicago")],
    )


WORLD = [
    ("America/Los_Angeles", 300),
    ("America/Mexico_City", 250),
    ("America/New_York", 600),
    ("America/Sao_Paulo", 400),
    ("Europe/London", 450),
    ("Europe/Berlin", 400),
    ("Africa/Lagos", 350),
    ("Africa/Nairobi", 250),
    ("Asia/Kolkata", 800),
    ("Asia/Shanghai", 450),
    ("Asia/Tokyo", 200),
    ("Asia/Jakarta", 300),
    ("Australia/Sydney", 250),
]

CASES = [
    Case(
        "seed row 1 exactly: skills, full-time local, reliable bandwidth and a lab",
        course(
            outcomes=[(SKILL, "apply")] * 3,
            profile=LOCAL,
            lab_access=True,
            lms=False,
            discipline="stem",
            segments=[seg(30, "Europe/London")],
        ),
        70,
        70,
        "seed 000 row 1: 'Interactive skill mastery | Full-time, local | Reliable bandwidth, lab "
        "access | 70% synchronous'; week A: 'Use synchronous sessions for high-interaction tasks'",
        week="A",
    ),
    Case(
        "seed row 2 exactly: knowledge, distributed professionals, variable bandwidth, zones",
        course(
            outcomes=[(KNOWLEDGE, "understand")] * 4,
            profile=DISTRIBUTED,
            bandwidth="variable",
            lms=False,
            segments=[
                seg(20, "Europe/London"),
                seg(12, "America/New_York"),
                seg(8, "Asia/Singapore"),
            ],
        ),
        30,
        30,
        "seed 000 row 2: 'Knowledge acquisition | Distributed, working professionals | Variable "
        "bandwidth, time zones | 70% asynchronous'; week C 'suits learners who need maximum "
        "scheduling flexibility'",
        week="C",
    ),
    Case(
        "seed row 3 exactly: mixed objectives, hybrid cohort, moderate tech and an LMS",
        course(
            outcomes=[(MIXED, "apply")] * 2,
            profile=HYBRID,
            bandwidth="variable",
            segments=[seg(18, "Europe/London"), seg(6, "Europe/Paris")],
        ),
        50,
        50,
        "seed 000 row 3: 'Mixed objectives | Hybrid cohort | Moderate tech, LMS present | "
        "Balanced split (50/50)'; week B 'supports both structure and flexibility, often ideal "
        "for mixed cohorts'",
        week="B",
    ),
    Case(
        "evening programme for working professionals across US time zones",
        course(
            outcomes=[(MIXED, "apply"), (MIXED, "analyze"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            discipline="business",
            segments=[
                seg(15, "America/New_York"),
                seg(10, "America/Chicago"),
                seg(4, "America/Denver"),
                seg(6, "America/Los_Angeles"),
            ],
        ),
        30,
        50,
        "seed 000 week B: 'This model supports both structure and flexibility, often ideal for "
        "mixed cohorts'; the US zones share their evenings, so live sessions are possible",
        week="B",
    ),
    Case(
        "a 400-seat on-campus lecture course",
        course(
            outcomes=[(KNOWLEDGE, "understand"), (KNOWLEDGE, "remember"), (SKILL, "apply")],
            profile=LOCAL,
            discipline="stem",
            lab_access=True,
            segments=[seg(400, "America/Chicago")],
        ),
        15,
        45,
        "seed 003: 'Impossible to meet individual needs all at once in a large group Zoom call'; "
        "seed 000 STEM: 'assign recorded lectures and auto-graded problem sets for self-paced "
        "learning'",
        week="B",
    ),
    Case(
        "a MOOC with 5,000 learners in 13 zones on five continents",
        course(
            outcomes=[(KNOWLEDGE, "understand")] * 3,
            profile=DISTRIBUTED,
            bandwidth="variable",
            context="open",
            devices=("laptop", "phone"),
            segments=[seg(count, zone) for zone, count in WORLD],
        ),
        0,
        12,
        "seed 000: asynchronous strengths include 'ease of scalability for large cohorts'; seed "
        "003: synchronous learning 'Limits the scalability of your course'",
        week="C",
    ),
    Case(
        "mandatory compliance training on phones in many countries",
        course(
            outcomes=[(KNOWLEDGE, "remember"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            discipline="business",
            bandwidth="variable",
            context="corporate",
            devices=("phone",),
            segments=[
                seg(300, "Asia/Kolkata"),
                seg(200, "Europe/Warsaw"),
                seg(150, "America/Mexico_City"),
                seg(150, "Asia/Manila"),
            ],
        ),
        0,
        15,
        "seed 003: 'Did that really have to be a meeting? Or could it have been an email?'; seed "
        "002: on 'a tablet, cell phone, or a small computer monitor, it may be difficult to "
        "access multiple documents and platforms at once'",
        week="C",
    ),
    Case(
        "a graduate seminar across three continents",
        course(
            outcomes=[(MIXED, "analyze"), (MIXED, "evaluate"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            discipline="humanities",
            segments=[
                seg(6, "America/Los_Angeles"),
                seg(6, "Europe/London"),
                seg(6, "Asia/Singapore"),
            ],
        ),
        10,
        35,
        "seed 003: 'For busy working parents, or those in far-flung time zones, asynchronous "
        "learning may be the ONLY type of learning they can take advantage of'",
        week="C",
    ),
    Case(
        "a language course for learners on poor connections",
        course(
            outcomes=[(SKILL, "apply"), (SKILL, "apply"), (KNOWLEDGE, "remember")],
            profile=DISTRIBUTED,
            discipline="humanities",
            bandwidth="low",
            devices=("phone", "laptop"),
            segments=[seg(14, "Africa/Nairobi"), seg(10, "Africa/Lagos")],
        ),
        15,
        40,
        "seed 000: 'provide low-bandwidth alternatives (text transcripts, slide decks)'; seed "
        "003: live time is for 'guided practice, elicit independent performance, and provide "
        "feedback'",
    ),
    Case(
        "a lab-heavy nursing skills course",
        course(
            outcomes=[(SKILL, "apply")] * 3 + [(SKILL, "analyze")],
            profile=LOCAL,
            discipline="vocational",
            lab_access=True,
            lms=False,
            segments=[seg(24, "Europe/Dublin")],
        ),
        65,
        85,
        "seed 000 vocational: 'live coaching is essential'; row 1: 'Interactive skill mastery "
        "| Full-time, local | Reliable bandwidth, lab access | 70% synchronous'",
        week="A",
    ),
    Case(
        "a small PhD seminar",
        course(
            outcomes=[(MIXED, "analyze"), (MIXED, "analyze"), (SKILL, "apply")],
            profile=LOCAL,
            discipline="humanities",
            segments=[seg(6, "Europe/Berlin")],
        ),
        50,
        80,
        "seed 000 humanities: 'Synchronous seminars help build argumentation skills'; seed 003: "
        "in a live session the 'Instructor can quickly address individual learning needs'",
        week="A",
    ),
    Case(
        "the same hybrid course with 12 learners",
        same_course_of(12),
        40,
        60,
        "seed 003: past 'about 15-20 learners in a live Zoom session' a second person is needed; "
        "12 is a group the instructor can hold alone",
    ),
    Case(
        "the same hybrid course with 120 learners",
        same_course_of(120),
        25,
        45,
        "seed 000: asynchronous time offers 'ease of scalability for large cohorts'",
    ),
    Case(
        "the same hybrid course with 2,000 learners",
        same_course_of(2000),
        0,
        25,
        "seed 003: 'Impossible to meet individual needs all at once in a large group Zoom "
        "call'; 'Limits the scalability of your course'",
        week="C",
    ),
    Case(
        "every factor points to self-paced work",
        course(
            outcomes=[(KNOWLEDGE, "remember"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            bandwidth="low",
            context="open",
            devices=("phone",),
            segments=[seg(count, zone) for zone, count in WORLD[::2]],
        ),
        0,
        10,
        "seed 003: 'asynchronous learning may be the ONLY type of learning they can take "
        "advantage of'; seed 000 'ease of scalability for large cohorts'",
        week="C",
    ),
    Case(
        "a small skills workshop where everything points to live time",
        course(
            outcomes=[(SKILL, "apply"), (SKILL, "analyze"), (SKILL, "apply")],
            profile=LOCAL,
            discipline="vocational",
            lab_access=True,
            lms=False,
            segments=[seg(8, "Europe/London")],
        ),
        70,
        90,
        "seed 003: synchronous learning 'allows for immediate adjustments to the needs of each "
        "member of the group'; seed 000 row 1: '70% synchronous'",
        week="A",
    ),
    Case(
        "an introductory STEM course of foundations, 60 students on campus",
        course(
            outcomes=[(KNOWLEDGE, "understand")] * 3,
            profile=LOCAL,
            discipline="stem",
            lab_access=True,
            segments=[seg(60, "America/New_York")],
        ),
        25,
        45,
        "seed 000 STEM: 'foundational content is asynchronous'; seed 003: remembering and "
        "understanding 'involve the lower levels of Bloom's Taxonomy' and suit self-paced work",
    ),
    Case(
        "the instructor has no live teaching hours, yet outcomes are skills",
        course(
            outcomes=[(SKILL, "apply")] * 2,
            profile=LOCAL,
            lab_access=True,
            lms=False,
            segments=[seg(20, "Europe/London")],
            live_hours_available=0,
        ),
        0,
        0,
        "seed 003: 'the amount of synchronous learning any online course creator can offer is "
        "limited by the amount of time they have available for live online teaching'",
        week="C",
    ),
    Case(
        "the instructor can teach one live hour of a six-hour week",
        course(
            outcomes=[(MIXED, "apply")] * 2,
            profile=HYBRID,
            bandwidth="variable",
            segments=[seg(24, "Europe/London")],
            live_hours_available=1,
        ),
        10,
        17,
        "seed 003: synchronous time 'is limited by the amount of time they have available for "
        "live online teaching'; week C: 'One weekly 1-hour live clinic'",
        week="C",
    ),
    Case(
        "corporate sales coaching with role plays, in neighbouring European zones",
        course(
            outcomes=[(SKILL, "apply"), (SKILL, "apply"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            discipline="business",
            context="corporate",
            segments=[seg(8, "Europe/London"), seg(6, "Europe/Paris"), seg(4, "Europe/Helsinki")],
        ),
        35,
        60,
        "seed 003: 'come to class prepared to do a (synchronous) live role play, put on a "
        "debate, or work in teams to solve a complex problem'",
        week="B",
    ),
    Case(
        "an open cohort-based challenge across the Americas and Europe, 60 learners",
        course(
            outcomes=[(MIXED, "apply"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            bandwidth="variable",
            context="open",
            segments=[
                seg(30, "America/New_York"),
                seg(20, "Europe/Madrid"),
                seg(10, "America/Lima"),
            ],
        ),
        15,
        40,
        "seed 003: 'A best practice for adult learning is to allow the learner to control the "
        "pace of instruction'",
    ),
    Case(
        "an online master's course in neighbouring Asia-Pacific zones",
        course(
            outcomes=[(MIXED, "apply"), (SKILL, "analyze"), (KNOWLEDGE, "understand")],
            profile=DISTRIBUTED,
            discipline="business",
            segments=[
                seg(12, "Australia/Sydney"),
                seg(10, "Asia/Singapore"),
                seg(8, "Asia/Tokyo"),
            ],
        ),
        30,
        55,
        "seed 002: 'consider where your students are physically located (and their time "
        "zones)': these share their working day, so live sessions can reach everyone",
        week="B",
    ),
    Case(
        "teacher development for rural schools, most on tablets",
        course(
            outcomes=[(MIXED, "apply"), (KNOWLEDGE, "understand")],
            profile=HYBRID,
            bandwidth="variable",
            devices=("tablet",),
            segments=[
                seg(30, "Africa/Johannesburg", devices=["tablet"]),
                seg(10, "Africa/Johannesburg", devices=["laptop"]),
            ],
        ),
        20,
        45,
        "seed 002: 'If a student is using a tablet, cell phone, or a small computer monitor, it "
        "may be difficult to access multiple documents and platforms at once'",
    ),
    Case(
        "a full-time remote coding bootcamp in one time zone",
        course(
            outcomes=[(SKILL, "apply")] * 3 + [(SKILL, "create")],
            profile=LOCAL,
            discipline="stem",
            lab_access=True,
            lms=True,
            segments=[seg(25, "America/Denver")],
            weekly_hours=30,
            live_hours_available=20,
        ),
        50,
        67,
        "seed 000 STEM: 'complex problem-solving happens synchronously'; seed 003: live time is "
        "'limited by the amount of time they have available for live online teaching' (20 of 30 "
        "hours)",
        week="A",
    ),
    Case(
        "clinical reasoning rounds for ten medical residents",
        course(
            outcomes=[(SKILL, "analyze"), (SKILL, "analyze"), (MIXED, "evaluate")],
            profile=HYBRID,
            discipline="vocational",
            segments=[seg(10, "America/Toronto")],
        ),
        50,
        75,
        "seed 003: live time 'works best for the intermediate hands-on steps ... where you "
        "provide guided practice, elicit independent performance, and provide feedback'",
    ),
    Case(
        "a certificate course of memorised procedures labelled as skills",
        course(
            outcomes=[(SKILL, "remember"), (SKILL, "remember"), (SKILL, "understand")],
            profile=HYBRID,
            bandwidth="variable",
            segments=[seg(30, "Europe/Madrid")],
        ),
        25,
        50,
        "seed 003: remembering and understanding match Gagné's first four events, for which "
        "'Asynchronous learning is good'",
    ),
    Case(
        "a corporate onboarding of 150 new hires in one office's time zone",
        course(
            outcomes=[(KNOWLEDGE, "understand"), (KNOWLEDGE, "remember"), (MIXED, "apply")],
            profile=HYBRID,
            discipline="business",
            context="corporate",
            bandwidth="reliable",
            segments=[seg(150, "America/Chicago")],
        ),
        15,
        40,
        "seed 003: 'ask whether a live synchronous meeting is really necessary — or could the "
        "same or better results be achieved by having everyone participate on their own time'",
    ),
]

# Filled in by the first run of the panel against the engine as it was (18 courses), and
# emptied as the model learnt each factor; the last two (the three-continent seminar and the
# introductory STEM course) met when the spread of waking hours applied in full and the
# learners' and tech columns' pull toward live time began to need outcomes asking for it.
XFAIL: dict[str, str] = {}


def _params() -> list[Any]:
    params = []
    for case in CASES:
        marks = []
        if case.name in XFAIL:
            marks.append(pytest.mark.xfail(reason=XFAIL[case.name], strict=True))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_the_panel_expects(case: Case) -> None:
    result = recommend(CourseFacts.model_validate(case.data), load_default_ruleset())

    percent = result.live_share * 100
    assert case.low - 1e-9 <= percent <= case.high + 1e-9, (
        f"{case.name}: {percent:.1f}% live, expected {case.low}-{case.high}% ({case.why})"
    )
    if case.week is not None:
        assert result.nearest_sample_week.letter == case.week, case.why


def test_the_panel_has_at_least_25_courses_each_with_a_seed_quotation() -> None:
    assert len(CASES) >= 25
    assert all("seed 00" in case.why and "'" in case.why for case in CASES)


def advise(data: dict[str, Any]) -> Any:
    return recommend(CourseFacts.model_validate(data), load_default_ruleset())


def test_the_panel_sees_cohort_size_12_120_and_2000_get_less_live_time_in_turn() -> None:
    shares = [advise(same_course_of(size)).live_share for size in (12, 120, 2000)]

    assert shares[0] > shares[1] > shares[2]


def test_the_panel_sees_stem_and_humanities_get_the_same_split_but_different_activities() -> None:
    # seed 000 says where activities go ("Use synchronous labs and live troubleshooting;
    # assign recorded lectures and auto-graded problem sets"), not that STEM needs more live
    # time overall.
    stem = advise(same_course_of(30) | {"discipline": "stem"})
    humanities = advise(same_course_of(30) | {"discipline": "humanities"})

    assert stem.live_share == humanities.live_share
    assert any("Live lab or workshop" in line for line in stem.advice)
    assert any("Discussion forum" in line for line in humanities.advice)


def test_the_panel_is_told_when_segments_hold_more_learners_than_the_cohort() -> None:
    data = same_course_of(50) | {"cohort_size": 20}

    result = advise(data)

    assert any("50 learners" in finding and "20" in finding for finding in result.findings)


def test_the_panel_is_told_when_skills_meet_no_live_hours() -> None:
    [case] = [case for case in CASES if "no live teaching hours" in case.name]

    result = advise(case.data)

    assert any("no live teaching hours" in finding for finding in result.findings)
