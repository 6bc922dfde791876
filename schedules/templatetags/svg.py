"""Template filters and tags for drawing SVG charts."""

from collections.abc import Container, Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from schedules.charts import DayColumn, Timeline, WeekBar, WeekView

register = template.Library()


@register.filter
def n(value: float | int | None) -> str:
    """Return ``value`` to two decimals at most ("12.5"), without localisation.

    For SVG coordinates, and the figures of a chart's table beside it.

    Django localises every float it renders, which is slow and has no place in SVG
    attributes; a chart draws hundreds of them.
    """
    if value is None:
        return "0"
    return f"{value:.2f}".rstrip("0").rstrip(".")


# The repeated elements of the charts, drawn here rather than in a template loop: a
# 15-week timeline has 15 bars of 10 numbers each, and a template costs a lookup and a
# filter call per number (most of the editor's rendering time).


@register.simple_tag
def timeline_bars(timeline: Timeline, flagged_weeks: Container[int] | None) -> SafeString:
    """Return the timeline's bars: live solid below, self-paced hatched above, flags.

    ``flagged_weeks`` get a marker (weeks with findings); over-full weeks an outline and
    empty weeks the word "empty".
    """
    bottom = n(timeline.plot_bottom)
    return format_html_join(
        "\n", "{}", ((_bar(bar, bottom, flagged_weeks),) for bar in timeline.bars)
    )


def _bar(bar: WeekBar, bottom: str, flagged_weeks: Container[int] | None) -> SafeString:
    x, width, label_x, top = n(bar.x), n(bar.width), n(bar.label_x), n(bar.self_paced_y)
    parts = [
        format_html(
            '<rect class="bar-self-paced" x="{}" y="{}" width="{}" height="{}"/>',
            x,
            top,
            width,
            n(bar.self_paced_height),
        ),
        format_html(
            '<rect class="bar-live" x="{}" y="{}" width="{}" height="{}"/>',
            x,
            n(bar.live_y),
            width,
            n(bar.live_height),
        ),
    ]
    if bar.state == "over":
        parts.append(
            format_html(
                '<rect class="bar-flag" x="{}" y="{}" width="{}" height="{}"/>',
                x,
                top,
                width,
                n(bar.total_height),
            )
        )
    if bar.state == "empty":
        parts.append(
            format_html(
                '<text class="bar-empty" x="{}" y="{}" dy="-6" text-anchor="middle">empty</text>',
                label_x,
                bottom,
            )
        )
    if flagged_weeks and bar.week in flagged_weeks:
        # Over an empty week's bar sits the word "empty": the marker goes above it.
        marker_y = n(bar.self_paced_y - 16) if bar.state == "empty" else top
        parts.append(
            format_html(
                '<path class="bar-marker" d="M{} {} m-6 -14 h12 l-6 10 z">'
                "<title>Findings in week {}</title></path>",
                label_x,
                marker_y,
                bar.week,
            )
        )
    parts.append(
        format_html(
            '<text class="axis-label" x="{}" y="{}" dy="16" text-anchor="middle">{}</text>',
            label_x,
            bottom,
            bar.week,
        )
    )
    return format_html(
        '<g class="week-bar week-bar--{}">{}</g>', bar.state, mark_safe("".join(parts))
    )


@register.simple_tag
def grid_lines(
    lines: Iterable[tuple[float, str]], x1: float, x2: float, label_x: float, anchor: str = ""
) -> SafeString:
    """Return horizontal grid lines, each with its label at the left (hours, or hour ticks)."""
    anchor_attr = format_html(' text-anchor="{}"', anchor) if anchor else ""
    left, right, at = n(x1), n(x2), n(label_x)
    return format_html_join(
        "\n",
        '<line class="grid-line" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="axis-label" x="{}" y="{}" dy="4"{}>{}</text>',
        ((left, right, n(y), n(y), at, n(y), anchor_attr, label) for y, label in lines),
    )


@register.simple_tag
def week_grid_days(view: WeekView) -> SafeString:
    """Return the week grid's day names and its live blocks, placed by start and length."""
    return format_html_join("\n", "{}", ((_day_column(column),) for column in view.columns))


def _day_column(column: DayColumn) -> SafeString:
    inner_x, inner_width, text_x = n(column.inner_x), n(column.inner_width), n(column.text_x)
    placed = format_html_join(
        "",
        '<g class="placed placed--{}">'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="4"/>'
        '<text x="{}" y="{}" dy="13">{}</text>'
        '<text x="{}" y="{}" dy="25" class="placed-time">{}{}</text></g>',
        (
            (
                item.block.modality,  # type: ignore[attr-defined]
                inner_x,
                n(item.y),
                inner_width,
                n(item.height),
                text_x,
                n(item.y),
                Truncator(item.block.title).chars(14),  # type: ignore[attr-defined]
                text_x,
                n(item.y),
                "LIVE " if item.block.is_live else "",  # type: ignore[attr-defined]
                f"{item.block.start_time:%H:%M}" if item.block.start_time else "",
            )
            for item in column.timed
        ),
    )
    return format_html(
        '<text class="day-label" x="{}" y="16" text-anchor="middle">{}</text>{}',
        n(column.centre),
        str(column.day.label)[:3],
        placed,
    )
