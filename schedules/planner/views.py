"""The time-zone planner: when learners can attend, the best live slots, who is left out.

Read-only but for one action: applying a suggested slot to a live block, a plain form post
that goes through the same service (and the same checks) as an edit in the blend editor.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from blendplan.http import AuthenticatedRequest, valid_or_400
from courses.access import get_course_for_user
from courses.models import Course
from schedules.editor.selectors import blend_facts
from schedules.editor.services import StaleEditError, block_update
from schedules.models import ActivityBlock
from schedules.planner.forms import DURATIONS, PlannerParamsForm, SlotApplyForm
from schedules.rules.checks import BlockFacts
from schedules.rules.choices import Weekday
from schedules.rules.timezones.coverage import CohortClock, Exclusion, coverage_heatmap
from schedules.rules.timezones.slots import suggest_slots
from schedules.rules.timezones.stated import MIN_ANSWERS, StatedAvailability
from schedules.survey.selectors import stated_hours

HEAT_LEVELS = 4  # cells are shaded in five steps, 0 to 4, and show their percentage too


@dataclass(frozen=True, slots=True)
class LiveBlockReport:
    block: BlockFacts
    outside: list[Exclusion]


@require_safe
@login_required
def planner(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the coverage heatmap, the suggested slots and who each live block leaves out.

    ``?duration=`` and ``?view=`` other than those the page offers are refused with 400.
    """
    return _render(request, get_course_for_user(request.user, pk), request.GET)


def _render(
    request: AuthenticatedRequest,
    course: Course,
    params: QueryDict,
    *,
    status: int = 200,
) -> HttpResponse:
    facts = blend_facts(course)
    zones = list(dict.fromkeys([course.timezone, *(s.timezone for s in facts.segments)]))
    chosen = valid_or_400(PlannerParamsForm(params, zones=zones))
    view: str = chosen["view"]
    duration: int = chosen["duration"]
    waking = facts.thresholds.waking
    start, weeks = facts.start_date, facts.weeks
    heatmap = coverage_heatmap(
        facts.segments,
        start_date=start,
        weeks=weeks,
        view_timezone=view,
        waking=waking,
    )
    # seed 002: where the first-week survey has enough answers, the slots are picked on the
    # hours learners said they can come rather than on assumed waking hours.
    stated = stated_hours(course)
    source = None if stated is None else StatedAvailability(stated.answers)
    if source is not None and not source.enough:
        source = None  # too few to speak for the cohort (and small counts identify)
    # Suggestions are in the course's own zone, the instructor's (block times are kept in
    # it), and keep to the instructor's waking hours there.
    suggestions = suggest_slots(
        facts.segments,
        start_date=start,
        weeks=weeks,
        view_timezone=course.timezone,
        waking=waking,
        duration_minutes=duration,
        host_waking=waking,
        stated=source,
    )
    clock = CohortClock(
        facts.segments,
        view_timezone=course.timezone,
        start_date=start,
        weeks=weeks,
        waking=waking,
    )
    live = [block for block in facts.blocks if block.is_live and block.start_time is not None]
    reports = [
        LiveBlockReport(
            block,
            clock.who_is_outside(
                day=int(block.day),
                start=block.start_time,
                duration_minutes=block.duration_minutes,
                weeks=block.weeks,
            ),
        )
        for block in live
        if block.start_time is not None
    ]
    rows = [
        (f"{hour:02d}:00", [_cell(heatmap.grid[day][hour]) for day in range(7)])
        for hour in range(24)
    ]
    return render(
        request,
        "schedules/planner/timezones.html",
        {
            "course": course,
            "facts": facts,
            "zones": zones,
            "view": view,
            "duration": duration,
            "durations": DURATIONS,
            "heatmap": heatmap,
            "rows": rows,
            "days": [day.short_label for day in Weekday],
            "suggestions": suggestions,
            "stated": stated,
            "from_stated": source is not None,
            "min_answers": MIN_ANSWERS,
            "waking": waking,
            "live_blocks": live,
            "reports": reports,
        },
        status=status,
    )


def _cell(share: float) -> tuple[int, int]:
    """Return (percentage, shade level 0-4) for a heatmap cell."""
    return round(share * 100), round(share * HEAT_LEVELS)


@require_POST
@login_required
def slot_apply(request: AuthenticatedRequest, pk: int, block_pk: int) -> HttpResponse:
    """Move a live block to a suggested slot (day and start time in the course's zone)."""
    course = get_course_for_user(request.user, pk)
    block = get_object_or_404(ActivityBlock, schedule__course=course, pk=block_pk)
    back = reverse("schedules:timezones", args=[course.pk])
    slot = SlotApplyForm(request.POST)
    if not slot.is_valid():
        messages.error(request, "That slot could not be read; choose one of the suggestions.")
        return _render(request, course, QueryDict(), status=422)
    day, start = Weekday(slot.cleaned_data["day"]), slot.cleaned_data["start"]
    try:
        block_update(block=block, expected_version=block.version, day=day, start_time=start)
    except (ValidationError, StaleEditError) as error:
        reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, f"“{block.title}” was not moved: {reason}")
        return redirect(back)
    messages.success(request, f"“{block.title}” now starts {day.label} at {start:%H:%M}.")
    return redirect(back)
