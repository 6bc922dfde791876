"""A cohort's segments: a segment names a time zone zoneinfo knows and a head count of 0 or more."""

import pytest

from schedules.rules.timezones.segments import Segment


def test_a_segment_in_an_unknown_time_zone_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="Unknown time zone"):
        Segment("Atlantis", 3, "Atlantic/Atlantis")


def test_a_segment_with_a_negative_head_count_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="negative head count"):
        Segment("Nobody", -1, "Europe/London")


def test_a_segment_with_no_learners_yet_is_allowed():
    assert Segment("Nobody yet", 0, "Pacific/Auckland").head_count == 0
