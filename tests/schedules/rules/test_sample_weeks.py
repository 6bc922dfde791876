"""The three sample weeks of seed 000 and their scaling to a course's weekly hours."""

from decimal import Decimal

import pytest

from schedules.rules.choices import Modality
from schedules.rules.sample_weeks import SAMPLE_WEEKS, scaled_blocks


@pytest.mark.parametrize(("letter", "percent"), [("A", 50), ("B", 33), ("C", 17)])
def test_each_sample_week_has_the_live_share_seed_000_gives_it(letter, percent):
    assert round(SAMPLE_WEEKS[letter].live_share * 100) == percent


@pytest.mark.parametrize("letter", ["A", "B", "C"])
def test_each_sample_week_fills_the_seeds_six_hour_week(letter):
    assert sum(block.minutes for block in SAMPLE_WEEKS[letter].blocks) == 6 * 60


def test_scaling_to_nine_hours_keeps_the_split_and_fills_nine_hours():
    blocks = scaled_blocks(SAMPLE_WEEKS["A"], Decimal(9))
    live = sum(b.minutes for b in blocks if b.modality == Modality.LIVE)
    assert sum(b.minutes for b in blocks) == 9 * 60
    assert live == 270


def test_scaled_durations_are_whole_five_minute_steps_and_never_zero():
    blocks = scaled_blocks(SAMPLE_WEEKS["B"], Decimal("0.5"))
    assert len(blocks) == len(SAMPLE_WEEKS["B"].blocks)
    assert [b.minutes for b in blocks if b.minutes < 5 or b.minutes % 5] == []


@pytest.mark.parametrize("letter", ["A", "B", "C"])
def test_every_self_paced_block_of_a_sample_week_has_a_due_day(letter):
    self_paced = [b for b in SAMPLE_WEEKS[letter].blocks if b.modality == Modality.SELF_PACED]
    assert self_paced
    assert [b.title for b in self_paced if b.due_day is None] == []
