"""The blend arithmetic: live share and weekly loads."""

from schedules.models import ActivityBlock
from schedules.rules.blend import summarise_blend
from schedules.rules.choices import Modality


def block(modality: Modality, minutes: int, weeks: list[int] | None = None) -> ActivityBlock:
    return ActivityBlock(modality=modality, duration_minutes=minutes, weeks=weeks or [])


def test_an_empty_blend_has_no_live_share_rather_than_zero():
    summary = summarise_blend([], weeks=4)
    assert summary.live_share is None
    assert summary.live_percent is None
    assert len(summary.weeks) == 4


def test_live_share_is_live_minutes_over_all_minutes_across_the_weeks():
    blocks = [block(Modality.LIVE, 120), block(Modality.SELF_PACED, 240)]
    summary = summarise_blend(blocks, weeks=10)
    assert summary.live_percent == 33
    assert summary.total_minutes == 3600


def test_a_block_in_chosen_weeks_counts_only_in_those_weeks():
    blocks = [block(Modality.SELF_PACED, 60), block(Modality.LIVE, 60, weeks=[2])]
    summary = summarise_blend(blocks, weeks=3)
    assert [week.live_minutes for week in summary.weeks] == [0, 60, 0]
    assert [week.self_paced_minutes for week in summary.weeks] == [60, 60, 60]
    assert summary.live_percent == 25
