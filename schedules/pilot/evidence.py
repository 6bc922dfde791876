"""Reads of a pilot's imported evidence: its imports, the mapping of activities to blocks, and
plan against actual (issue #16; seed 000: "collect engagement and outcome metrics", "measure
engagement with simple heatmaps"; seed 001: engagement, pace and performance).

Every figure is aggregated in the database (grouped counts and sums; completion against
each activity's due day through the completion index, with the due days as a small table),
so neither the page's query count nor what it reads into Python grows with the data. A
figure about fewer than five learners is shown as "fewer than 5"
(``schedules.pilot_imports.held_back``, our privacy rule).
"""

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, IntegerField, Max, Min, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from courses.models import Course, LearnerSegment
from schedules.editor.block_facts import schedule_block_facts
from schedules.models import ActivityBlock, Pilot, PilotImport, PilotRecord, Schedule
from schedules.models.pilot_data import IMPORT_STALLED_AFTER
from schedules.pilot.dates import CourseDates, course_dates, pilot_span
from schedules.pilot.formative import OutcomeResult, outcome_results
from schedules.pilot.heatmap import HeatCell, Heatmap, LiveSession, Period, engagement_heatmap
from schedules.pilot.mapping import ActivityFacts, PlanBlock, Suggestion, suggest_all
from schedules.pilot_imports import Completion, Evidence, held_back
from schedules.rules import course_dates as calendar
from schedules.rules.checks import BlockFacts
from schedules.rules.choices import Modality

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
IMPORTS_SHOWN = 10
DONE = [state.value for state in Completion if state.done]
WEEK_IN_TITLE = re.compile(r"\bweek\s*(\d{1,2})\b", re.IGNORECASE)


# ----- imports --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportsState:
    jobs: Sequence[PilotImport]
    activities: int
    unconfirmed: int

    @property
    def active(self) -> bool:
        return any(job.is_active and not job.is_stalled for job in self.jobs)

    @property
    def any_finished(self) -> bool:
        return any(job.state == PilotImport.State.FINISHED for job in self.jobs)


def imports_state(pilot: Pilot) -> ImportsState:
    """Return the pilot's latest imports and how much of its mapping is still to confirm."""
    # Not the figures kept on each (the list shows what each import did).
    jobs = list(pilot.imports.defer("engagement", "counted", "suggested")[:IMPORTS_SHOWN])
    counts = pilot.activities.aggregate(
        total=Count("pk"), unconfirmed=Count("pk", filter=Q(confirmed=False))
    )
    return ImportsState(jobs, counts["total"], counts["unconfirmed"])


# ----- mapping --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MappedActivity:
    """An imported activity as the mapping page reads it: these columns, no model object (a
    term has hundreds)."""

    pk: int
    title: str
    block_id: int | None
    confirmed: bool


@dataclass(frozen=True, slots=True)
class MappingRow:
    activity: MappedActivity
    suggestion: Suggestion
    meeting: bool  # it has attendance
    week: int | None  # the course week it belongs to, when its title or records say


def _zone(course: Course) -> ZoneInfo:
    return ZoneInfo(str(course.timezone))


def heatmap_zones(course: Course) -> list[tuple[str, str]]:
    """Return the zones the evidence page's heatmap can be drawn in, each once with who is
    there: the course's first, then each learner segment's (largest segment first)."""
    course_zone = str(course.timezone)
    names: dict[str, list[str]] = {course_zone: []}
    for zone, name in LearnerSegment.objects.filter(profile__course=course).values_list(
        "timezone", "name"
    ):
        names.setdefault(str(zone), []).append(name)
    choices = []
    for zone, segments in names.items():
        who = ", ".join(segments)
        if zone == course_zone:
            label = f"{zone} (the course's{'; ' + who if who else ''})"
        else:
            label = f"{zone} ({who})"
        choices.append((zone, label))
    return choices


def mapping_rows(course: Course, pilot: Pilot) -> tuple[list[MappingRow], tuple[BlockFacts, ...]]:
    """Return each imported activity with its suggested block and its week, and the blend's
    blocks (as the editor keeps their facts). An activity's week is the one its title names
    ("Week 2 reading"), else for a meeting the week it was first attended, else the week of
    the block it is matched to (or suggested to be) when that block runs in one week only;
    None when none of them says."""
    zone = _zone(course)
    dates = course_dates(course, pilot)
    activities, starts, blocks, facts, plan = _mapping_facts(pilot, course.schedule, zone)
    suggestions = suggestions_of(pilot, _latest_import(pilot), facts, plan)
    # The one week each block runs in, for those that run in one only.
    only_week = {block.id: block.weeks[0] for block in blocks if len(block.weeks) == 1}
    rows = []
    for activity in activities:
        suggestion = suggestions[activity.pk]
        matched = activity.block_id if activity.confirmed else suggestion.block_id
        rows.append(
            MappingRow(
                activity,
                suggestion,
                activity.pk in starts,
                _activity_week(
                    activity.title,
                    starts.get(activity.pk),
                    only_week.get(matched or 0),
                    zone,
                    dates,
                    course.weeks,
                ),
            )
        )
    return rows, blocks


def _mapping_facts(
    pilot: Pilot, schedule: Schedule, zone: ZoneInfo
) -> tuple[
    list[MappedActivity],
    dict[int, datetime],
    tuple[BlockFacts, ...],
    list[ActivityFacts],
    list[PlanBlock],
]:
    """Read what the suggestions are worked out from: the imported activities (by title), when
    each meeting started, the blend's blocks (the facts the editor keeps between requests,
    in display order), and both as the suggestions' facts (the activities' on ``zone``'s
    clock)."""
    activities = [
        MappedActivity(*row)
        for row in pilot.activities.order_by("title", "pk").values_list(
            "pk", "title", "block", "confirmed"
        )
    ]
    # When each meeting started: its first attendance (through the evidence index, without
    # reading a log's events).
    starts = dict(
        PilotRecord.objects.filter(pilot=pilot, evidence=Evidence.ATTENDANCE)
        .values("activity")
        .annotate(started=Min("at"))
        .order_by()
        .values_list("activity", "started")
    )
    blocks = schedule_block_facts(schedule)
    facts = []
    for activity in activities:
        first = starts.get(activity.pk)
        started = first.astimezone(zone) if first else None
        facts.append(
            ActivityFacts(
                id=activity.pk,
                title=activity.title,
                meeting=started is not None,
                weekday=started.weekday() if started else None,
                minute=started.hour * 60 + started.minute if started else None,
            )
        )
    plan = [
        PlanBlock(
            id=block.id,
            title=block.title,
            live=block.modality == Modality.LIVE,
            day=block.day,
            start=block.start_time.hour * 60 + block.start_time.minute
            if block.start_time
            else None,
        )
        for block in blocks
    ]
    return activities, starts, blocks, facts, plan


# Bump when how ``mapping.suggest_all`` suggests changes (its thresholds, its matching):
# suggestions kept before are then stale.
SUGGESTED_VERSION = 1


def _suggested_key(facts: Sequence[ActivityFacts], plan: Sequence[PlanBlock]) -> str:
    """What the suggestions are a function of: every activity's and block's facts."""
    rows = [
        SUGGESTED_VERSION,
        [[a.id, a.title, a.meeting, a.weekday, a.minute] for a in facts],
        [[b.id, b.title, b.live, b.day, b.start] for b in plan],
    ]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def suggestions_of(
    pilot: Pilot,
    latest: dict[str, Any] | None,
    facts: Sequence[ActivityFacts],
    plan: Sequence[PlanBlock],
) -> dict[int, Suggestion]:
    """Return the block suggested for each activity (``mapping.suggest_all``): those kept on
    the latest import (``latest``, as ``_latest_import`` read it) when they were worked out
    from the same facts, else worked out now and kept there.

    The activities' facts change only when an import stores records, the blocks' when the
    blend is edited; the key covers both, so a renamed or moved block suggests afresh. The
    worker works them out after each import, so the mapping page the instructor opens next
    reads them in whichever process serves it. Nothing is kept while an import is storing
    records (``counted`` says why)."""
    key = _suggested_key(facts, plan)
    kept = latest["suggested"] if latest else None
    if kept and kept.get("key") == key:
        return {pk: Suggestion(block, reason) for pk, block, reason in kept["rows"]}
    suggestions = suggest_all(facts, plan)
    if latest is not None and not _storing(pilot):
        PilotImport.objects.filter(pk=latest["pk"]).update(
            suggested=_suggested_json(key, suggestions)
        )
    return suggestions


def _suggested_json(key: str, suggestions: dict[int, Suggestion]) -> dict[str, Any]:
    return {
        "key": key,
        "rows": [[pk, one.block_id, one.reason] for pk, one in suggestions.items()],
    }


def suggestions_store(pilot: Pilot) -> None:
    """Work out the suggestions afresh and keep them on the latest finished import (after an
    import, in the worker)."""
    latest = _latest_import(pilot)
    if latest is None:
        return
    schedule = pilot.schedule
    _, _, _, facts, plan = _mapping_facts(pilot, schedule, _zone(schedule.course))
    key = _suggested_key(facts, plan)
    PilotImport.objects.filter(pk=latest["pk"]).update(
        suggested={} if _storing(pilot) else _suggested_json(key, suggest_all(facts, plan))
    )


def _activity_week(
    title: str,
    started: datetime | None,
    block_week: int | None,
    zone: ZoneInfo,
    dates: CourseDates | None,
    weeks: int,
) -> int | None:
    """The course week an activity belongs to (``mapping_rows``); None when nothing says
    or what says is not a week of the course."""
    named = WEEK_IN_TITLE.search(title)
    if named:
        week = int(named.group(1))
    elif started is not None and dates is not None:
        week = _week_of(started.astimezone(zone).date(), dates)
    elif block_week is not None:
        week = block_week
    else:
        return None
    return week if 1 <= week <= weeks else None


# ----- plan against actual --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRow:
    block: ActivityBlock
    week: int
    day: date
    learners: int
    share: int | None  # percent of the cohort; None when hidden
    minutes: int | None  # average minutes attended; None when hidden

    @property
    def hidden(self) -> bool:
        return held_back(self.learners)


@dataclass(frozen=True, slots=True)
class CompletionRow:
    block: ActivityBlock
    learners: int
    share: int | None
    on_time: int | None  # percent of those done who finished by the due day
    due: str

    @property
    def hidden(self) -> bool:
        return held_back(self.learners)


@dataclass(frozen=True, slots=True)
class PlanActual:
    planned_live_percent: int | None
    planned_live_hours: float
    planned_total_hours: float
    learners: int
    attended_hours: float | None  # live time attended per learner a week
    self_paced_hours: float | None  # time on self-paced work per learner a week (if given)

    @property
    def hidden(self) -> bool:
        return held_back(self.learners)

    @property
    def actual_live_percent(self) -> int | None:
        live, rest = self.attended_hours or 0.0, self.self_paced_hours or 0.0
        if self.self_paced_hours is None or not live + rest:
            return None
        return round(live * 100 / (live + rest))


@dataclass(frozen=True, slots=True)
class EvidencePage:
    dates: CourseDates
    first: date
    last: date
    weeks: tuple[int, ...]
    zone: str  # the course's
    heat: Heatmap  # in the course's zone: what the findings and suggested edits read
    shown: Heatmap  # in the zone asked for (the course's or a segment's)
    sessions: list[SessionRow]
    live_without_data: list[ActivityBlock]
    completions: list[CompletionRow]
    plan: PlanActual
    unmapped: int
    records: int
    days: tuple[str, ...] = field(default=DAYS)
    outcomes: list[OutcomeResult] = field(default_factory=list)
    pass_mark: int = 60
    # The blend's blocks by id, as read for these figures (the suggested edits read them too).
    blocks: dict[int, ActivityBlock] = field(default_factory=dict)

    @property
    def hours(self) -> list[tuple[int, list[HeatCell]]]:
        return self.heat.hours

    @property
    def peak(self) -> str:
        """The busiest hour in the course's zone, in words."""
        return self.heat.peak

    @property
    def peak_away(self) -> str:
        """The busiest hour no live block covers, in the course's zone."""
        return self.heat.peak_away

    @property
    def peak_away_slot(self) -> tuple[int, int] | None:
        """(weekday, hour) of ``peak_away``, on the course's clock (where blocks are kept)."""
        return self.heat.peak_away_slot


def _bounds(zone: ZoneInfo, first: date, last: date) -> tuple[datetime, datetime]:
    """The instants (UTC) the pilot weeks start and end, days ``first``–``last`` in ``zone``."""
    start = datetime.combine(first, time(), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), zone).astimezone(UTC)
    return start, end


def _window(pilot: Pilot, zone: ZoneInfo, first: date, last: date) -> QuerySet[PilotRecord]:
    start, end = _bounds(zone, first, last)
    return PilotRecord.objects.filter(pilot=pilot, at__gte=start, at__lt=end)


def _week_of(day: date, dates: CourseDates) -> int:
    return (day - dates.start).days // 7 + 1


def _attendance(
    records: QuerySet[PilotRecord], zone: ZoneInfo, dates: CourseDates, weeks: Sequence[int]
) -> list[list[Any]]:
    """Attendance of each mapped block in each pilot week, as [block, week, learners, minutes
    attended in all] rows. A record's week is worked out in the database from the instants
    the course's weeks start in its zone (a handful of comparisons), not by converting every
    record's time (a term of a large cohort is tens of thousands of attendance records)."""
    starts = [
        datetime.combine(dates.start + timedelta(weeks=week), time(), zone).astimezone(UTC)
        for week in weeks
    ]
    week_of = Case(
        *(When(at__lt=end, then=Value(week)) for week, end in zip(weeks, starts, strict=True)),
        default=Value(weeks[-1] if weeks else 1),
        output_field=IntegerField(),
    )
    grouped = (
        records.filter(evidence=Evidence.ATTENDANCE, activity__block__isnull=False)
        .annotate(week=week_of)
        .values("activity__block", "week")
        .annotate(learners=Count("learner", distinct=True), minutes=Sum("minutes"))
        .order_by()
        .values_list("activity__block", "week", "learners", "minutes")
    )
    return [list(row) for row in grouped]


def _sessions(
    attendance: Sequence[Sequence[Any]],
    blocks: dict[int, ActivityBlock],
    dates: CourseDates,
    cohort: int,
) -> list[SessionRow]:
    """Each live block's attendance in each pilot week (``_attendance``'s rows), in the order
    the sessions ran."""
    rows = []
    for block_id, week, learners, minutes in attendance:
        block = blocks.get(block_id)
        if block is None or block.modality != Modality.LIVE:
            continue
        hidden = held_back(learners)
        week_start = dates.start + timedelta(weeks=week - 1)
        rows.append(
            SessionRow(
                block=block,
                week=week,
                day=week_start + timedelta(days=(block.day - week_start.weekday()) % 7),
                learners=learners,
                share=None if hidden else round(learners * 100 / cohort),
                minutes=None if hidden else round((minutes or 0) / learners),
            )
        )
    rows.sort(key=lambda row: (row.day, row.block.start_time or time(), row.block.title))
    return rows


def _due(block: ActivityBlock, week: int, dates: CourseDates) -> date:
    week_start = dates.start + timedelta(weeks=week - 1)
    due_day = block.due_day if block.due_day is not None else block.day
    return week_start + timedelta(days=(due_day - week_start.weekday()) % 7)


# An imported activity: (id, title, block id or None, confirmed).
type ActivityRow = tuple[int, str, int | None, bool]


def _due_by(
    pilot: Pilot,
    window: tuple[datetime, datetime],
    zone: ZoneInfo,
    activities: Sequence[ActivityRow],
    blocks: dict[int, ActivityBlock],
    dates: CourseDates,
) -> list[tuple[int, int, datetime]]:
    """Return (activity, block, end of its due day) for each activity mapped to a self-paced
    block. An activity's week is the one its title names ("Week 2 reading"), or else the
    week its first completion falls in; its due day is then its block's in that week, so
    each activity has one instant by which a completion is on time."""
    mapped = {
        pk: (title, block_id)
        for pk, title, block_id, _confirmed in activities
        if block_id is not None
        and (block := blocks.get(block_id)) is not None
        and block.modality != Modality.LIVE
    }
    unnamed = [pk for pk, (title, _) in mapped.items() if not WEEK_IN_TITLE.search(title)]
    firsts = (
        dict(
            PilotRecord.objects.filter(_done(pilot, window), activity_id__in=unnamed)
            .values("activity_id")
            .annotate(first=Min("at"))
            .order_by()
            .values_list("activity_id", "first")
        )
        if unnamed
        else {}
    )
    due_by: list[tuple[int, int, datetime]] = []
    for pk, (title, block_id) in mapped.items():
        named = WEEK_IN_TITLE.search(title)
        if named:
            week = int(named.group(1))
        elif (first := firsts.get(pk)) is not None:
            week = _week_of(first.astimezone(zone).date(), dates)
        else:
            continue  # no completion in the pilot weeks
        end = datetime.combine(
            _due(blocks[block_id], week, dates) + timedelta(days=1), time(), zone
        )
        due_by.append((pk, block_id, end.astimezone(UTC)))
    return due_by


def _completions(
    counts: Sequence[Sequence[int]], blocks: dict[int, ActivityBlock], cohort: int
) -> list[CompletionRow]:
    """Completion of each mapped self-paced block and the share done by its due day, from
    ``_completion_counts``'s (block, done, on time) rows."""
    result = []
    for block_id, count, on_time in counts:
        block = blocks.get(block_id)
        if block is None:
            continue
        hidden = held_back(count)
        result.append(
            CompletionRow(
                block=block,
                learners=count,
                share=None if hidden else round(count * 100 / cohort),
                on_time=None if hidden else round(on_time * 100 / count),
                due=block.get_due_day_display()
                if block.due_day is not None
                else block.get_day_display(),
            )
        )
    result.sort(key=lambda row: (row.block.day, row.block.title))
    return result


def _done(pilot: Pilot, window: tuple[datetime, datetime]) -> Q:
    """The pilot's completions in a done state within ``window``."""
    return Q(
        pilot=pilot,
        evidence=Evidence.COMPLETION,
        completion__in=DONE,
        at__gte=window[0],
        at__lt=window[1],
    )


def _completion_counts(
    pilot: Pilot, window: tuple[datetime, datetime], due_by: Sequence[tuple[int, int, datetime]]
) -> list[tuple[int, int, int]]:
    """Return, per block, the learners who completed one of its activities (done states, in
    the window) and those who did so before that activity's due end: (block, done, on time).

    One grouped query: the activities and their due ends go in as a small table (``VALUES``)
    and each activity's completions are read from the completion index alone, so a term's
    completions (72,000 for 300 learners and 240 readings) are neither visited in the table
    nor read into Python. The small table comes first (SQLite keeps a ``CROSS JOIN``'s
    order; PostgreSQL plans it as any join).
    """
    if not due_by:
        return []
    adapt = connection.ops.adapt_datetimefield_value
    values = ", ".join(["(%s, %s, %s)"] * len(due_by))
    done = ", ".join(["%s"] * len(DONE))
    sql = (
        f"WITH due(activity_id, block_id, due_end) AS (VALUES {values}) "
        "SELECT due.block_id, COUNT(DISTINCT r.learner), "
        "COUNT(DISTINCT CASE WHEN r.at < due.due_end THEN r.learner END) "
        f"FROM due CROSS JOIN {PilotRecord._meta.db_table} r "
        "WHERE r.pilot_id = %s AND r.evidence = %s AND r.activity_id = due.activity_id "
        f"AND r.completion IN ({done}) AND r.at >= %s AND r.at < %s "
        "GROUP BY due.block_id"
    )
    params: list[Any] = [value for pk, block, end in due_by for value in (pk, block, adapt(end))]
    params += [pilot.pk, Evidence.COMPLETION.value, *DONE, adapt(window[0]), adapt(window[1])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(block), int(count), int(on_time)) for block, count, on_time in cursor]


def _plan_actual(
    totals: dict[str, Any],
    planned: tuple[int | None, float, float],
    weeks: int,
) -> PlanActual:
    learners = totals["learners"] or 0
    per = max(learners, 1) * max(weeks, 1) * 60
    hidden = held_back(learners)
    return PlanActual(
        planned_live_percent=planned[0],
        planned_live_hours=planned[1],
        planned_total_hours=planned[2],
        learners=learners,
        attended_hours=None
        if hidden or totals["attended"] is None
        else round(totals["attended"] / per, 1),
        self_paced_hours=None
        if hidden or totals["spent"] is None
        else round(totals["spent"] / per, 1),
    )


def evidence_page(
    course: Course,
    pilot: Pilot,
    planned: tuple[int | None, float, float],
    *,
    zone: str | None = None,
    held: Sequence[ActivityBlock] = (),
    blocks: dict[int, ActivityBlock] | None = None,
) -> EvidencePage | None:
    """Return plan against actual for the pilot weeks, or None when the course has no dates.

    ``planned`` is the blend's live percent, live hours and total hours a week over the pilot
    weeks (as the pilot page works them out). The heatmap is also drawn in ``zone`` (a
    segment's, say; the course's when None); every other figure, and the peak the findings
    and suggested edits read, stays on the course's clock, where the blocks are kept.
    ``held``: live blocks as they were in the pilot weeks before an edit from the evidence
    moved them (``heatmap.engagement_heatmap``). ``blocks``: the blend's blocks by id, when
    the caller has them (read here otherwise)."""
    dates = course_dates(course, pilot)
    if dates is None:
        return None
    home = _zone(course)
    first, last = pilot_span(dates, pilot)
    weeks = tuple(pilot.weeks)
    if blocks is None:
        blocks = {block.pk: block for block in pilot.schedule.blocks.all()}
    live = [
        block
        for block in blocks.values()
        if block.modality == Modality.LIVE and (not block.weeks or set(block.weeks) & set(weeks))
    ]
    latest = _latest_import(pilot)
    summary = engagement(pilot, home, first, last, latest=latest)
    activities: list[ActivityRow] = list(
        pilot.activities.values_list("pk", "title", "block", "confirmed")
    )
    figures = counted(pilot, latest, home, dates, weeks, activities, blocks)
    period = Period(
        str(course.timezone), calendar.CourseDates(dates.start, course.weeks), first, last
    )
    sessions, were = (
        [
            LiveSession(
                block.title,
                block.day,
                block.start_time,
                block.duration_minutes,
                tuple(block.weeks),
            )
            for block in group
            if block.start_time is not None
        ]
        for group in (live, held)
    )
    heat = engagement_heatmap(summary["hours"], sessions, period, str(course.timezone), were)
    shown = (
        heat
        if zone in (None, heat.zone)
        else engagement_heatmap(summary["hours"], sessions, period, str(zone), were)
    )
    cohort = max(course.cohort_size, 1)
    attended = _sessions(figures["sessions"], blocks, dates, cohort)
    seen = {row.block.pk for row in attended}
    return EvidencePage(
        dates=dates,
        first=first,
        last=last,
        weeks=weeks,
        zone=str(course.timezone),
        heat=heat,
        shown=shown,
        sessions=attended,
        live_without_data=[block for block in live if block.pk not in seen],
        completions=_completions(figures["completions"], blocks, cohort),
        plan=_plan_actual(summary, planned, len(weeks)),
        unmapped=sum(block is None and not confirmed for _, _, block, confirmed in activities),
        records=summary["records"],
        outcomes=_outcomes(pilot, _window(pilot, home, first, last), course),
        pass_mark=settings.PILOT_PASS_MARK_PERCENT,
        blocks=blocks,
    )


def _outcomes(pilot: Pilot, window: QuerySet[PilotRecord], course: Course) -> list[OutcomeResult]:
    """Formative results per outcome: each learner's best score per scored activity mapped to
    a block serving the outcome, grouped in the database, folded in ``formative``. A score
    of the pilot weeks counts, and one without a time (a grades export has none)."""
    undated = PilotRecord.objects.filter(pilot=pilot, at__isnull=True)
    rows = (
        (window | undated)
        .filter(
            evidence=Evidence.SCORE, score__isnull=False, activity__block__outcomes__isnull=False
        )
        .values_list("activity__block__outcomes", "learner", "activity")
        .annotate(best=Max("score"))
        .order_by()
    )
    outcomes = dict(course.outcomes.order_by("position", "pk").values_list("pk", "text"))
    return outcome_results(rows, outcomes, settings.PILOT_PASS_MARK_PERCENT)


# ----- engagement, worked out once per import -------------------------------------------------


def _summary_key(zone: ZoneInfo, first: date, last: date) -> str:
    return f"{zone.key}|{first.isoformat()}|{last.isoformat()}"


def engagement_of(pilot: Pilot, zone: ZoneInfo, first: date, last: date) -> dict[str, Any]:
    """Work out the figures that read every record of the pilot weeks (two queries: the
    records grouped by UTC hour, and the totals), as JSON-ready data with the key they are
    valid for (zone and days)."""
    records = _window(pilot, zone, first, last)
    hours = [
        list(row)  # as JSON keeps it
        for row in records.filter(
            evidence__in=[Evidence.EVENT, Evidence.ATTENDANCE], hour__isnull=False
        )
        .values("hour")
        .annotate(count=Count("pk"), learners=Count("learner", distinct=True))
        .order_by("hour")
        .values_list("hour", "count", "learners")
    ]
    totals = records.aggregate(
        records=Count("pk"),
        learners=Count("learner", distinct=True),
        attended=Sum("minutes", filter=Q(evidence=Evidence.ATTENDANCE)),
        spent=Sum("minutes", filter=~Q(evidence=Evidence.ATTENDANCE)),
    )
    return {"key": _summary_key(zone, first, last), "hours": hours, **totals}


def _latest_import(pilot: Pilot) -> dict[str, Any] | None:
    """The pilot's latest finished import: its id and the figures kept on it (one query)."""
    latest = (
        pilot.imports.filter(state=PilotImport.State.FINISHED)
        .order_by("-finished", "-pk")
        .values("pk", "engagement", "counted", "suggested")
        .first()
    )
    return None if latest is None else dict(latest)


def engagement(
    pilot: Pilot,
    zone: ZoneInfo,
    first: date,
    last: date,
    *,
    latest: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the engagement figures of the pilot weeks: those the latest import kept when
    they are for this zone and these days, else worked out now. ``latest``: the latest
    import as ``_latest_import`` read it (read here when not given)."""
    if latest is None:
        latest = _latest_import(pilot)
    kept = latest["engagement"] if latest else None
    if kept and kept.get("key") == _summary_key(zone, first, last):
        return dict(kept)
    return engagement_of(pilot, zone, first, last)


# ----- the counted figures, kept on the latest import ------------------------------------------

# Bump when what ``counted_of`` counts, or how, changes: figures kept before are then stale.
COUNTED_VERSION = 1


def _counted_key(
    zone: ZoneInfo,
    dates: CourseDates,
    weeks: Sequence[int],
    activities: Sequence[ActivityRow],
    blocks: dict[int, ActivityBlock],
) -> str:
    """What the counted figures depend on besides the records (which only an import
    changes): the course's clock and days, the pilot weeks, which block each activity is,
    and each self-paced block's days (its due day sets what is on time)."""
    mapping = sorted([pk, block] for pk, _title, block, _confirmed in activities if block)
    due = sorted(
        [pk, block.modality, block.day, block.due_day]
        for pk, block in blocks.items()
        if block.modality != Modality.LIVE
    )
    facts = [
        COUNTED_VERSION,
        zone.key,
        dates.start.isoformat(),
        dates.end.isoformat(),
        list(weeks),
        mapping,
        due,
    ]
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()


def counted_of(
    pilot: Pilot,
    zone: ZoneInfo,
    dates: CourseDates,
    weeks: Sequence[int],
    activities: Sequence[ActivityRow],
    blocks: dict[int, ActivityBlock],
) -> dict[str, Any]:
    """Count what the evidence page's tables read from the records of the pilot weeks:
    attendance per block and week, and completions per self-paced block with those done by
    the due day (three grouped queries), as JSON-ready data."""
    first, last = pilot_span(dates, pilot)
    window = _bounds(zone, first, last)
    records = PilotRecord.objects.filter(pilot=pilot, at__gte=window[0], at__lt=window[1])
    due_by = _due_by(pilot, window, zone, activities, blocks, dates)
    return {
        "sessions": _attendance(records, zone, dates, weeks),
        "completions": [list(row) for row in _completion_counts(pilot, window, due_by)],
    }


def counted(
    pilot: Pilot,
    latest: dict[str, Any] | None,
    zone: ZoneInfo,
    dates: CourseDates,
    weeks: Sequence[int],
    activities: Sequence[ActivityRow],
    blocks: dict[int, ActivityBlock],
) -> dict[str, Any]:
    """Return the counted figures (``counted_of``): those kept on the latest import when they
    were counted from the same facts (``_counted_key``), else counted now and kept there.

    The records change only when an import stores them, so figures kept on the latest
    finished import hold until the next one; the key covers the rest. Nothing is kept while
    an import is storing records (one that is then refused takes them back) or when none
    has finished (records put there otherwise, as tests do, are counted every time)."""
    key = _counted_key(zone, dates, weeks, activities, blocks)
    kept = latest["counted"] if latest else None
    if kept and kept.get("key") == key:
        return dict(kept)
    figures = {"key": key, **counted_of(pilot, zone, dates, weeks, activities, blocks)}
    if latest is not None and not _storing(pilot):
        PilotImport.objects.filter(pk=latest["pk"]).update(counted=figures)
    return figures


def _storing(pilot: Pilot) -> bool:
    """Whether an import of ``pilot`` is storing records now (one stalled is not)."""
    return pilot.imports.filter(
        state=PilotImport.State.RUNNING, updated__gte=timezone.now() - IMPORT_STALLED_AFTER
    ).exists()


def pilot_figures_store(pilot: Pilot) -> None:
    """Keep the pilot weeks' engagement and counted figures on the latest finished import,
    so the evidence page reads a few hundred numbers rather than every record (worked out
    in the worker after each import: about 2 s over a million records, docs/benchmarks.md),
    and the mapping's suggestions, so its page need not compare every title again.
    """
    course = pilot.schedule.course
    dates = course_dates(course, pilot)
    latest = _latest_import(pilot)
    if dates is None or latest is None:
        return
    first, last = pilot_span(dates, pilot)
    PilotImport.objects.filter(pk=latest["pk"]).update(
        engagement=engagement_of(pilot, _zone(course), first, last)
    )
    counted_store(pilot)
    suggestions_store(pilot)


def counted_store(pilot: Pilot) -> None:
    """Count the evidence tables' figures afresh and keep them on the latest finished import
    (after an import, and once the mapping is saved: the evidence page the instructor goes
    to next then reads them)."""
    course = pilot.schedule.course
    dates = course_dates(course, pilot)
    latest = _latest_import(pilot)
    if dates is None or latest is None:
        return
    zone = _zone(course)
    weeks = tuple(pilot.weeks)
    activities: list[ActivityRow] = list(
        pilot.activities.values_list("pk", "title", "block", "confirmed")
    )
    blocks = {block.pk: block for block in pilot.schedule.blocks.all()}
    figures = {
        "key": _counted_key(zone, dates, weeks, activities, blocks),
        **counted_of(pilot, zone, dates, weeks, activities, blocks),
    }
    PilotImport.objects.filter(pk=latest["pk"]).update(
        # Another import storing records now may yet be refused: count again after it.
        counted={} if _storing(pilot) else figures
    )
