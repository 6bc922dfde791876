"""Template filters and tags for the blend editor."""

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from courses.choices import LearnerProfileKind, ObjectiveKind
from schedules.models import ActivityBlock
from schedules.rules.checks import Finding
from schedules.rules.choices import Weekday

register = template.Library()


@register.filter
def lookup(mapping: Mapping[Any, Any], key: Any) -> Any:
    """Return ``mapping[key]``, or an empty list when it has no such key."""
    return mapping.get(key, [])


@register.filter
def percent(share: float | None) -> str:
    """Return a 0-1 share as a whole percentage ("66%"); "–" when there is none."""
    if share is None:
        return "–"
    return f"{round(share * 100)}%"


@register.filter
def signed_points(points: float) -> str:
    """Return share points with their sign ("+6.7", "−2.2", "0")."""
    if not points:
        return "0"
    return f"+{points:g}" if points > 0 else f"−{abs(points):g}"


@register.filter
def label_of(value: str, vocabulary: str) -> str:
    """Return the human label of a stored choice ("full_time_local" → "Full-time, local")."""
    choices = ObjectiveKind if vocabulary == "objective" else LearnerProfileKind
    labels = dict(choices.choices)
    return str(labels.get(value, value))


@register.filter
def tech_summary(tech: Mapping[str, Any]) -> str:
    """Return a matrix row's tech conditions in words ("reliable bandwidth; lab access")."""
    parts = []
    bandwidths = tech.get("bandwidths") or []
    parts.append(f"{' or '.join(bandwidths)} bandwidth" if bandwidths else "any bandwidth")
    for key, yes, no in (
        ("lab_access", "lab access", "no lab"),
        ("lms", "an LMS", "no LMS"),
        ("multiple_timezones", "across time zones", "one time zone"),
    ):
        if tech.get(key) is not None:
            parts.append(yes if tech[key] else no)
    return "; ".join(parts)


@register.filter
def listify(first: Any, second: Any) -> list[Any]:
    """Return ``[first, second]`` without the Nones: ``single|listify:pair``."""
    return [item for item in (first, second) if item is not None]


@register.filter
def weekday_label(day: int) -> str:
    """Return the weekday's name (0 = Monday)."""
    return str(Weekday(day).label)


@register.filter
def hours(minutes: int) -> str:
    """Return minutes as hours ("90" → "1.5 h")."""
    return f"{minutes / 60:g} h"


# A week's block list repeats these three actions for every block; drawn by a tag they cost
# one template call per block instead of twenty lookups (the editor's save is timed).
_BLOCK_ACTIONS = (
    '<a class="button button--quiet" href="{base}edit/?week={week}" '
    'hx-get="{base}edit/?week={week}" hx-target="#blend-workspace" hx-swap="outerHTML">'
    'Edit<span class="visually-hidden"> “{title}”</span></a>\n'
    '<form method="post" action="{base}duplicate/" hx-post="{base}duplicate/" '
    'hx-target="#blend-workspace" hx-swap="outerHTML">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="week" value="{week}">'
    '<button type="submit" class="button button--quiet">'
    'Duplicate<span class="visually-hidden"> “{title}”</span></button></form>\n'
    '<form method="post" action="{base}delete/" hx-post="{base}delete/" '
    'hx-target="#blend-workspace" hx-swap="outerHTML">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="week" value="{week}">'
    '<button type="submit" class="button button--quiet button--danger">'
    'Delete<span class="visually-hidden"> “{title}”</span></button></form>'
)


@register.simple_tag
def block_actions(block: ActivityBlock, url_prefix: str, week: int, csrf_token: str) -> SafeString:
    """Return a block's Edit link and its Duplicate and Delete forms (plain posts that htmx
    turns into fragment swaps; ``url_prefix`` is ``EditorData.block_url_prefix``)."""
    return format_html(
        _BLOCK_ACTIONS,
        base=f"{url_prefix}{block.pk}/",
        week=week,
        title=block.title,
        csrf=csrf_token,
    )


@register.simple_tag
def more_findings(findings: Iterable[Finding], dismiss_url: str, week: int) -> SafeString:
    """Return the items of a group's "and N more like this" list, each with its dismiss link
    (a check can fire on every block of a long course: one template call, not five lookups
    per finding)."""
    return format_html_join(
        "",
        '<li class="finding__item"><span class="finding__message">{}</span> '
        '<a class="dismiss-link" href="{}?key={}&amp;week={}">'
        'Dismiss<span class="visually-hidden">: {}</span></a></li>',
        (
            (finding.message, dismiss_url, quote(finding.key), week, finding.message)
            for finding in findings
        ),
    )
