"""How a person is named on pages and in e-mails: by their full name, as everywhere else."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# Who did something when their account has since been deleted (the row keeps a NULL).
FORMER_USER = "someone no longer here"


def person_name(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """Return ``user``'s full name, their username when they gave none, or a phrase for a
    deleted account."""
    if user is None or not user.is_authenticated:
        return FORMER_USER
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return str(full or user.get_username())
