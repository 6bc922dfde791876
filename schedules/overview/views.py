"""Course pages: the instructor's dashboard and a course's overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from blendplan.http import AuthenticatedRequest
from courses.access import get_course_for_user
from courses.roles import Role, roles_of
from schedules.overview.selectors import course_overview, dashboard_rows
from schedules.overview.services import sample_course_copy
from schedules.recommendations.selectors import recommendation_panel
from schedules.reviews.selectors import latest_decision, schedule_history, submission_state
from schedules.rules.sources import SEEDS, STANDARDS

# The latest review events on a course's page; the review page lists them all.
HISTORY_SHOWN = 5


@require_safe
@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    """List the signed-in instructor's courses with their live share.

    Creating a course is offered to instructors only; the others are told whom to ask. A
    reviewer who teaches nothing lands on the review queue instead: that is their work.
    """
    roles = roles_of(request.user)
    # Only instructors teach (own or co-teach) courses, so a reviewer has none to list.
    if Role.REVIEWER in roles and Role.INSTRUCTOR not in roles:
        return redirect("schedules:review_queue")
    context = {
        "rows": dashboard_rows(request.user),
        "can_create_course": Role.INSTRUCTOR in roles,
    }
    return render(request, "schedules/overview/dashboard.html", context)


@require_safe
@login_required
def course_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show one course: its facts, outcomes, learners and weekly blend, and where its review
    stands: the latest decision with the reviewer's comment, and whether it was edited since."""
    overview = course_overview(get_course_for_user(request.user, pk))
    panel = recommendation_panel(overview.course, actual_percent=overview.blend.live_percent)
    schedule = getattr(overview.course, "schedule", None)
    history = schedule_history(schedule, limit=HISTORY_SHOWN) if schedule else []
    return render(
        request,
        "schedules/overview/course_detail.html",
        {
            "overview": overview,
            "panel": panel,
            "history": history,
            "state": submission_state(overview.course) if schedule else None,
            "decision": latest_decision(schedule) if schedule else None,
        },
    )


@require_POST
@login_required
def sample_course_copy_view(request: AuthenticatedRequest) -> HttpResponse:
    """Copy the sample course for the signed-in instructor and open it.

    Only instructors create courses: anyone else gets the page (403) saying whom to ask.
    """
    if Role.INSTRUCTOR not in roles_of(request.user):
        return render(request, "courses/instructor_needed.html", status=403)
    course = sample_course_copy(owner=request.user)
    messages.success(
        request,
        f"“{course.title}” is yours to explore and change: its outcomes, learners and a "
        "sample week are filled in.",
    )
    return redirect(course)


@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    """List the documents BlendPlan's advice comes from, each with a one-line summary.

    Public, like a bibliography: the footer of every page, the sign-in page's included,
    links here.
    """
    context = {"seeds": list(SEEDS.values()), "standards": list(STANDARDS.values())}
    return render(request, "schedules/overview/sources.html", context)
