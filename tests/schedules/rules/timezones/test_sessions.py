"""A weekly live session (``Slot``): validated in the view time zone, and its label."""

from datetime import time

import pytest

from schedules.rules.timezones.sessions import Slot


def test_a_session_that_would_run_past_midnight_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="past midnight"):
        Slot(0, time(23, 30), 60)


def test_a_session_must_start_on_a_whole_minute_on_a_real_weekday_and_last_a_minute():
    with pytest.raises(ValueError, match="whole minute"):
        Slot(0, time(10, 0, 30), 60)
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6 \\(Sunday\\)"):
        Slot(7, time(10), 60)
    with pytest.raises(ValueError, match="at least one minute"):
        Slot(0, time(10), 0)


def test_a_session_is_labelled_with_its_day_and_its_start_and_end_times():
    assert Slot(0, time(10), 60).label == "Monday 10:00–11:00"
    assert Slot(6, time(22, 30), 90).label == "Sunday 22:30–00:00"
    assert Slot(2, time(8, 15), 45).start_minute == 8 * 60 + 15
