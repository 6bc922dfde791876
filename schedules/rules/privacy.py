"""The small-group rule: a figure about fewer than five people is held back.

A count, share, heatmap cell or mean about one to four learners could point at a person
(the one learner with a screen reader, the only one in Lagos, the two who never opened the
quiz), so the survey's results show it as "fewer than 5" and the pilot's evidence hides it.
This is our privacy rule, not a seed's. None (0) is shown: that nobody attended at 03:00
identifies nobody.

Plain Python, imported by the rules core (the survey's results, the time-zone planner) and
by the pilot import core alike, so the two can never disagree on the threshold.
"""

SMALL_GROUP = 5  # fewer people than this behind a figure: held back
FEWER_THAN = f"fewer than {SMALL_GROUP}"


def held_back(count: int, minimum: int = SMALL_GROUP) -> bool:
    """Whether a figure about ``count`` people must be held back (0 < count < minimum)."""
    return 0 < count < minimum
