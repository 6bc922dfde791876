"""A course's recommended split with its reasons: a page of its own and the panel fragment.

The outcomes and learners pages (in courses/) load the panel from here as an htmx fragment
and reload it when they answer with the ``course-changed`` event; without JavaScript they
link to the page.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from blendplan.http import AuthenticatedRequest, render_page_or_fragment
from courses.access import get_course_for_user
from courses.models import Course
from schedules.recommendations.selectors import courses_with_facts, recommendation_panel

TEMPLATE = "schedules/recommendations/recommendation.html"


@require_safe
@login_required
@vary_on_headers("HX-Request")
def recommendation(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show ``pk``'s recommended split (the ``recommendation`` fragment with htmx)."""
    loaded = courses_with_facts(Course.objects.select_related("schedule"))
    course = get_course_for_user(request.user, pk, queryset=loaded)
    panel = recommendation_panel(course, actual_percent=None)
    context = {"course": course, "panel": panel}
    return render_page_or_fragment(request, TEMPLATE, "recommendation", context)
