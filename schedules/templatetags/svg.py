"""Template filter for drawing SVG charts: numbers without localisation."""

from django import template

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
