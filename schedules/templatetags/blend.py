"""Template filters and tags for the blend editor, and the ``{% jinja %}`` tag."""

from collections.abc import Mapping
from datetime import date
from functools import lru_cache, partial
from typing import Any

from django import template
from django.template import engines
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from courses.choices import LearnerProfileKind, ObjectiveKind
from courses.people import person_name
from schedules.pilot_imports.source import megabytes as _megabytes
from schedules.rules.checks.titles import check_title as _check_title
from schedules.rules.choices import Weekday
from schedules.rules.sentences import fit_percent
from schedules.rules.sources import cite_source, cite_text
from schedules.rules.weeks import format_weeks

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


@register.filter(name="fit_percent")
def fit_percent_filter(fit: float | None) -> str:
    """Return how well a row fits as the sentences say it: rounded down, so a table and the
    reason beside it never disagree (77% and 77%, not 78%), and only a full fit reads 100%."""
    if fit is None:
        return "–"
    return f"{fit_percent(fit)}%"


@register.filter
def count(number: int) -> str:
    """Return a whole number with thousands separated by commas ("10,000")."""
    return f"{number:,}"


@register.filter
def megabytes(size: int) -> str:
    """Return a size in decimal units as the import's limits and messages say it ("48 MB",
    "500 kB"); Django's ``filesizeformat`` counts in 1024s, so the same file would read
    "45.8 MB" beside an "Up to 200 MB" limit."""
    return _megabytes(size)


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
def week_list(weeks: list[int] | None) -> str:
    """Return week numbers as ranges with an en dash ("1–4, 6"); "every week" for none."""
    return format_weeks(weeks) if weeks else "every week"


@register.filter
def hours(minutes: int) -> str:
    """Return minutes as hours ("90" → "1.5 h")."""
    return f"{minutes / 60:g} h"


@register.filter
def cite(source: str | None) -> SafeString:
    """Return a rule's or finding's ``source`` ("seeds 000, 003") as citations, each linking
    to its entry on the Sources page; the words around them are kept (escaped)."""
    if not source:
        return mark_safe("")
    # The same few sources are cited by every finding of a check (hundreds on a large
    # course): each is worked out once per URL configuration and script prefix.
    return cited(source, get_urlconf(), get_script_prefix())


@lru_cache(maxsize=4096)
def cited(source: str, urlconf: str | None, prefix: str) -> SafeString:
    """Return ``cite(source)`` under URL configuration ``urlconf`` and script ``prefix``."""
    sources_url = reverse("schedules:sources", urlconf=urlconf)
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<a class="citation" href="{}#{}" title="{}">{}</a>',
                    sources_url,
                    part.citation.anchor,
                    part.citation.full,
                    part.text,
                )
                if part.citation
                else part.text,
            )
            for part in cite_source(source)
        ),
    )


@register.filter
def person(user: Any) -> str:
    """Return how a page names ``user``: their full name (see ``courses.people``)."""
    return person_name(user)


@register.filter
def iso_date(value: str | None) -> str:
    """Return a date a snapshot keeps as ISO text ("2027-03-01") as pages write dates
    ("1 Mar 2027"); "" for none."""
    if not value:
        return ""
    return date_format(date.fromisoformat(value), "j M Y")


@register.filter(name="cite_text")
def cite_plain(source: str | None) -> str:
    """Return ``source`` with its seeds named as citations, without links (for attributes)."""
    return _cite_plain(source or "")


@lru_cache(maxsize=4096)
def _cite_plain(source: str) -> str:
    return cite_text(source)


@register.filter
def check_title(check: str) -> str:
    """Return a check's title ("no-low-bandwidth-alternative" → "No low-bandwidth
    alternative")."""
    return _check_title(check)


@register.filter
def selecting(options: str, value: Any) -> SafeString:
    """Return ``options`` (``<option>`` elements drawn once, as ``_mapping_rows.jinja`` does)
    with the one whose value is ``value`` selected: one select's choice among many alike."""
    chosen = conditional_escape(str(value))
    return mark_safe(
        str(options).replace(f'<option value="{chosen}">', f'<option value="{chosen}" selected>', 1)
    )


@register.simple_tag(takes_context=True)
def jinja(context: template.Context, name: str, **values: Any) -> SafeString:
    """Return the Jinja2 template ``name`` rendered with ``values`` (and the request, so
    ``csrf_input`` works): for the few fragments repeated per finding, block or week, where
    Django's template language costs a quarter of the editor's save. Autoescaped."""
    fragment = engines["jinja2"].get_template(name)
    request = context.get("request")
    token = context.get("csrf_token")
    if request is None or token is None:
        return mark_safe(fragment.render(values, request=request))
    # The page's one CSRF token (the Django context's, worked out once), not a newly masked
    # one for each form of each fragment: masking a token costs 64 random draws, and the
    # editor draws two forms per block. What the backend adds for a request is the request
    # and the two CSRF names; the fragments read no other.
    return mark_safe(
        fragment.render(
            {
                **values,
                "request": request,
                "csrf_token": token,
                # Its hidden field written once, when a form first asks for it (a fragment
                # draws up to two forms a block).
                "csrf_input": SimpleLazyObject(partial(_csrf_field, token)),
                # Looked up once for the fragment's URLs and citations (jinja_env.url).
                "url_scope": (get_urlconf(), get_script_prefix()),
            }
        )
    )


def _csrf_field(token: Any) -> SafeString:
    """Return the hidden field of ``token``, as the Jinja2 backend's ``csrf_input`` is."""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', str(token))
