"""The Jinja2 environment of the editor's hot fragments (drawn by the ``{% jinja %}`` tag).

Autoescaped like Django's templates; ``url()`` reverses a URL name as ``{% url %}`` does, and
the filters are those of our Django templates that the fragments use (``n``, ``cite``,
``cite_text``, ``check_title``, ``selecting``).
"""

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.template.defaultfilters import date, floatformat, pluralize
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from jinja2 import Environment, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from schedules.charts import Timeline, WeekBar
from schedules.rules.checks import Finding
from schedules.templatetags.blend import check_title, cite_plain, cited, person, selecting
from schedules.templatetags.svg import n


def _url_scope(context: Context) -> tuple[str | None, str]:
    """Return the URL configuration and script prefix URLs are reversed under: the ones the
    ``{% jinja %}`` tag looked up once for the fragment (``url_scope``), else the thread's.

    Each lookup reads a context-local variable; a fragment reverses and cites a few
    hundred times a page.
    """
    scope: tuple[str | None, str] | None = context.get("url_scope")
    return (get_urlconf(), get_script_prefix()) if scope is None else scope


@pass_context
def url(context: Context, name: str, *args: Any) -> str:
    """Return the path of URL ``name`` with ``args``, as ``{% url name args %}`` does.

    Remembered per URL configuration and script prefix: the editor draws three actions for
    each block of a week on every save, and reversing is most of what they cost.
    """
    return _reverse(*_url_scope(context), name, args)


@pass_context
def cite_in_scope(context: Context, source: str | None) -> SafeString:
    """Return ``cite(source)`` (the Django filter), under the fragment's URL scope."""
    if not source:
        return mark_safe("")
    return cited(source, *_url_scope(context))


@lru_cache(maxsize=4096)
def _reverse(urlconf: str | None, prefix: str, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def _dismissable_finding(env: Environment) -> Callable[..., Markup]:
    """Return the ``dismissable_finding`` global of ``env``: one finding with its Dismiss
    link (``_finding_item.jinja``), drawn once for each finding, week and URL scope.

    A check can fire on every block of a course, and most findings are the same from one
    request to the next. The item has no CSRF token (the one being dismissed, which has a
    form, is drawn by ``_findings.jinja`` itself), so what it shows is a function of what
    the key holds: nothing kept can be out of date.
    """

    @lru_cache(maxsize=4096)
    def drawn(
        message: str,
        fix: str,
        key: str,
        shared_fix: bool,
        dismiss_url: str,
        shown_week: int,
        url_scope: tuple[str | None, str],
    ) -> Markup:
        return Markup(
            env.get_template("schedules/editor/_finding_item.jinja").render(
                finding=SimpleNamespace(message=message, fix=fix, key=key),
                shared_fix=shared_fix,
                dismiss_url=dismiss_url,
                shown_week=shown_week,
                url_scope=url_scope,
            )
        )

    @pass_context
    def dismissable_finding(
        context: Context, finding: Finding, shared_fix: bool, dismiss_url: str, shown_week: int
    ) -> Markup:
        return drawn(
            finding.message,
            finding.fix,
            finding.key,
            bool(shared_fix),
            dismiss_url,
            shown_week,
            _url_scope(context),
        )

    return dismissable_finding


def _timelines(env: Environment) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """Return the ``drawn_timeline`` and ``drawn_timeline_rows`` globals of ``env``: the
    weekly timeline (``schedules/_timeline.jinja``) and its table's rows, drawn once for
    the same figures. Both are a function of the timeline's values alone (no URL, no
    token), and most edits (a title, a week's other block) leave them as they were."""

    @lru_cache(maxsize=256)
    def timeline_drawn(timeline: Timeline, flagged_weeks: frozenset[int]) -> Markup:
        fragment = env.get_template("schedules/_timeline.jinja")
        return Markup(fragment.render(timeline=timeline, flagged_weeks=flagged_weeks))

    @lru_cache(maxsize=256)
    def rows_drawn(bars: tuple[WeekBar, ...]) -> Markup:
        fragment = env.get_template("schedules/editor/_timeline_rows.jinja")
        return Markup(fragment.render(bars=bars))

    def drawn_timeline(timeline: Timeline, flagged_weeks: Iterable[int] | None) -> Markup:
        # Its lists as tuples: a frozen dataclass of values, equal when the figures are.
        key = replace(timeline, bars=tuple(timeline.bars), ticks=tuple(timeline.ticks))
        return timeline_drawn(key, frozenset(flagged_weeks or ()))

    def drawn_timeline_rows(bars: Iterable[WeekBar]) -> Markup:
        return rows_drawn(tuple(bars))

    return drawn_timeline, drawn_timeline_rows


def django_date(value: Any, format_string: str) -> str:
    """Return ``value|date:format_string`` as a Django template writes it: an aware
    datetime in the current time zone first."""
    return str(date(template_localtime(value), format_string))


def plain_number(value: Any) -> str:
    """Return a number as a Django template writes it inside ``{% localize off %}``."""
    return str(localize(value, use_l10n=False))


def environment(**options: Any) -> Environment:
    """Return the environment Django's Jinja2 backend renders the fragments with."""
    # A name the view did not pass is a mistake, not an empty string.
    env = Environment(**{**options, "undefined": StrictUndefined})
    env.globals["url"] = url
    env.globals["dismissable_finding"] = _dismissable_finding(env)
    env.globals["drawn_timeline"], env.globals["drawn_timeline_rows"] = _timelines(env)
    env.filters["n"] = n
    env.filters["cite"] = cite_in_scope
    env.filters["check_title"] = check_title
    env.filters["cite_text"] = cite_plain
    env.filters["selecting"] = selecting
    # Django's own filters, for text the page around a fragment writes the Django way:
    # ``h`` escapes as Django does (``&#x27;`` and ``&quot;`` where markupsafe writes
    # ``&#39;`` and ``&#34;``), for text a person typed.
    env.filters["h"] = conditional_escape
    env.filters["plain"] = plain_number
    env.filters["floatformat"] = floatformat
    env.filters["pluralize"] = pluralize
    env.filters["date"] = django_date
    env.filters["person"] = person
    return env
