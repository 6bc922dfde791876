"""Review pages: the reviewers' queue, a submitted version read-only with comments and the
decision, and the instructor's submit action."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from blendplan.http import AuthenticatedRequest, InvalidParameter, form_problems, valid_or_400
from courses.access import get_course_for_user, teaches
from courses.choices import Discipline
from courses.roles import Role, roles_of
from schedules.charts import gauge
from schedules.models import ReviewComment, ReviewStatus, Schedule, ScheduleVersion
from schedules.reviews.forms import (
    CommentForm,
    ComparePairForm,
    DecisionForm,
    QueueFilterForm,
    SubmitForm,
    VersionParamForm,
)
from schedules.reviews.selectors import (
    REVIEWABLE,
    CommentThread,
    ReviewAccess,
    comment_threads,
    get_review_for_user,
    latest_decision,
    review_queue,
    schedule_history,
    submission_state,
    unlinked_pilot_revisions,
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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The submit step: the findings still open and a note to the reviewers; posted, freeze
    the schedule as a numbered version and put it in the queue.

    While the latest version waits for review with nothing changed there is nothing to
    submit: the page says so, and a post (a second tab, a double click) makes no version.
    """
    course = get_course_for_user(request.user, pk)
    state = submission_state(course)
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if state.waiting_unchanged and state.latest is not None:
            messages.info(
                request,
                f"Version {state.latest.number} already waits for review, and nothing has "
                "changed since; nothing was submitted.",
            )
            return redirect(course)
        try:
            version = schedule_submit(
                course=course,
                by=request.user,
                note=form.cleaned_data["note"],
                link_evidence=form.cleaned_data["link_evidence"],
            )
        except ReviewRefusedError as refused:
            messages.error(request, str(refused))
            return redirect(course)
        except ValidationError as refused:
            form.add_error("note", refused.message_dict.get("note", refused.messages))
        else:
            messages.success(
                request, f"Submitted as version {version.number}; the LMS team will review it."
            )
            return redirect(course)
    return render(
        request,
        "schedules/reviews/submit.html",
        {
            "course": course,
            "state": state,
            "form": form,
            "revisions": unlinked_pilot_revisions(state.schedule),
        },
        status=422 if form.errors else 200,
    )


@require_safe
@login_required
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """The reviewers' queue: submitted schedules, oldest first, filterable."""
    if Role.REVIEWER not in roles_of(request.user):
        raise PermissionDenied("The review queue is for the LMS team.")
    filters = valid_or_400(QueueFilterForm(request.GET))
    status, discipline = filters["status"], filters["discipline"]
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


@require_safe
@login_required
def review(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """A submitted version, read-only: timeline, gauge, findings, blocks, comments, history."""
    access = get_review_for_user(request.user, schedule_pk)
    number = valid_or_400(VersionParamForm(request.GET))["version"]
    return _render_review(request, access, number)


def _render_review(
    request: AuthenticatedRequest,
    access: ReviewAccess,
    number: int | None,
    *,
    draft: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render version ``number`` (None: the latest); ``draft``: what a refused form held."""
    schedule = access.schedule
    versions = list(ScheduleVersion.objects.filter(schedule=schedule).order_by("-number"))
    if not versions:
        messages.info(request, "This schedule has not been submitted yet.")
        return redirect(schedule.course)
    version = versions[0] if number is None else _version_numbered(versions, number)
    snapshot = version.snapshot
    blend = version_blend(snapshot)
    recommended = snapshot.get("recommended_live_share")
    threads = comment_threads(version, course=schedule.course)
    if draft is None:
        draft = request.session.pop(_DRAFT_KEY, {})
    return render(
        request,
        "schedules/reviews/review.html",
        {
            "schedule": schedule,
            "can_decide": access.can_decide
            and version == versions[0]
            and schedule.status == ReviewStatus.SUBMITTED,
            "why_not_decide": access.why_not_decide,
            "version": version,
            "versions": versions,
            "snapshot": snapshot,
            "timeline": version_timeline(snapshot, blend),
            "gauge": gauge(blend.live_percent, recommended, 10),
            "can_comment": version == versions[0] and schedule.status in DISCUSSION_OPEN,
            "threads": threads,
            "draft": _draft(draft, threads),
            "block_threads": _threads_by_block(threads),
            "block_titles": {block["id"]: block["title"] for block in snapshot["blocks"]},
            "events": schedule_history(schedule),
            # The course's instructors get back to where they work.
            "teaches": teaches(request.user, schedule.course),
            "decision": latest_decision(schedule, version=version),
        },
        status=status,
    )


def _version_numbered(versions: list[ScheduleVersion], number: int) -> ScheduleVersion:
    """Return version ``number`` of ``versions``, or refuse with 400."""
    by_number = {v.number: v for v in versions}
    _check_numbered(by_number, number)
    return by_number[number]


def _check_numbered(versions: dict[int, ScheduleVersion], number: int) -> None:
    """Refuse with 400 a version number the schedule does not have, naming those it has."""
    if number not in versions:
        numbers = [str(n) for n in sorted(versions)]
        if len(numbers) == 1:
            has = f"only version {numbers[0]}"
        else:
            has = "versions " + ", ".join(numbers[:-1]) + f" and {numbers[-1]}"
        raise InvalidParameter(f"This schedule has no version {number}; it has {has}.")


def _draft(draft: dict[str, str], threads: list[CommentThread]) -> dict[str, str]:
    """Return the text of a refused comment; a reply to a thread not shown starts a new one."""
    if draft.get("parent") and draft["parent"] not in {str(t.comment.pk) for t in threads}:
        draft = {**draft, "parent": ""}
    return draft


def _threads_by_block(threads: list[CommentThread]) -> dict[int, list[CommentThread]]:
    by_block: dict[int, list[CommentThread]] = {}
    for thread in threads:
        if thread.comment.block_id is not None:
            by_block.setdefault(thread.comment.block_id, []).append(thread)
    return by_block


def _posted_version(
    request: AuthenticatedRequest, schedule: Schedule, number: int
) -> ScheduleVersion | None:
    """Return the version a review form names, or None (with a message) if there is none."""
    version = ScheduleVersion.objects.filter(schedule=schedule, number=number).first()
    if version is None:
        messages.error(request, "That version does not exist; nothing was changed.")
    return version


def _refuse_malformed(
    request: AuthenticatedRequest,
    access: ReviewAccess,
    problem: str,
    draft: dict[str, str],
) -> HttpResponse:
    """Answer a review form with a value that is not even a number: 422, the latest version
    with the problem on top and what was typed still in the form."""
    messages.error(request, problem)
    return _render_review(request, access, None, draft=draft, status=422)


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
    form = CommentForm(request.POST)
    if not form.is_valid():
        typed = {name: str(form.data.get(name, "")) for name in ("parent", "block", "body")}
        problem = f"The comment was not added: {form_problems(form)}"
        return _refuse_malformed(request, access, problem, typed)
    version = _posted_version(request, access.schedule, form.cleaned_data["version"])
    if version is None:
        return redirect("schedules:review", schedule_pk=schedule_pk)
    block_id: int | None = form.cleaned_data["block"]
    parent_id: int | None = form.cleaned_data["parent"]
    parent = "" if parent_id is None else str(parent_id)
    block = "" if block_id is None else str(block_id)
    reply_to = (
        None
        if parent_id is None
        else ReviewComment.objects.filter(version=version, pk=parent_id).first()
    )
    body: str = form.cleaned_data["body"]
    try:
        if parent_id is not None and reply_to is None:
            raise ValidationError("The comment you replied to is not part of this version.")
        comment = review_comment(
            version=version,
            by=request.user,
            body=body,
            block_id=block_id,
            reply_to=reply_to,
        )
    except (ReviewRefusedError, ValidationError) as refused:
        text = "; ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)
        # The problem is said beside the field the comment was typed in, and the page opens
        # there (not at the top, where a message would be out of sight).
        error = f"The comment was not added: {text}"
        request.session[_DRAFT_KEY] = {
            "parent": parent,
            "block": block,
            "body": body,
            "error": error,
        }
        # Back to the latest version, where the comment can still be posted: its field takes
        # focus there (autofocus, which a #fragment in the address would cancel). Once the
        # review is closed, to the discussion, which says so beside the unsent text.
        closed = isinstance(refused, ReviewRefusedError)
        return _back(schedule_pk, None, anchor="comments" if closed else "")
    messages.success(request, "Reply added." if reply_to else "Comment added.")
    return _back(schedule_pk, version, anchor=f"comment-{comment.parent_id or comment.pk}")


@require_POST
@login_required
def decide(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Approve the latest submitted version, or request changes with a comment."""
    access = get_review_for_user(request.user, schedule_pk)
    if not access.can_decide:
        raise PermissionDenied(access.why_not_decide or "Only the LMS team decides on a schedule.")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        typed = {"decision": str(form.data.get("comment", ""))}
        problem = f"Nothing was decided: {form_problems(form)}"
        return _refuse_malformed(request, access, problem, typed)
    version = _posted_version(request, access.schedule, form.cleaned_data["version"])
    if version is None:
        return redirect("schedules:review", schedule_pk=schedule_pk)
    approve = form.approve
    comment_text: str = form.cleaned_data["comment"]
    try:
        review_decide(version=version, by=request.user, approve=approve, comment=comment_text)
    except (ReviewRefusedError, ValidationError) as refused:
        text = "; ".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)
        messages.error(request, f"Nothing was decided: {text}")
        request.session[_DRAFT_KEY] = {"decision": comment_text}
        return _back(schedule_pk, None, anchor="decision-heading")
    else:
        messages.success(request, "Approved." if approve else "Changes requested.")
    return _back(schedule_pk, version)


@require_safe
@login_required
def compare(request: AuthenticatedRequest, schedule_pk: int) -> HttpResponse:
    """Compare two versions: blocks added, removed and changed, split, hours and findings."""
    access = get_review_for_user(request.user, schedule_pk)
    versions = {v.number: v for v in ScheduleVersion.objects.filter(schedule=access.schedule)}
    if len(versions) < 2:
        messages.info(request, "There is only one version; nothing to compare yet.")
        return redirect("schedules:review", schedule_pk=schedule_pk)
    pair = valid_or_400(ComparePairForm(request.GET))
    after: int = max(versions) if pair["b"] is None else pair["b"]
    _check_numbered(versions, after)
    if pair["a"] is not None:
        before: int = pair["a"]
        _check_numbered(versions, before)
    else:
        earlier = [number for number in versions if number < after]
        if not earlier:
            raise InvalidParameter(
                f"Version {after} is the first: there is none before it to compare it with."
            )
        before = max(earlier)
    if before == after:
        raise InvalidParameter(f"Choose two different versions to compare, not {after} twice.")
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
