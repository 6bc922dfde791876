"""Template context shared by every page."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from courses.roles import Role, roles_of


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    name: str  # the URL name, to mark the current page


def navigation(request: HttpRequest) -> dict[str, object]:
    """Return the navigation links the signed-in user's roles give them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    roles = roles_of(user)
    items = [
        NavItem("My courses", reverse("courses:dashboard"), "dashboard"),
        NavItem("Rules", reverse("schedules:rules"), "rules"),
    ]
    if Role.REVIEWER in roles:
        items.insert(1, NavItem("Review queue", reverse("schedules:review_queue"), "review_queue"))
    items.append(NavItem("API tokens", reverse("schedules:api_tokens"), "api_tokens"))
    if user.is_staff:
        items.append(NavItem("Site admin", reverse("admin:index"), "admin"))
    match = getattr(request, "resolver_match", None)
    return {
        "nav_items": items,
        "nav_current": match.url_name if match else "",
        "user_roles": sorted(role.value for role in roles),
    }
