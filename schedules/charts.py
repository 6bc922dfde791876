"""Geometry of the blend charts, computed in plain Python and drawn as SVG by templates
(the repeated elements, bars and grid lines, by the tags in templatetags/svg.py).

Templates only place what is computed here (no arithmetic in templates, no inline
styles: the Content-Security-Policy forbids them), so the charts are testable without a
browser. Live time is drawn solid and self-paced time hatched, and every chart also has a
text equivalent on the page.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from typing import Protocol

from schedules.rules.blend import BlendSummary
from schedules.rules.choices import Weekday

# How far a week may be off its weekly-hours target before the timeline flags it. The
# blend checks take their tolerance from the rule set; the chart only draws a band.
TARGET_BAND = 0.1


@dataclass(frozen=True, slots=True)
class WeekBar:
    week: int
    x: float
    width: float
    live_y: float
    live_height: float
    self_paced_y: float
    self_paced_height: float
    live_hours: float
    self_paced_hours: float
    state: str  # "ok", "over", "under" or "empty"

    @property
    def total_hours(self) -> float:
        return self.live_hours + self.self_paced_hours

    @property
    def total_height(self) -> float:
        return round(self.live_height + self.self_paced_height, 2)

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2

    @property
    def marker_y(self) -> float:
        """Where a findings marker points: the bar's top, or above an empty week's label."""
        return self.self_paced_y - 16 if self.state == "empty" else self.self_paced_y


@dataclass(frozen=True, slots=True)
class Timeline:
    """The stacked weekly timeline: one bar per week, hours up the side."""

    width: int
    height: int
    plot_top: float
    plot_bottom: float
    bars: Sequence[WeekBar]
    target_hours: float
    band_y: float
    band_height: float
    target_y: float
    recommended_live_y: float | None
    ticks: Sequence[tuple[float, str]]  # (y, label)

    @property
    def over_weeks(self) -> list[int]:
        return [bar.week for bar in self.bars if bar.state == "over"]

    @property
    def empty_weeks(self) -> list[int]:
        return [bar.week for bar in self.bars if bar.state == "empty"]


def timeline(
    summary: BlendSummary, *, weekly_hours: Decimal, recommended_share: float | None
) -> Timeline:
    """Return the timeline of ``summary`` against the weekly target and recommended share."""
    width, height = 720, 260
    left, right, top, bottom = 44.0, 12.0, 12.0, 28.0
    target = float(weekly_hours)
    tallest = max([week.total_minutes / 60 for week in summary.weeks] + [target * 1.3, 1.0])
    scale = (height - top - bottom) / tallest
    base = height - bottom

    def y(hours: float) -> float:
        return round(base - hours * scale, 2)

    slot = (width - left - right) / max(len(summary.weeks), 1)
    bar_width = round(slot * 0.7, 2)
    bars = []
    for index, week in enumerate(summary.weeks):
        live, self_paced = week.live_minutes / 60, week.self_paced_minutes / 60
        bars.append(
            WeekBar(
                week=week.week,
                x=round(left + index * slot + (slot - bar_width) / 2, 2),
                width=bar_width,
                live_y=y(live),
                live_height=round(live * scale, 2),
                self_paced_y=y(live + self_paced),
                self_paced_height=round(self_paced * scale, 2),
                live_hours=round(live, 2),
                self_paced_hours=round(self_paced, 2),
                state=_state(live + self_paced, target),
            )
        )
    step = _tick_step(tallest)
    ticks = [(y(hours), f"{hours:g} h") for hours in _frange(0, tallest, step)]
    return Timeline(
        width=width,
        height=height,
        plot_top=top,
        plot_bottom=base,
        bars=bars,
        target_hours=target,
        band_y=y(target * (1 + TARGET_BAND)),
        band_height=round(target * 2 * TARGET_BAND * scale, 2),
        target_y=y(target),
        recommended_live_y=None if recommended_share is None else y(target * recommended_share),
        ticks=ticks,
    )


def _state(hours: float, target: float) -> str:
    if hours == 0:
        return "empty"
    if hours > target * (1 + TARGET_BAND):
        return "over"
    if hours < target * (1 - TARGET_BAND):
        return "under"
    return "ok"


def _tick_step(tallest: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20):
        if tallest / step <= 6:
            return step
    return 50


def _frange(start: float, stop: float, step: float) -> list[float]:
    values, value = [], start
    while value <= stop + 1e-9:
        values.append(round(value, 2))
        value += step
    return values


@dataclass(frozen=True, slots=True)
class Gauge:
    """The split gauge: actual live share against the recommendation and its tolerance."""

    width: int
    actual_percent: int | None
    actual_x: float
    recommended_percent: int | None
    recommended_x: float | None
    band_x: float | None
    band_width: float | None
    within_band: bool | None


def gauge(
    actual_percent: int | None, recommended_percent: int | None, tolerance_points: int
) -> Gauge:
    """Return the gauge for ``actual_percent`` live against ``recommended_percent`` ± tolerance."""
    width = 320

    def x(percent: float) -> float:
        return round(width * max(0.0, min(100.0, percent)) / 100, 2)

    band_x = band_width = within = None
    if recommended_percent is not None:
        low = max(0, recommended_percent - tolerance_points)
        high = min(100, recommended_percent + tolerance_points)
        band_x, band_width = x(low), round(x(high) - x(low), 2)
        if actual_percent is not None:
            within = low <= actual_percent <= high
    return Gauge(
        width=width,
        actual_percent=actual_percent,
        actual_x=x(actual_percent or 0),
        recommended_percent=recommended_percent,
        recommended_x=None if recommended_percent is None else x(recommended_percent),
        band_x=band_x,
        band_width=band_width,
        within_band=within,
    )


class GridBlock(Protocol):
    """What the week grid reads of a block (an ``ActivityBlock`` has it); pages show the rest."""

    @property
    def day(self) -> int: ...
    @property
    def start_time(self) -> time | None: ...
    @property
    def duration_minutes(self) -> int: ...
    def runs_in_week(self, week: int) -> bool: ...


@dataclass(frozen=True, slots=True)
class PlacedBlock:
    block: GridBlock
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class DayColumn:
    day: Weekday
    x: float
    width: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def inner_x(self) -> float:
        return round(self.x + 3, 2)

    @property
    def inner_width(self) -> float:
        return round(self.width - 6, 2)

    @property
    def text_x(self) -> float:
        return round(self.x + 7, 2)

    timed: Sequence[PlacedBlock]
    self_paced: Sequence[GridBlock]


@dataclass(frozen=True, slots=True)
class WeekView:
    """Monday to Sunday, live blocks placed by start time and length (for one week)."""

    week: int
    width: int
    height: int
    column_width: float
    gutter: float
    first_hour: int
    last_hour: int
    hour_lines: Sequence[tuple[float, str]]
    columns: Sequence[DayColumn]


def week_view(blocks: Sequence[GridBlock], *, week: int) -> WeekView:
    """Return the week grid of the blocks that run in ``week``."""
    running = [block for block in blocks if block.runs_in_week(week)]
    timed = [block for block in running if block.start_time is not None]
    first = min([7] + [block.start_time.hour for block in timed if block.start_time])
    last = max([19] + [_end_hour(block) for block in timed])
    width, gutter, header, hour_height = 700, 44.0, 28.0, 28.0
    height = int(header + (last - first) * hour_height + 4)
    column = (width - gutter) / 7

    def y(minutes: int) -> float:
        return round(header + (minutes - first * 60) * hour_height / 60, 2)

    columns = []
    for day in Weekday:
        placed = [
            PlacedBlock(
                block=block,
                y=y(_start_minute(block)),
                height=round(block.duration_minutes * hour_height / 60, 2),
            )
            for block in timed
            if block.day == day
        ]
        columns.append(
            DayColumn(
                day=day,
                x=round(gutter + day.value * column, 2),
                width=round(column, 2),
                timed=placed,
                self_paced=[b for b in running if b.day == day and b.start_time is None],
            )
        )
    return WeekView(
        week=week,
        width=width,
        height=height,
        column_width=round(column, 2),
        first_hour=first,
        last_hour=last,
        gutter=gutter,
        hour_lines=[(y(hour * 60), f"{hour:02d}:00") for hour in range(first, last + 1)],
        columns=columns,
    )


def _start_minute(block: GridBlock) -> int:
    assert block.start_time is not None
    return block.start_time.hour * 60 + block.start_time.minute


def _end_hour(block: GridBlock) -> int:
    return min(24, -(-(_start_minute(block) + block.duration_minutes) // 60))
