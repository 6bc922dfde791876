"""Fitting a sample week to a live share: the total kept, the share as near as 5-minute
steps allow, no block below 15 minutes; seed 000's own share changes nothing."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from schedules.rules.sample_week_fit import fit_to_share
from schedules.rules.sample_weeks import SAMPLE_WEEKS, scaled_blocks


def live(blocks) -> int:
    return sum(block.minutes for block in blocks if block.start_time is not None)


def test_a_week_fitted_to_its_own_share_is_unchanged():
    blocks = scaled_blocks(SAMPLE_WEEKS["A"], Decimal(6))
    fitted, changes = fit_to_share(blocks, 0.5)
    assert fitted == list(blocks)
    assert changes == []


def test_each_change_names_the_block_and_both_lengths():
    _, changes = fit_to_share(scaled_blocks(SAMPLE_WEEKS["B"], Decimal(6)), 0.38)
    assert "“Application session” 90 → 100 min" in [change.sentence for change in changes]


@given(
    letter=st.sampled_from(["A", "B", "C"]),
    hours=st.sampled_from([Decimal(3), Decimal(6), Decimal("7.5"), Decimal(10)]),
    share=st.floats(0.15, 0.8),
)
def test_fitting_keeps_the_total_and_lands_near_the_share(letter, hours, share):
    blocks = scaled_blocks(SAMPLE_WEEKS[letter], hours)
    fitted, _ = fit_to_share(blocks, share)
    total = sum(block.minutes for block in blocks)
    assert sum(block.minutes for block in fitted) == total
    assert all(block.minutes >= 15 for block in fitted)
    assert [(b.title, b.day, b.start_time) for b in fitted] == [
        (b.title, b.day, b.start_time) for b in blocks
    ]
    within = 0.05 if total >= 300 else 0.1  # a short week has few 5-minute steps to share out
    reachable = 15 * sum(1 for b in blocks if b.start_time is not None) / total
    assert abs(live(fitted) / total - max(share, reachable)) <= within or (
        live(fitted) == total - 15 * sum(1 for b in blocks if b.start_time is None)
    )


@given(low=st.floats(0.1, 0.85), more=st.floats(0.0, 0.1))
def test_a_higher_share_never_gives_less_live_time(low, more):
    blocks = scaled_blocks(SAMPLE_WEEKS["B"], Decimal(6))
    assert live(fit_to_share(blocks, low + more)[0]) >= live(fit_to_share(blocks, low)[0])
