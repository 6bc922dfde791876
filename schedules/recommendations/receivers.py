"""The one place a stored recommendation follows its course.

Whatever changed a course, its outcomes or its learners (a page, the admin, a management
command, code), ``courses.signals.course_changed`` brings it here, and the course's
recommendation is worked out again under the published rules. A new course gets its draft
schedule here too.
"""

from typing import Any

from courses.models import Course
from schedules.recommendations.services import recommendation_refresh


def course_changed_refresh(sender: Any, course: Course, **kwargs: Any) -> None:
    """Refresh ``course``'s stored recommendation (and make its schedule if it has none)."""
    recommendation_refresh(course=course)
