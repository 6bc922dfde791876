"""The days a pilot's evidence is read by: the course's first and last day, and the pilot
weeks'."""

from dataclasses import dataclass
from datetime import date, timedelta

from courses.models import Course
from schedules.models import Pilot


@dataclass(frozen=True, slots=True)
class CourseDates:
    start: date
    end: date


def course_dates(course: Course, pilot: Pilot) -> CourseDates | None:
    """Return the course's first and last day (from its start date and weeks, or else from
    the pilot's start), or None when neither is known."""
    start = course.start_date
    if start is None and pilot.start_date is not None:
        start = pilot.start_date - timedelta(weeks=pilot.first_week - 1)
    if start is None:
        return None
    return CourseDates(start, start + timedelta(days=course.weeks * 7 - 1))


def pilot_span(dates: CourseDates, pilot: Pilot) -> tuple[date, date]:
    """Return the first and last day of the pilot weeks."""
    first = pilot.start_date or dates.start + timedelta(weeks=pilot.first_week - 1)
    count = pilot.last_week - pilot.first_week + 1
    return first, first + timedelta(days=count * 7 - 1)
