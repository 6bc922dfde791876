"""The arithmetic of the learners' first-week survey: a weekly grid between a learner's own
time zone and UTC, the availability heatmap in any zone, counts with small ones held back,
and the learner segments the answers propose.

Seed 002 asks instructors to survey learners in the first week "on access needs and
concerns about synchronous and/or asynchronous activities", where they are "physically
located (and their time zones)" and "what technology" they have. Plain Python: no request,
no models.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from courses.choices import Bandwidth
from schedules.rules.privacy import FEWER_THAN, held_back

DAYS_PER_WEEK = 7
HOURS_PER_DAY = 24
WEEK_HOURS = DAYS_PER_WEEK * HOURS_PER_DAY  # 168: Monday 00:00 to Sunday 23:00
UTC = ZoneInfo("UTC")

# A count of 1-4 learners is shown as "fewer than 5" (schedules.rules.privacy, the rule the
# pilot's evidence follows too), so that a small group (one learner with a screen reader, the
# only one in Lagos) cannot be picked out.

# The worse of two connections, for a segment whose learners differ (plan for the weaker).
_BANDWIDTH_ORDER: list[str] = [Bandwidth.RELIABLE, Bandwidth.VARIABLE, Bandwidth.LOW]


def monday_of(day: date) -> date:
    """Return the Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def week_hour(day: int, hour: int) -> int:
    """Return the hour of the week (0-167) of weekday ``day`` (0 = Monday) at ``hour``."""
    if not (0 <= day < DAYS_PER_WEEK and 0 <= hour < HOURS_PER_DAY):
        raise ValueError(f"No such hour of the week: day {day}, hour {hour}.")
    return day * HOURS_PER_DAY + hour


def _shift(hours: Iterable[int], source: ZoneInfo, target: ZoneInfo, week_of: date) -> list[int]:
    """Return ``hours`` of the week in ``source`` as hours of the week in ``target``, for the
    week beginning on the Monday of ``week_of`` (daylight saving as it is that week)."""
    monday = monday_of(week_of)
    shifted = set()
    for hour in hours:
        if not 0 <= hour < WEEK_HOURS:
            raise ValueError(f"No such hour of the week: {hour}.")
        local = datetime(monday.year, monday.month, monday.day, tzinfo=source) + timedelta(
            hours=hour
        )
        # Wall-clock arithmetic: hour 9 is 09:00 local even on a daylight-saving day.
        moved = local.astimezone(target)
        shifted.add(((moved.weekday() * HOURS_PER_DAY) + moved.hour) % WEEK_HOURS)
    return sorted(shifted)


def local_to_utc(hours: Iterable[int], zone: str, week_of: date) -> list[int]:
    """Return a learner's hours of the week, ticked in ``zone``, as UTC hours of the week."""
    return _shift(hours, ZoneInfo(zone), UTC, week_of)


def utc_to_zone(hours: Iterable[int], zone: str, week_of: date) -> list[int]:
    """Return UTC hours of the week as hours of the week in ``zone``."""
    return _shift(hours, UTC, ZoneInfo(zone), week_of)


@dataclass(frozen=True, slots=True)
class Answer:
    """One learner's answer, as the results read it."""

    zone: str
    availability_utc: tuple[int, ...] = ()
    devices: tuple[str, ...] = ()
    connection: str = ""
    needs: tuple[str, ...] = ()
    has_other_need: bool = False
    preference: str = ""


def availability_grid(answers: Iterable[Answer], zone: str, week_of: date) -> list[list[int]]:
    """Return how many learners could attend live at each hour, as ``grid[day][hour]`` in
    ``zone`` (the course's), for the week of ``week_of``."""
    grid = [[0] * HOURS_PER_DAY for _ in range(DAYS_PER_WEEK)]
    for answer in answers:
        for hour in utc_to_zone(answer.availability_utc, zone, week_of):
            grid[hour // HOURS_PER_DAY][hour % HOURS_PER_DAY] += 1
    return grid


def shown(count: int) -> str:
    """Return ``count`` as the results show it: "fewer than 5" for 1-4 learners.

    None (0) is shown: that nobody can attend at 03:00 identifies nobody.
    """
    return FEWER_THAN if held_back(count) else str(count)


def heat_level(count: int, total: int) -> int:
    """Return the shade (0-4) of a heatmap cell: none, then quarters of the learners.
    A held-back cell (1-4 learners) gets the lightest shade with learners in it."""
    if count == 0 or total == 0:
        return 0
    if held_back(count):
        return 1
    return min(4, 1 + (4 * count - 1) // total)


@dataclass(frozen=True, slots=True)
class Share:
    """A count among all answers, as shown: the count (or "fewer than 5") and its share."""

    value: str
    label: str
    count: int
    total: int

    @property
    def shown(self) -> str:
        return shown(self.count)

    @property
    def percent(self) -> str:
        """The share in whole per cent, held back with its count."""
        if held_back(self.count) or self.total == 0:
            return "—"
        return f"{round(100 * self.count / self.total)}%"


def shares(values: Iterable[str], choices: Sequence[tuple[str, str]], total: int) -> list[Share]:
    """Return the count of each choice among ``values`` (each answer's, flattened), in the
    choices' order."""
    counts = Counter(values)
    return [Share(value, label, counts[value], total) for value, label in choices]


def zone_counts(answers: Iterable[Answer]) -> list[tuple[str, int]]:
    """Return each time zone with its number of learners, most first, then by name."""
    counts = Counter(answer.zone for answer in answers)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True, slots=True)
class ProposedSegment:
    """A learner segment the answers propose: one per time zone."""

    zone: str
    head_count: int
    bandwidth: str  # the weakest connection declared in the zone
    devices: tuple[str, ...]  # every device declared in the zone, in the choices' order
    needs: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        return f"Learners in {self.zone.rsplit('/', 1)[-1].replace('_', ' ')}"


def _ordered(values: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    present = set(values)
    return tuple(value for value in order if value in present)


def propose_segments(
    answers: Sequence[Answer], *, device_order: Sequence[str], need_order: Sequence[str]
) -> list[ProposedSegment]:
    """Return one segment per time zone of ``answers``, most learners first: its head count,
    its weakest declared connection, the devices and the needs declared in it."""
    by_zone: dict[str, list[Answer]] = {}
    for answer in answers:
        by_zone.setdefault(answer.zone, []).append(answer)
    segments = []
    for zone, count in zone_counts(answers):
        group = by_zone[zone]
        connections = [answer.connection for answer in group if answer.connection]
        weakest = max(connections, key=_BANDWIDTH_ORDER.index) if connections else ""
        segments.append(
            ProposedSegment(
                zone=zone,
                head_count=count,
                bandwidth=weakest,
                devices=_ordered((d for a in group for d in a.devices), device_order),
                needs=_ordered((n for a in group for n in a.needs), need_order),
            )
        )
    return segments


# A cohort's connection is planned for the weaker one when at least this share of learners
# declares it (seed 001: a low-bandwidth alternative where bandwidth is variable).
WEAK_CONNECTION_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class ProfileNow:
    """The learner profile as it stands, in plain values."""

    bandwidth: str
    devices: tuple[str, ...]
    needs: tuple[str, ...]
    segments: dict[str, tuple[int, str, tuple[str, ...], tuple[str, ...]]]
    # zone -> (head count, bandwidth, devices, needs) of the profile's segment in that zone


@dataclass(frozen=True, slots=True)
class ProfileChange:
    """One change the answers propose to the profile: ``key`` names it in the form."""

    key: str
    what: str
    before: str
    after: str


def cohort_bandwidth(answers: Sequence[Answer]) -> str:
    """Return the weakest connection declared by at least a fifth of the learners."""
    counts = Counter(answer.connection for answer in answers if answer.connection)
    total = sum(counts.values())
    for connection in reversed(_BANDWIDTH_ORDER):
        if total and counts[connection] / total >= WEAK_CONNECTION_SHARE:
            return connection
    return ""


def _words(values: Sequence[str], labels: dict[str, str]) -> str:
    return ", ".join(labels.get(value, value) for value in values) or "none"


def propose_changes(
    answers: Sequence[Answer],
    now: ProfileNow,
    *,
    device_order: Sequence[str],
    need_order: Sequence[str],
    labels: dict[str, str],
) -> list[ProfileChange]:
    """Return what the answers would change in the profile, each change on its own: the
    cohort's connection, devices and needs (needs are only ever added), and a segment per
    time zone (added, or its head count, connection, devices and needs updated). Segments in
    zones nobody answered from are left as they are."""
    changes = []
    bandwidth = cohort_bandwidth(answers)
    if bandwidth and bandwidth != now.bandwidth:
        changes.append(
            ProfileChange(
                "bandwidth", "The cohort's bandwidth", labels[now.bandwidth], labels[bandwidth]
            )
        )
    devices = _ordered((d for a in answers for d in a.devices), device_order)
    if devices and set(devices) != set(now.devices):
        changes.append(
            ProfileChange(
                "devices", "Devices", _words(now.devices, labels), _words(devices, labels)
            )
        )
    needs = _ordered([*now.needs, *(n for a in answers for n in a.needs)], need_order)
    if set(needs) != set(now.needs):
        changes.append(
            ProfileChange(
                "needs", "Accessibility needs", _words(now.needs, labels), _words(needs, labels)
            )
        )
    for segment in propose_segments(answers, device_order=device_order, need_order=need_order):
        after = (segment.head_count, segment.bandwidth, segment.devices, segment.needs)
        before = now.segments.get(segment.zone)
        if before == after:
            continue
        described = (
            f"{segment.head_count} learners, {labels.get(segment.bandwidth, 'any')} "
            f"bandwidth, {_words(segment.devices, labels)}; needs: "
            f"{_words(segment.needs, labels)}"
        )
        was = (
            "no segment"
            if before is None
            else f"{before[0]} learners, {labels.get(before[1], 'as the cohort')} bandwidth, "
            f"{_words(before[2], labels)}; needs: {_words(before[3], labels)}"
        )
        changes.append(
            ProfileChange(f"segment:{segment.zone}", f"Learners in {segment.zone}", was, described)
        )
    return changes
