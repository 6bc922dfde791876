"""Cohorts, dates and hypothesis strategies the time-zone planner's tests share.

Dates are fixed. Around the spring 2027 clock changes: the United States springs forward on
14 March, Europe/London on 28 March, and Pacific/Auckland falls back on 4 April.
"""

from datetime import date

from hypothesis import strategies as st

from schedules.rules.timezones.coverage import WakingHours
from schedules.rules.timezones.segments import Segment

WAKING = WakingHours()
LONDON_AUCKLAND = [
    Segment("London office", 20, "Europe/London"),
    Segment("Auckland office", 12, "Pacific/Auckland"),
]
# Monday 15 March 2027, four weeks: London changes in week 2 (Sunday 28 March) and Auckland
# in week 3 (Sunday 4 April, 03:00 local, which is Saturday 3 April 14:00 UTC).
SPRING_2027 = date(2027, 3, 15)
WEEKS = 4
ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Havana",
    "America/Santiago",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Singapore",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
]
# Weeks holding clock changes, some of them at midnight (Havana 14 March, Santiago 5 September).
NEAR_CLOCK_CHANGES = [
    date(2027, 3, 8),
    date(2027, 3, 11),
    date(2027, 3, 25),
    date(2027, 3, 28),
    date(2027, 4, 1),
    date(2027, 9, 2),
    date(2027, 9, 23),
    date(2027, 10, 28),
    date(2027, 10, 31),
]

zones = st.sampled_from(ZONES)
start_dates = st.one_of(
    st.sampled_from(NEAR_CLOCK_CHANGES), st.dates(date(2026, 1, 1), date(2028, 12, 31))
)
cohorts = st.lists(
    st.builds(
        Segment, name=st.sampled_from("ABCDE"), head_count=st.integers(0, 40), timezone=zones
    ),
    max_size=5,
)
