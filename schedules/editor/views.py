"""The blend editor: lay out weekly activity blocks and see the blend change as you go.

Every action is a plain form post that redirects back to the editor, so the page works
without JavaScript. With htmx the same views answer with the ``blend-workspace`` fragment
(charts, blocks and forms), so the page updates without a reload.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from blendplan.forms import DeleteConfirmForm
from blendplan.http import (
    AuthenticatedRequest,
    InvalidParameter,
    form_problems,
    render_page_or_fragment,
    valid_or_400,
    wants_fragment,
)
from blendplan.reused_sql import reused_rows
from courses.access import get_course_for_user
from courses.models import Course
from schedules.editor.block_facts import keep_saved_block
from schedules.editor.forms import (
    BlockForm,
    CopyConfirmForm,
    CopyWeekForm,
    FindingChoiceForm,
    SampleWeekForm,
    blank_copy_form,
    shown_week,
)
from schedules.editor.selectors import (
    blend_facts,
    editor_data,
    findings_of,
    review_comments_by_block,
    with_blend_facts,
)
from schedules.editor.services import (
    StaleEditError,
    block_add,
    block_delete,
    block_duplicate,
    block_update,
    blocks_add_from_sample_week,
    blocks_copy_week,
    finding_restore,
    findings_dismiss,
    week_copy_plan,
)
from schedules.models import ActivityBlock, FindingDismissal
from schedules.rules.sample_weeks import SAMPLE_WEEKS

# The edit form shares the page with the add form: a prefix keeps their field ids apart.
EDIT_PREFIX = "edit"


def _course(request: AuthenticatedRequest, pk: int) -> Course:
    """Return the course being edited, with what the editor reads about it, or 404."""
    return get_course_for_user(
        request.user, pk, queryset=with_blend_facts(Course.objects.all()), reuse_sql="editor"
    )


def _week(request: AuthenticatedRequest, course: Course) -> int:
    """Return the week on show: ``?week=``, else the hidden ``week`` a form posted, else 1.

    A week that is not one of the course's is refused with 400 before anything changes.
    """
    return shown_week(request.GET if "week" in request.GET else request.POST, course)


def _render(
    request: AuthenticatedRequest,
    course: Course,
    week: int,
    *,
    status: int = 200,
    announce: str = "",
    **extra: Any,
) -> HttpResponse:
    data = editor_data(course, week=week)
    copy_form = extra.pop("copy_form", None)
    copy_form, copy_pickers = (
        (copy_form, copy_form.pickers()) if copy_form else blank_copy_form(course.weeks)
    )
    dismissals, findings = findings_of(data.schedule, data.facts)
    context = {
        "data": data,
        "dismissals": dismissals,
        "findings": findings,
        "course": course,
        # The add form is shown on request ("Add a block"), and kept open after a block is
        # added so that several can be entered in a row; closed, it costs the page nothing.
        "block_form": extra.pop("block_form", None),
        # Read only with ``confirm_sample``, which always comes with the posted form.
        "sample_form": extra.pop("sample_form", None),
        "copy_form": copy_form,
        "copy_pickers": copy_pickers,
        "sample_weeks": SAMPLE_WEEKS.values(),
        "recommended_week": data.schedule.recommendation.get("nearest_sample_week", {}).get(
            "letter"
        ),
        "announce": announce,
        "block_comments": review_comments_by_block(data.schedule),
        **extra,
    }
    return render_page_or_fragment(
        request, "schedules/editor/editor.html", "blend-workspace", context, status=status
    )


def _done(
    request: AuthenticatedRequest,
    course: Course,
    week: int,
    message: str,
    *,
    adding: bool = False,
) -> HttpResponse:
    if wants_fragment(request):
        form = BlockForm(course=course) if adding else None
        return _render(request, course, week, announce=message, block_form=form)
    messages.success(request, message)
    url = reverse("schedules:block_new" if adding else "schedules:editor", args=[course.pk])
    return redirect(f"{url}?week={week}")


def _block_in(schedule_id: int, block_pk: int) -> QuerySet[ActivityBlock]:
    return ActivityBlock.objects.filter(schedule_id=schedule_id, pk=block_pk)


def _block_of(course: Course, block_pk: int) -> ActivityBlock:
    found = reused_rows("block of a schedule", _block_in, course.schedule.pk, block_pk)
    if not found:
        raise Http404("No ActivityBlock matches the given query.")  # as get_object_or_404
    block = found[0]
    block.schedule = course.schedule  # loaded with the course: validation reads its weeks
    return block


def _form_fields(form: BlockForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@require_safe
@login_required
@vary_on_headers("HX-Request")
def editor(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Show the blend editor of a course."""
    course = _course(request, pk)
    return _render(request, course, _week(request, course))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def block_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add a block; errors come back inline next to their fields and nothing is saved."""
    course = _course(request, pk)
    week = _week(request, course)
    if request.method != "POST":  # GET or HEAD
        return _render(request, course, week, block_form=BlockForm(course=course))
    form = BlockForm(request.POST, course=course, instance=ActivityBlock(schedule=course.schedule))
    if form.is_valid():
        try:
            block = block_add(schedule=course.schedule, **_form_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, course, week, f"Added “{block.title}”.", adding=True)
    return _render(request, course, week, block_form=form, status=422)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def block_edit(request: AuthenticatedRequest, pk: int, block_pk: int) -> HttpResponse:
    """Edit a block in place, refusing a save made from a stale version of it."""
    course = _course(request, pk)
    week = _week(request, course)
    block = _block_of(course, block_pk)
    if request.method != "POST":  # GET or HEAD
        form = BlockForm(instance=block, course=course, prefix=EDIT_PREFIX)
        return _render(request, course, week, editing=block, edit_form=form)
    form = BlockForm(request.POST, instance=block, course=course, prefix=EDIT_PREFIX)
    if form.is_valid():
        fields = _form_fields(form)
        if "outcomes" not in form.changed_data:
            del fields["outcomes"]  # unchanged: no need to rewrite them
        try:
            block_update(block=block, expected_version=form.cleaned_data["version"], **fields)
        except StaleEditError as stale:
            return _render(
                request, course, week, editing=block, edit_form=form, stale=stale, status=409
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Saved whole: the workspace drawn next need not read the block back.
            keep_saved_block(course.schedule, block)
            return _done(request, course, week, f"Saved “{block.title}”.")
    return _render(request, course, week, editing=block, edit_form=form, status=422)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def block_duplicate_view(request: AuthenticatedRequest, pk: int, block_pk: int) -> HttpResponse:
    """Copy a block."""
    course = _course(request, pk)
    week = _week(request, course)
    copy = block_duplicate(block=_block_of(course, block_pk))
    return _done(request, course, week, f"Added “{copy.title}”.")


@require_POST
@login_required
@vary_on_headers("HX-Request")
def block_delete_view(request: AuthenticatedRequest, pk: int, block_pk: int) -> HttpResponse:
    """Delete a block once confirmed; first ask, naming the block and the weeks it runs in."""
    course = _course(request, pk)
    week = _week(request, course)
    block = _block_of(course, block_pk)
    answer = valid_or_400(DeleteConfirmForm(request.POST))
    if answer["confirm"] != "yes":
        return _render(request, course, week, confirm_delete=block)
    title = block.title
    block_delete(block=block)
    return _done(request, course, week, f"Deleted “{title}”.")


@require_POST
@login_required
@vary_on_headers("HX-Request")
def sample_week_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Start from a sample week; when blocks exist, ask whether to replace or add first."""
    course = _course(request, pk)
    week = shown_week(request.GET, course)  # the posted ``week`` is the sample's letter
    form = SampleWeekForm(request.POST)
    if not form.is_valid():
        return _render(request, course, week, sample_form=form, status=422)
    sample = SAMPLE_WEEKS[form.cleaned_data["week"]]
    existing = course.schedule.blocks.count()
    choice = form.cleaned_data["existing"]
    if existing and choice not in {"replace", "add"}:
        return _render(
            request, course, week, sample_form=form, confirm_sample=sample, existing_blocks=existing
        )
    recommended = course.schedule.recommended_live_share
    fit = form.cleaned_data["fit"] and recommended is not None
    started = blocks_add_from_sample_week(
        schedule=course.schedule,
        week=sample,
        replace=choice == "replace",
        fit_share=recommended / 100 if fit and recommended is not None else None,
    )
    message = f"Started from sample week {sample.letter}: {sample.title}"
    if fit:
        changed = "; ".join(change.sentence for change in started.changes) or "nothing to change"
        message += f", fitted to the recommended {recommended}% live ({changed})"
    return _done(request, course, week, message + ".")


@require_POST
@login_required
@vary_on_headers("HX-Request")
def week_copy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Make a range of weeks hold the blocks of one week; ask first if that takes blocks out."""
    course = _course(request, pk)
    week = _week(request, course)
    form = CopyWeekForm(request.POST, course=course)
    answer = CopyConfirmForm(request.POST)
    if form.is_valid() and not answer.is_valid():
        form.add_error(None, form_problems(answer))
    if not form.is_valid():
        return _render(request, course, week, copy_form=form, status=422)
    source, first, last = (form.cleaned_data[name] for name in ("source", "first", "last"))
    targets = range(first, last + 1)
    if not answer.confirmed:
        plan = week_copy_plan(schedule=course.schedule, source=source, targets=targets)
        if plan.loses_work:
            return _render(request, course, week, copy_form=form, confirm_copy=plan)
    done = blocks_copy_week(schedule=course.schedule, source=source, targets=targets)
    message = f"Copied week {source} to weeks {first}–{last}."
    if done.added:
        message += f" {len(done.added)} block(s) now also run in those weeks."
    if done.taken_out:
        message += f" {len(done.taken_out)} block(s) not in week {source} no longer run there"
        message += f"; {len(done.deleted)} deleted." if done.deleted else "."
    return _done(request, course, week, message)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@vary_on_headers("HX-Request")
def finding_dismiss_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Dismiss a finding (``key``), or every finding of one check (``check``), with a reason.

    GET shows the reason form in place of the finding, or under the check's group; without
    either, the editor. A finding that no longer applies is said so, GET or POST.
    """
    course = _course(request, pk)
    week = _week(request, course)
    form = FindingChoiceForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        raise InvalidParameter(form_problems(form))
    key, check = form.cleaned_data["key"], form.cleaned_data["check"]
    if not key and not check:
        if request.method != "POST":  # GET or HEAD
            return _render(request, course, week)
        raise InvalidParameter("Say which finding to dismiss; nothing was dismissed.")
    _, summary = findings_of(course.schedule, blend_facts(course))
    chosen = [
        finding
        for finding in summary.findings
        if (check and finding.check == check) or (not check and finding.key == key)
    ]
    if not chosen:
        return _done(request, course, week, "That finding no longer applies.")
    if request.method != "POST":  # GET or HEAD
        return _render(request, course, week, dismiss_key=key, dismiss_check=check)
    try:
        findings_dismiss(
            schedule=course.schedule,
            findings=chosen,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as error:
        opened = {"dismiss_check": check} if check else {"dismiss_key": key}
        return _render(request, course, week, status=422, dismiss_error=error.messages[0], **opened)
    if len(chosen) == 1:
        return _done(request, course, week, "Finding dismissed; reviewers will see your reason.")
    return _done(
        request, course, week, f"{len(chosen)} findings dismissed; reviewers will see your reason."
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def finding_restore_view(request: AuthenticatedRequest, pk: int, dismissal_pk: int) -> HttpResponse:
    """Bring back a dismissed finding."""
    course = _course(request, pk)
    week = _week(request, course)
    dismissal = get_object_or_404(FindingDismissal, schedule__course=course, pk=dismissal_pk)
    finding_restore(dismissal=dismissal)
    return _done(request, course, week, "Finding restored.")
