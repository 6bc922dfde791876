"""Review pages: the reviewers' queue, a submitted version read-only with comments and the
decision, and the instructor's submit action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from blendplan.http import AuthenticatedRequest
from courses.access import get_course_for_user
from courses.choices import Discipline
from courses.roles import Role, roles_of
from schedules.charts import gauge
from schedules.models import ReviewComment, ReviewStatus, Schedule, ScheduleVersion
from schedules.reviews.selectors import (
    REVIEWABLE,
    CommentThread,
    comment_threads,
    get_review_for_user,
    review_queue,
    schedule_history,
)
from schedules.reviews.services import (
    DISCUSSION_OPEN,
    ReviewRefusedError,
    review_comment,
    review_decide,
    schedule_submit,
)
from schedules.reviews.snapshots import version_blend, version_timeline
from schedules.reviews.version_diff import compare_versions

# What someone typed into a refused comment or decision, put back into the form.
_DRAFT_KEY = "review_draft"


@require_POST
@login_required
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Submit the course's schedule for review, freezing it as a numbered version."""
    course = get_course_for_user(request.user, pk)
    try:
        version = schedule_submit(course=course, by=request.user)
    except ReviewRefusedError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"Submitted as version {version.number}; the LMS team will review it."
        )
    return redirect(course)


@require_GET
@login_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """The reviewers' queue: submitted schedules, oldest first, filterable."""
    if Role.REVIEWER not in roles_of(request.user):
        raise PermissionDenied("The review queue is for the LMS team.")
    status = request.GET.get("status", ReviewStatus.SUBMITTED)
    discipline = request.GET.get("discipline", "")
    return render(
        request,
        "schedules/reviews/review_queue.html",
        {
            "rows": review_queue(status=status, discipline=discipline),
            "status": status,
            "discipline": discipline,
            "statuses": [(s.value, s.label) for s in REVIEWABLE],
            "disciplines": Discipline.choices,
        },
    )


@require_GET
@login_required
def review(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """A submitted version, read-only: timeline, gauge, findings, blocks, comments, history."""
    access = get_review_for_user(request.user, schedule_pk)
    schedule = access.schedule
    versions = list(ScheduleVersion.objects.filter(schedule=schedule).order_by("-number"))
    if not versions:
        messages.info(request, "This schedule has not been submitted yet.")
        return redirect(schedule.course)
    chosen = request.GET.get("version")
    version = next((v for v in versions if str(v.number) == chosen), versions[0])
    snapshot = version.snapshot
    blend = version_blend(snapshot)
    recommended = snapshot.get("recommended_live_share")
    threads = comment_threads(version, course=schedule.course)
    return render(
        request,
        "schedules/reviews/review.html",
        {
            "schedule": schedule,
            "can_decide": access.can_decide
            and version == versions[0]
            and schedule.status == ReviewStatus.SUBMITTED,
            "version": version,
            "versions": versions,
            "snapshot": snapshot,
            "timeline": version_timeline(snapshot, blend),
            "gauge": gauge(blend.live_percent, recommended, 10),
            "can_comment": version == versions[0] and schedule.status in DISCUSSION_OPEN,
            "threads": threads,
            "draft": _draft(request, threads),
            "block_threads": _threads_by_block(threads),
            "block_titles": {block["id"]: block["title"] for block in snapshot["blocks"]},
            "events": schedule_history(schedule),
        },
    )


def _draft(request: AuthenticatedRequest, threads: list[CommentThread]) -> dict[str, str]:
    """Return the text of a refused comment; a reply to a thread not shown starts a new one."""
    draft: dict[str, str] = request.session.pop(_DRAFT_KEY, {})
    if draft.get("parent") and draft["parent"] not in {str(t.comment.pk) for t in threads}:
        draft["parent"] = ""
    return draft


def _threads_by_block(threads: list[CommentThread]) -> dict[int, list[CommentThread]]:
    by_block: dict[int, list[CommentThread]] = {}
    for thread in threads:
        if thread.comment.block_id is not None:
            by_block.setdefault(thread.comment.block_id, []).append(thread)
    return by_block


def _posted_version(request: AuthenticatedRequest, schedule: Schedule) -> ScheduleVersion | None:
    """Return the version a review form names, or None (with a message) if there is none."""
    number = request.POST.get("version", "")
    version = (
        ScheduleVersion.objects.filter(schedule=schedule, number=int(number)).first()
        if number.isdigit()
        else None
    )
    if version is None:
        messages.error(request, "That version does not exist; nothing was changed.")
    return version


def _back(schedule_pk: int, version: ScheduleVersion | None, *, anchor: str = "") -> HttpResponse:
    """Redirect to the review page of ``version`` (None: the latest) at ``anchor``."""
    url = reverse("schedules:review", args=[schedule_pk])
    query = f"?version={version.number}" if version else ""
    return redirect(f"{url}{query}" + (f"#{anchor}" if anchor else ""))


@require_POST
@login_required
def comment(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Comment on the latest version, or reply to a thread (reviewers and the instructors).

    The comment stays in the form after a refusal, so nothing typed is lost.
    """
    access = get_review_for_user(request.user, schedule_pk)
    version = _posted_version(request, access.schedule)
    if version is None:
        return redirect("schedules:review", schedule_pk=schedule_pk)
    block = request.POST.get("block", "")
    parent = request.POST.get("parent", "")
    reply_to = (
        ReviewComment.objects.filter(version=version, pk=int(parent)).first()
        if parent.isdigit()
        else None
    )
    body = request.POST.get("body", "")
    try:
        if parent and reply_to is None:
            raise ValidationError("The comment you replied to is not part of this version.")
        comment = review_comment(
            version=version,
            by=request.user,
            body=body,
            block_id=int(block) if block.isdigit() else None,
            reply_to=reply_to,
        )
    except (ReviewRefusedError, ValidationError) as refused:
        text = "; ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)
        messages.error(request, f"The comment was not added: {text}")
        request.session[_DRAFT_KEY] = {"parent": parent, "block": block, "body": body}
        # Back to the latest version, where the comment can still be posted.
        return _back(schedule_pk, None, anchor=f"comment-{parent}" if parent else "comments")
    messages.success(request, "Reply added." if reply_to else "Comment added.")
    return _back(schedule_pk, version, anchor=f"comment-{comment.parent_id or comment.pk}")


@require_POST
@login_required
def decide(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Approve the latest submitted version, or request changes with a comment."""
    access = get_review_for_user(request.user, schedule_pk)
    if not access.can_decide:
        raise PermissionDenied("Only the LMS team decides on a schedule.")
    version = _posted_version(request, access.schedule)
    if version is None:
        return redirect("schedules:review", schedule_pk=schedule_pk)
    approve = request.POST.get("decision") == "approve"
    try:
        review_decide(
            version=version,
            by=request.user,
            approve=approve,
            comment=request.POST.get("comment", ""),
        )
    except (ReviewRefusedError, ValidationError) as refused:
        text = "; ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)
        messages.error(request, f"Nothing was decided: {text}")
        request.session[_DRAFT_KEY] = {"decision": request.POST.get("comment", "")}
        return _back(schedule_pk, None, anchor="decision-heading")
    else:
        messages.success(request, "Approved." if approve else "Changes requested.")
    return _back(schedule_pk, version)


@require_GET
@login_required
def compare(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Compare two versions: blocks added, removed and changed, split, hours and findings."""
    access = get_review_for_user(request.user, schedule_pk)
    versions = {v.number: v for v in ScheduleVersion.objects.filter(schedule=access.schedule)}
    if len(versions) < 2:
        messages.info(request, "There is only one version; nothing to compare yet.")
        return redirect("schedules:review", schedule_pk=schedule_pk)
    latest = max(versions)
    try:
        after = int(request.GET.get("b", latest))
        before = int(request.GET.get("a", after - 1))
    except ValueError:
        before, after = latest - 1, latest
    if before not in versions or after not in versions or before == after:
        before, after = latest - 1, latest
    return render(
        request,
        "schedules/reviews/compare.html",
        {
            "schedule": access.schedule,
            "before": versions[before],
            "after": versions[after],
            "numbers": sorted(versions),
            "diff": compare_versions(versions[before].snapshot, versions[after].snapshot),
        },
    )
