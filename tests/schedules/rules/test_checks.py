"""The blend checks: each fires on the case it is for and stays quiet on a good blend."""

from dataclasses import replace
from datetime import date, time

import pytest

from courses.choices import AccessibilityNeed, Bandwidth, ObjectiveKind
from schedules.rules.checks import (
    CHECKS,
    BlendFacts,
    BlockFacts,
    CheckThresholds,
    FindingsSummary,
    OutcomeRef,
    Severity,
    run_checks,
)
from schedules.rules.choices import ActivityType, Modality, Weekday
from schedules.rules.sample_weeks import SAMPLE_WEEKS, BlockTemplate
from schedules.rules.timezones.segments import Segment

SKILL = OutcomeRef(1, "Run a field survey", ObjectiveKind.INTERACTIVE_SKILL_MASTERY)
KNOWLEDGE = OutcomeRef(2, "Explain succession", ObjectiveKind.KNOWLEDGE_ACQUISITION)


def from_template(number: int, template: BlockTemplate) -> BlockFacts:
    return BlockFacts(
        id=number,
        title=template.title,
        modality=template.modality,
        activity_type=template.activity_type,
        day=template.day,
        duration_minutes=template.minutes,
        start_time=template.start_time,
        due_day=template.due_day,
        gagne_events=tuple(int(event) for event in template.gagne_events),
        presentational=template.delivery == "presentational",
        recorded=template.recorded,
        captions=template.captions,
        transcript=template.transcript,
        breakouts=template.breakouts,
        # Every block serves both outcomes in the well-described course.
        outcome_ids=(SKILL.id, KNOWLEDGE.id),
    )


def well_described(letter: str, **changes) -> BlendFacts:
    """A small, local, well-equipped course laid out as sample week ``letter``."""
    week = SAMPLE_WEEKS[letter]
    facts = BlendFacts(
        weeks=4,
        weekly_hours=6,
        live_hours_available=4,
        cohort_size=18,
        timezone="Europe/London",
        start_date=date(2027, 1, 11),
        bandwidth=Bandwidth.RELIABLE,
        mobile_share=0.1,
        segments=(Segment("Campus", 18, "Europe/London"),),
        outcomes=(SKILL, KNOWLEDGE),
        blocks=tuple(from_template(n, t) for n, t in enumerate(week.blocks, start=1)),
        recommended_live_share=week.live_share,
    )
    return replace(facts, **changes)


def ids(findings) -> set[str]:
    return {finding.check for finding in findings}


def live(title="Live session", **fields) -> BlockFacts:
    base = dict(
        id=99,
        title=title,
        modality=Modality.LIVE,
        activity_type=ActivityType.LIVE_SEMINAR,
        day=Weekday.WEDNESDAY,
        duration_minutes=60,
        start_time=time(14),
        recorded=True,
        captions=True,
        breakouts=True,
        low_bandwidth_alternative=True,
        gagne_events=(5, 6),
        outcome_ids=(SKILL.id,),
    )
    return BlockFacts(**{**base, **fields})


def with_block(facts: BlendFacts, block: BlockFacts) -> BlendFacts:
    return replace(facts, blocks=(*facts.blocks, block))


@pytest.mark.parametrize("letter", ["A", "B", "C"])
def test_the_seed_sample_weeks_on_a_well_described_course_raise_no_problem(letter):
    findings = run_checks(well_described(letter))
    assert [f for f in findings if f.severity == Severity.PROBLEM] == []


EVERY_CHECK_ID = {
    "accessibility-need-unmet",
    "before-the-start",
    "graded-live-without-alternative",
    "large-live-group",
    "live-beyond-capacity",
    "live-outside-waking-hours",
    "live-time-clock-change",
    "live-without-preparation",
    "missing-captions",
    "monotony",
    "multi-document-on-mobile",
    "no-low-bandwidth-alternative",
    "outcome-not-served",
    "passive-live-time",
    "repetitive-weeks",
    "self-paced-without-due-day",
    "skill-without-practice",
    "split-drift",
    "weekly-hours-off-target",
    "unusual-modality",
}


def blends_that_trip_every_check() -> list[BlendFacts]:
    week_a = well_described("A")
    week_c = well_described("C")
    far = (Segment("London", 10, "Europe/London"), Segment("Auckland", 12, "Pacific/Auckland"))
    reading = BlockFacts(
        id=1,
        title="Reading",
        modality=Modality.SELF_PACED,
        activity_type=ActivityType.READING,
        day=Weekday.MONDAY,
        duration_minutes=60,
    )
    return [
        with_block(
            well_described("A", cohort_size=40, bandwidth=Bandwidth.LOW, mobile_share=0.9),
            live(
                activity_type=ActivityType.LIVE_LECTURE,
                breakouts=False,
                captions=False,
                gagne_events=(4,),
            ),
        ),
        well_described("A", recommended_live_share=0.2, live_hours_available=1),
        replace(week_a, blocks=tuple(b for b in week_a.blocks if b.is_live)),
        with_block(
            well_described("C", segments=far, cohort_size=22), live(recorded=False, captions=False)
        ),
        with_block(
            replace(week_c, blocks=tuple(b for b in week_c.blocks if b.title != "Peer review")),
            live("Oral exam", activity_type=ActivityType.LIVE_ASSESSMENT),
        ),
        well_described(
            "A",
            weeks=6,
            outcomes=(SKILL, KNOWLEDGE, OutcomeRef(3, "Use a GPS unit", SKILL.kind)),
            blocks=tuple(replace(reading, id=n, outcome_ids=(3,)) for n in range(6)),
        ),
        with_block(
            well_described("A", timezone="America/New_York", start_date=date(2027, 3, 1)),
            live("Night lab", day=Weekday.SUNDAY, start_time=time(2, 30)),
        ),
        well_described("A", start_date=date(2027, 3, 3)),  # a Wednesday: Monday's work is lost
        with_block(well_described("A"), live("Live reading", activity_type=ActivityType.READING)),
        well_described("A", accessibility_needs=frozenset({AccessibilityNeed.CAPTIONS})),
    ]


def test_every_check_has_a_stable_id_a_fix_and_a_source():
    findings = [f for facts in blends_that_trip_every_check() for f in run_checks(facts)]

    assert ids(findings) == EVERY_CHECK_ID
    for finding in findings:
        assert finding.check.replace("-", "").isalpha(), finding.check
        assert finding.fix.strip(), finding.check
        assert finding.source.startswith(("seed", "RFC")), finding.check


def test_passive_live_time_fires_on_a_live_lecture_that_names_no_practice():
    lecture = live("Live lecture", activity_type=ActivityType.LIVE_LECTURE, gagne_events=(4,))
    facts = with_block(well_described("A"), lecture)
    [finding] = [f for f in run_checks(facts) if f.check == "passive-live-time"]
    assert "“Live lecture” (Wednesday, every week)" in finding.message
    assert "60 minutes" in finding.message
    assert "003" in finding.source


def test_a_live_lecture_that_guides_practice_and_gives_feedback_is_not_passive():
    lecture = live("Live lecture", activity_type=ActivityType.LIVE_LECTURE, gagne_events=(5, 7))
    facts = with_block(well_described("A"), lecture)
    assert "passive-live-time" not in ids(run_checks(facts))


def test_a_seminar_delivered_as_a_presentation_is_passive_whatever_its_events():
    seminar = live("Seminar", presentational=True, gagne_events=(5, 6, 7))
    facts = with_block(well_described("A"), seminar)
    [finding] = [f for f in run_checks(facts) if f.check == "passive-live-time"]
    assert "presentational" in finding.message


def test_a_live_session_with_no_preparation_that_week_is_flagged_with_the_weeks():
    facts = well_described("A")
    only_live = replace(facts, blocks=tuple(b for b in facts.blocks if b.is_live))
    findings = [f for f in run_checks(only_live) if f.check == "live-without-preparation"]
    assert findings
    assert "weeks 1–4" in findings[0].message
    assert "pre-reading" in findings[0].fix


def test_a_large_live_group_without_co_facilitator_or_breakouts_is_flagged():
    facts = with_block(well_described("B", cohort_size=35), live(breakouts=False))
    flagged = {f.block_title: f.message for f in run_checks(facts) if f.check == "large-live-group"}
    assert "gathers about 35 learners live" in flagged["Live session"]
    helped = with_block(
        well_described("B", cohort_size=35), live(co_facilitator=True, breakouts=False)
    )
    assert "“Live session”" not in " ".join(
        f.message for f in run_checks(helped) if f.check == "large-live-group"
    )


def test_a_live_session_at_night_for_auckland_is_a_problem_until_it_is_recorded():
    segments = (Segment("London", 10, "Europe/London"), Segment("Auckland", 12, "Pacific/Auckland"))
    facts = with_block(
        well_described("C", segments=segments, cohort_size=22),
        live("Evening clinic", start_time=time(14), recorded=False),
    )
    [finding] = [f for f in run_checks(facts) if f.check == "live-outside-waking-hours"]
    assert finding.severity == Severity.PROBLEM
    assert "12 of 22 learners" in finding.message
    assert "Pacific/Auckland" in finding.message
    recorded = with_block(
        well_described("C", segments=segments, cohort_size=22),
        live("Evening clinic", start_time=time(14), recorded=True),
    )
    assert "live-outside-waking-hours" not in ids(run_checks(recorded))


def test_recordings_without_captions_and_video_on_poor_bandwidth_are_flagged():
    facts = with_block(
        well_described("A", bandwidth=Bandwidth.VARIABLE),
        live(captions=False, transcript=False, low_bandwidth_alternative=False),
    )
    found = ids(run_checks(facts))
    assert {"missing-captions", "no-low-bandwidth-alternative"} <= found


def test_graded_live_work_needs_a_self_paced_alternative():
    week_c = well_described("C")
    without_peer_review = replace(
        week_c, blocks=tuple(b for b in week_c.blocks if b.title != "Peer review")
    )
    exam = live("Oral exam", activity_type=ActivityType.LIVE_ASSESSMENT)
    assert "graded-live-without-alternative" in ids(
        run_checks(with_block(without_peer_review, exam))
    )
    # Sample week C has a peer review that assesses performance (Gagné 8) every week.
    assert "graded-live-without-alternative" not in ids(run_checks(with_block(week_c, exam)))


def test_self_paced_work_without_a_due_day_is_a_problem():
    facts = with_block(
        well_described("A"),
        BlockFacts(
            id=50,
            title="Optional reading",
            modality=Modality.SELF_PACED,
            activity_type=ActivityType.READING,
            day=Weekday.FRIDAY,
            duration_minutes=30,
            outcome_ids=(SKILL.id,),
        ),
    )
    [finding] = [f for f in run_checks(facts) if f.check == "self-paced-without-due-day"]
    assert finding.severity == Severity.PROBLEM
    assert finding.block_title == "Optional reading"


def test_weeks_off_the_weekly_load_and_live_beyond_capacity_are_flagged():
    facts = with_block(well_described("A", live_hours_available=3.5), live("Extra", weeks=(2,)))
    findings = {f.check: f for f in run_checks(facts)}
    assert findings["weekly-hours-off-target"].weeks == (2,)
    assert findings["live-beyond-capacity"].weeks == (2,)


def test_the_split_drifting_from_the_recommendation_is_flagged():
    facts = well_described("A", recommended_live_share=0.2)
    [finding] = [f for f in run_checks(facts) if f.check == "split-drift"]
    assert "50% live, 30 points more than the recommended 20%" in finding.message


def test_an_outcome_nothing_serves_and_a_skill_without_practice_are_flagged():
    lonely = OutcomeRef(3, "Write a report", ObjectiveKind.KNOWLEDGE_ACQUISITION)
    practice_free = OutcomeRef(4, "Use a GPS unit", ObjectiveKind.INTERACTIVE_SKILL_MASTERY)
    facts = well_described("A", outcomes=(SKILL, KNOWLEDGE, lonely, practice_free))
    facts = with_block(
        facts,
        BlockFacts(
            id=60,
            title="GPS manual",
            modality=Modality.SELF_PACED,
            activity_type=ActivityType.READING,
            day=Weekday.MONDAY,
            duration_minutes=5,
            due_day=Weekday.MONDAY,
            outcome_ids=(4,),
            gagne_events=(4,),
        ),
    )
    messages = {f.check: f.message for f in run_checks(facts)}
    assert "“Write a report”" in messages["outcome-not-served"]
    assert "“Use a GPS unit”" in messages["skill-without-practice"]


def test_the_same_activity_everywhere_is_monotonous():
    reading = BlockFacts(
        id=1,
        title="Reading",
        modality=Modality.SELF_PACED,
        activity_type=ActivityType.READING,
        day=Weekday.MONDAY,
        duration_minutes=60,
        due_day=Weekday.TUESDAY,
    )
    facts = well_described("A", blocks=tuple(replace(reading, id=n) for n in range(6)))
    assert "monotony" in ids(run_checks(facts))


def test_multi_document_live_work_for_a_phone_cohort_is_flagged():
    facts = with_block(
        well_described("A", mobile_share=0.8),
        live("Group lab", activity_type=ActivityType.LIVE_LAB),
    )
    assert "multi-document-on-mobile" in ids(run_checks(facts))
    assert "multi-document-on-mobile" not in ids(run_checks(replace(facts, mobile_share=0.2)))


def test_thresholds_come_from_the_rules():
    facts = with_block(well_described("B", cohort_size=25), live(breakouts=False))
    assert "large-live-group" in ids(run_checks(facts))
    relaxed = replace(facts, thresholds=CheckThresholds(co_facilitator_group_size=30))
    assert "large-live-group" not in ids(run_checks(relaxed))


def test_problems_come_first():
    facts = with_block(
        well_described("A", recommended_live_share=0.2),
        BlockFacts(
            id=70,
            title="Loose reading",
            modality=Modality.SELF_PACED,
            activity_type=ActivityType.READING,
            day=Weekday.FRIDAY,
            duration_minutes=10,
        ),
    )
    severities = [f.severity for f in run_checks(facts)]
    assert {Severity.PROBLEM, Severity.WARNING} <= set(severities)  # something to order
    assert severities == sorted(
        severities, key=[Severity.PROBLEM, Severity.WARNING, Severity.INFO].index
    )


def test_each_check_is_registered_once():
    assert len(set(CHECKS)) == len(CHECKS)


def repetitive(facts: BlendFacts) -> list:
    return [f for f in run_checks(facts) if f.check == "repetitive-weeks"]


def test_the_same_week_more_than_four_times_in_a_row_is_a_suggestion():
    [finding] = repetitive(well_described("B", weeks=6))
    assert finding.severity == Severity.INFO
    assert finding.weeks == (1, 2, 3, 4, 5, 6)
    assert finding.message == "Weeks 1–6 are the same week 6 times in a row."
    assert finding.source == "seed 004"
    assert repetitive(well_described("B", weeks=4)) == []


def test_a_different_week_breaks_the_run():
    facts = well_described("B", weeks=9)
    extra = replace(facts.blocks[0], id=99, title="Peer review", weeks=(5,))
    facts = replace(facts, blocks=(*facts.blocks, extra))
    # Weeks 1-4 and 6-9 are alike, but neither run is longer than four weeks.
    assert repetitive(facts) == []
    [finding] = repetitive(replace(facts, weeks=10))
    assert finding.weeks == (6, 7, 8, 9, 10)


def test_weeks_copied_block_by_block_are_alike_whatever_the_blocks_are_called():
    template = well_described("C")
    copies = tuple(
        replace(
            block, id=week * 100 + block.id, title=f"{block.title} (week {week})", weeks=(week,)
        )
        for week in range(1, 7)
        for block in template.blocks
    )
    [finding] = repetitive(replace(template, weeks=6, blocks=copies))
    assert finding.weeks == (1, 2, 3, 4, 5, 6)


def test_the_rule_set_sets_how_many_identical_weeks_are_fine():
    facts = well_described("A", weeks=6, thresholds=CheckThresholds(max_identical_weeks=6))
    assert repetitive(facts) == []


def test_suggestions_about_a_run_of_weeks_do_not_mark_the_timeline():
    findings = FindingsSummary(tuple(run_checks(well_described("B", weeks=8))))
    assert any(f.check == "repetitive-weeks" for f in findings.findings)
    assert findings.weeks == set()


def clock_changes(facts: BlendFacts) -> list:
    return [f for f in run_checks(facts) if f.check == "live-time-clock-change"]


def new_york(start: date, **changes) -> BlendFacts:
    return well_described(
        "A", timezone="America/New_York", start_date=start, segments=(), **changes
    )


def test_a_live_time_the_spring_change_skips_is_a_warning_naming_the_day():
    facts = with_block(
        new_york(date(2027, 3, 1)), live("Night lab", day=Weekday.SUNDAY, start_time=time(2, 30))
    )
    [finding] = clock_changes(facts)
    assert finding.severity == Severity.WARNING
    assert finding.block_title == "Night lab"
    assert finding.message == (
        "“Night lab” (Sunday, every week): On Sunday 14 March 2027 02:30 does not exist in "
        "America/New_York: the clocks go forward over it, so calendars show the session at "
        "03:30."
    )
    assert finding.weeks == (2,)
    assert finding.fix == "Move it out of the hour the clocks change, or to another day."
    assert finding.source == "RFC 5545 (IETF, 2009)"


def test_a_live_time_the_autumn_change_repeats_is_flagged_too():
    facts = with_block(
        new_york(date(2027, 11, 1)), live("Early lab", day=Weekday.SUNDAY, start_time=time(1, 30))
    )
    [finding] = clock_changes(facts)
    assert "On Sunday 7 November 2027 01:30 happens twice" in finding.message


@pytest.mark.parametrize(
    "quiet",
    [
        pytest.param({"start_time": time(3, 30)}, id="an hour after the change"),
        pytest.param({"day": Weekday.SATURDAY}, id="the day before"),
        pytest.param({"weeks": (1, 3, 4)}, id="not in the week of the change"),
    ],
)
def test_a_live_time_clear_of_the_change_is_not_flagged(quiet):
    block = live("Night lab", **{"day": Weekday.SUNDAY, "start_time": time(2, 30), **quiet})
    assert clock_changes(with_block(new_york(date(2027, 3, 1)), block)) == []


def test_a_course_without_a_real_start_date_is_not_flagged():
    block = live("Night lab", day=Weekday.SUNDAY, start_time=time(2, 30))
    assert clock_changes(with_block(new_york(date(2027, 3, 1), dated=False), block)) == []


def before_start(facts: BlendFacts) -> list:
    return [f for f in run_checks(facts) if f.check == "before-the-start"]


def test_a_block_before_a_wednesday_start_is_flagged_for_week_1_only():
    facts = with_block(
        well_described("C", start_date=date(2027, 3, 3)),  # Wednesday 3 March
        live("Kick-off", day=Weekday.MONDAY, start_time=time(10), weeks=(1, 2)),
    )
    flagged = {f.block_title: f for f in before_start(facts)}
    assert "Kick-off" in flagged
    kick_off = flagged["Kick-off"]
    assert kick_off.weeks == (1,)
    assert "starts on Wednesday 3 March 2027" in kick_off.message
    assert kick_off.fix.startswith("Move it to Wednesday or later in week 1")
    # Blocks on the start day or later are fine.
    assert all(block.day < Weekday.WEDNESDAY for block in facts.blocks if block.title in flagged)


def test_no_block_is_before_the_start_of_a_course_that_starts_on_monday_or_has_no_date():
    block = live("Kick-off", day=Weekday.MONDAY, start_time=time(10))
    assert before_start(with_block(well_described("A", start_date=date(2027, 3, 1)), block)) == []
    undated = replace(well_described("A", start_date=date(2027, 3, 3)), dated=False)
    assert before_start(with_block(undated, block)) == []


def test_a_block_that_skips_week_1_is_not_before_the_start():
    facts = with_block(
        replace(well_described("A", start_date=date(2027, 3, 3)), blocks=()),
        live("Kick-off", day=Weekday.MONDAY, start_time=time(10), weeks=(2, 3)),
    )
    assert before_start(facts) == []


def test_a_reading_done_live_is_unusual_and_said_so():
    facts = with_block(
        well_described("A"), live("Chapter 3 together", activity_type=ActivityType.READING)
    )
    [finding] = [f for f in run_checks(facts) if f.check == "unusual-modality"]
    assert finding.severity == Severity.WARNING
    assert "“Chapter 3 together” is a reading done live" in finding.message
    assert "unusual-modality" not in ids(run_checks(well_described("A")))


def test_the_waking_hours_finding_counts_the_groups_it_does_not_name():
    zones = ["Pacific/Auckland", "Pacific/Fiji", "Pacific/Tongatapu", "Asia/Tokyo", "Asia/Seoul"]
    segments = (
        Segment("London", 2, "Europe/London"),
        *(Segment(zone, 10, zone) for zone in zones),
    )
    facts = with_block(
        well_described("C", segments=segments, cohort_size=52),
        live("Afternoon clinic", start_time=time(15), recorded=False),
    )
    [finding] = [f for f in run_checks(facts) if f.check == "live-outside-waking-hours"]
    assert "and 2 more groups" in finding.message
