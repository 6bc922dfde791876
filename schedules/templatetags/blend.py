"""Template filters for the blend editor."""

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def lookup(mapping: Mapping[Any, Any], key: Any) -> Any:
    """Return ``mapping[key]``, or an empty list when it has no such key."""
    return mapping.get(key, [])
