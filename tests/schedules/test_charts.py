"""Chart geometry: what the timeline, gauge and week view draw."""

from datetime import time
from decimal import Decimal

from schedules.charts import gauge, timeline, week_view
from schedules.models import ActivityBlock
from schedules.rules.blend import summarise_blend
from schedules.rules.choices import Modality


def block(modality=Modality.SELF_PACED, minutes=60, weeks=None, day=0, start=None):
    return ActivityBlock(
        title="b",
        modality=modality,
        duration_minutes=minutes,
        weeks=weeks or [],
        day=day,
        start_time=start,
    )


def test_each_week_gets_a_bar_whose_live_part_sits_under_its_self_paced_part():
    blocks = [block(Modality.LIVE, 120, start=time(10)), block(minutes=240)]
    chart = timeline(
        summarise_blend(blocks, weeks=4), weekly_hours=Decimal(6), recommended_share=0.5
    )
    assert [bar.week for bar in chart.bars] == [1, 2, 3, 4]
    bar = chart.bars[0]
    assert bar.live_hours == 2
    assert bar.self_paced_hours == 4
    assert bar.self_paced_y + bar.self_paced_height == bar.live_y
    assert bar.live_y + bar.live_height == chart.plot_bottom
    assert bar.state == "ok"


def test_over_full_and_empty_weeks_are_flagged():
    blocks = [block(minutes=360), block(minutes=120, weeks=[2]), block(minutes=60, weeks=[9])]
    summary = summarise_blend([b for b in blocks if b.weeks != [9]], weeks=3)
    chart = timeline(summary, weekly_hours=Decimal(6), recommended_share=None)
    assert chart.over_weeks == [2]
    assert chart.empty_weeks == []
    empty = timeline(
        summarise_blend([block(weeks=[1])], weeks=2),
        weekly_hours=Decimal(6),
        recommended_share=None,
    )
    assert empty.empty_weeks == [2]


def test_the_recommended_live_hours_line_sits_at_share_times_target():
    chart = timeline(summarise_blend([], weeks=1), weekly_hours=Decimal(6), recommended_share=0.5)
    # Half of the 6-hour target: halfway between the axis (0 h) and the target line (6 h).
    assert chart.recommended_live_y is not None
    assert abs(chart.recommended_live_y - (chart.plot_bottom + chart.target_y) / 2) < 0.02


def test_the_gauge_says_whether_the_split_is_within_tolerance():
    assert gauge(55, 50, 10).within_band is True
    assert gauge(65, 50, 10).within_band is False
    assert gauge(None, 50, 10).within_band is None
    assert gauge(40, None, 10).band_x is None


def test_the_week_view_places_live_blocks_by_time_and_lists_self_paced_ones_by_day():
    live = block(Modality.LIVE, 90, day=1, start=time(14))
    reading = block(minutes=60, day=0)
    later_only = block(Modality.LIVE, 60, day=3, start=time(9), weeks=[5])
    view = week_view([live, reading, later_only], week=1)
    tuesday, monday, thursday = view.columns[1], view.columns[0], view.columns[3]
    assert [placed.block for placed in tuesday.timed] == [live]
    assert monday.self_paced == [reading]
    assert thursday.timed == []
    placed = tuesday.timed[0]
    fourteen = next(y for y, label in view.hour_lines if label == "14:00")
    assert placed.y == fourteen
    assert placed.height == 42.0  # an hour and a half at 28 px an hour


def test_the_timeline_draws_a_bar_per_week_with_its_state_and_finding_markers():
    from django.template.loader import render_to_string

    blocks = [block(minutes=360, weeks=[1, 2]), block(minutes=120, weeks=[2])]
    chart = timeline(
        summarise_blend(blocks, weeks=3), weekly_hours=Decimal(6), recommended_share=None
    )

    svg = render_to_string(
        "schedules/_timeline.jinja", {"timeline": chart, "flagged_weeks": {2, 3}}, using="jinja2"
    )

    assert svg.count('<g class="week-bar') == 3
    assert '<g class="week-bar week-bar--ok">' in svg
    assert svg.count('class="bar-flag"') == 1  # week 2 is over its 6 hours
    assert svg.count(">empty</text>") == 1  # week 3 has nothing
    assert svg.count("<title>Findings in week") == 2
    assert "Findings in week 1" not in svg
    for y, label in chart.ticks:  # a grid line with its label per tick, unlocalised
        assert f'y1="{y:g}"' in svg
        assert f">{label}</text>" in svg
