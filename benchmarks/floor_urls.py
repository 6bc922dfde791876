"""The editor benchmark's URLs: the app's own, plus two "floors" that go through the same
request stack (middleware, session, sign-in, the course's access check) and fetch the same
rows as the editor page and a block save, then return bytes rendered beforehand instead of
rendering anything. What the real request costs beyond its floor is rendering and logic.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from blendplan.http import AuthenticatedRequest
from courses.access import get_course_for_user
from schedules.models import ActivityBlock

# The page and fragment bytes each floor returns (bench_editor.py fills them in).
RENDERED: dict[str, bytes] = {}


def _rows(pk: int, request: AuthenticatedRequest) -> None:
    course = get_course_for_user(request.user, pk)
    blocks = ActivityBlock.objects.filter(schedule__course=course)
    list(blocks.values())
    list(ActivityBlock.outcomes.through.objects.filter(activityblock__in=blocks).values())


@login_required
def page_floor(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _rows(pk, request)
    return HttpResponse(RENDERED["page"])


@login_required
def save_floor(request: AuthenticatedRequest, pk: int, block_pk: int) -> HttpResponse:
    ActivityBlock.objects.filter(pk=block_pk, schedule__course__pk=pk).update(
        title=request.POST.get("edit-title", "")
    )
    _rows(pk, request)
    return HttpResponse(RENDERED["save"])


urlpatterns = [
    path("floor/<int:pk>/", page_floor),
    path("floor/<int:pk>/blocks/<int:block_pk>/", save_floor),
    path("", include("blendplan.urls")),
]
