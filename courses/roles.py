"""The three roles of BlendPlan, held as Django auth groups (created by a data migration)."""

from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, Group, User
from django.db.models import QuerySet

from blendplan.reused_sql import reused_rows


class Role(StrEnum):
    """A role is the name of the auth group that grants it."""

    INSTRUCTOR = "Instructors"
    REVIEWER = "Reviewers"  # the LMS team
    RULE_ADMIN = "Rule admins"


def roles_of(user: User | AnonymousUser) -> frozenset[Role]:
    """Return the roles ``user`` holds; a superuser holds them all, an anonymous user none."""
    if not user.is_authenticated:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return frozenset(Role)
    # Cached on the user object: the navigation asks on every page.
    cached: frozenset[Role] | None = getattr(user, "_blendplan_roles", None)
    if cached is None:
        names = set(reused_rows("group names of a user", _group_names, user.pk))
        cached = frozenset(role for role in Role if role.value in names)
        user._blendplan_roles = cached  # type: ignore[attr-defined]
    return cached


def _group_names(user_id: int) -> QuerySet[Group, str]:
    return Group.objects.filter(user__id=user_id).values_list("name", flat=True)


def group_for(role: Role) -> Group:
    """Return the auth group of ``role``, creating it if a database flush removed it."""
    group, _ = Group.objects.get_or_create(name=role.value)
    return group
