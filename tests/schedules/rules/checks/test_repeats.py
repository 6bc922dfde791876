"""Repeat sessions are grouped afresh whenever the blocks change, even though one request's
checks group the same blocks only once."""

from dataclasses import replace

from schedules.rules.checks.repeats import learner_blocks, repeat_groups
from tests.schedules.rules.test_checks import live


def test_renaming_a_repeat_in_a_new_tuple_of_blocks_makes_it_a_session_of_its_own():
    seminar = live("Seminar", id=1)
    repeat = live("Seminar (repeat for Sydney)", id=2)
    blocks = (seminar, repeat)
    assert repeat_groups(blocks) == [(seminar, repeat)]
    assert learner_blocks(blocks) == [seminar]  # the same tuple again: the same groups

    renamed = (seminar, replace(repeat, title="Seminar on Friday"))
    assert repeat_groups(renamed) == []
    assert learner_blocks(renamed) == list(renamed)
    assert repeat_groups(blocks) == [(seminar, repeat)]


def test_the_groups_handed_out_cannot_change_the_next_answer():
    blocks = (live("Seminar", id=1), live("Seminar (repeat)", id=2))
    repeat_groups(blocks).clear()
    assert len(repeat_groups(blocks)) == 1
