"""The Jinja2 environment of the editor's hot fragments (drawn by the ``{% jinja %}`` tag).

Autoescaped like Django's templates; ``url()`` reverses a URL name as ``{% url %}`` does, and
the filters are those of our Django templates that the fragments use (``n``, ``cite``,
``cite_text``, ``check_title``, ``selecting``).
"""

from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import Environment, StrictUndefined

from schedules.templatetags.blend import check_title, cite, cite_plain, selecting
from schedules.templatetags.svg import n


def url(name: str, *args: Any) -> str:
    """Return the path of URL ``name`` with ``args``, as ``{% url name args %}`` does.

    Remembered per URL configuration and script prefix: the editor draws three actions for
    each block of a week on every save, and reversing is most of what they cost.
    """
    return _reverse(get_urlconf(), get_script_prefix(), name, args)


@lru_cache(maxsize=4096)
def _reverse(urlconf: str | None, prefix: str, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def environment(**options: Any) -> Environment:
    """Return the environment Django's Jinja2 backend renders the fragments with."""
    # A name the view did not pass is a mistake, not an empty string.
    env = Environment(**{**options, "undefined": StrictUndefined})
    env.globals["url"] = url
    env.filters["n"] = n
    env.filters["cite"] = cite
    env.filters["check_title"] = check_title
    env.filters["cite_text"] = cite_plain
    env.filters["selecting"] = selecting
    return env
