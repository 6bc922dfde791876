"""Time-zone planning for live sessions: which learners are awake when, week by week.

A cohort is a list of segments (name, head count, IANA time zone). A course runs over real
dates, so daylight saving moves a live slot for some learners partway through; every answer
here is worked out per course week, on that week's actual dates, with ``zoneinfo`` only.

How time is handled, in one place:

- All arithmetic is on whole minutes. A day is numbered by its proleptic ordinal and a moment
  is ``ordinal * 1440 + minute of day``, either in UTC or on some zone's wall clock.
- Each zone's UTC offsets over the course are found once per call (sampled weekly, each change
  located to the minute); converting a time is then a table lookup, never a ``datetime``.
- A view-zone wall time that is skipped or repeated the night the clocks change is read as
  ``zoneinfo`` reads it with ``fold=0``: with the offset in force before the change.
- A session suits a learner when it starts and ends inside their waking hours on one local
  day. Course week k is the seven days from ``start_date + 7 (k - 1)``.

The modules, each importing only those above it in this list (import from them directly;
this package re-exports nothing):

- ``minutes``: the week's days and minutes as integers (``MINUTES_PER_DAY``, ``DAY_NAMES``).
- ``wording``: the sentences and labels the planner shows, from plain values.
- ``offsets``: UTC offsets of zones on a date and over a course (``Timeline``), clock
  distances, whether a zone name is known.
- ``segments``: ``Segment``, a group of learners who share a time zone.
- ``sessions``: ``Slot``, a weekly live session in the view zone.
- ``coverage``: who is awake when: ``WakingHours``, the 7×24 ``coverage_heatmap``,
  ``who_is_outside`` and ``CohortClock``, and the prepared course they share.
- ``stated``: when learners said they can come (the first-week survey's answers,
  ``StatedAvailability``), a source the slot search takes instead of waking hours.
- ``slots``: slot search, ``suggest_slots``: the best single slot and pair of repeat sessions.
"""
