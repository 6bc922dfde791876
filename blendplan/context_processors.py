"""Template context shared by every page."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from courses.roles import Role, roles_of


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    name: str  # the URL name, to mark the current page


def navigation(request: HttpRequest) -> dict[str, object]:
    """Return the navigation links the signed-in user's roles give them.

    Worked out only when a template shows them: an htmx fragment, which has no navigation,
    costs no query.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": frozenset()}
    roles = SimpleLazyObject(lambda: roles_of(user))

    def items() -> list[NavItem]:
        links = [
            NavItem("My courses", reverse("schedules:dashboard"), "dashboard"),
            NavItem("Rules", reverse("schedules:rules"), "rules"),
        ]
        if Role.REVIEWER in roles:
            # The queue is a reviewer's home: first, unless they teach as well.
            queue = NavItem("Review queue", reverse("schedules:review_queue"), "review_queue")
            if Role.INSTRUCTOR in roles:
                links.insert(1, queue)
            else:  # they teach nothing: "My courses" would only lead to the queue
                links[0] = queue
        links.append(NavItem("API tokens", reverse("schedules:api_tokens"), "api_tokens"))
        if user.is_staff:
            links.append(NavItem("Site admin", reverse("admin:index"), "admin"))
        return links

    match = getattr(request, "resolver_match", None)
    return {
        "nav_items": SimpleLazyObject(items),
        "nav_current": match.url_name if match else "",
        "user_roles": SimpleLazyObject(lambda: sorted(role.value for role in roles)),
    }
