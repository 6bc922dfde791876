"""Validators shared by the course models and forms: each raises a sentence a person reads."""

from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible


@cache
def timezone_names() -> frozenset[str]:
    """Return the IANA time zone names this machine knows (from the system tz database)."""
    return frozenset(available_timezones())


def validate_timezone(value: str) -> None:
    """Refuse a time zone name that is not in the IANA database."""
    if value not in timezone_names():
        raise ValidationError(
            "“%(value)s” is not a known time zone. Use an IANA name such as Europe/London "
            "or America/New_York.",
            code="invalid_timezone",
            params={"value": value},
        )


@deconstructible
class ChoiceListValidator:
    """Validate a JSON list whose items must be distinct values of ``choices``."""

    def __init__(
        self, choices: type[models.TextChoices] | type[models.IntegerChoices], what: str
    ) -> None:
        self.choices = choices
        self.what = what

    def __call__(self, value: object) -> None:
        allowed = {member.value for member in self.choices}
        if not isinstance(value, list):
            raise ValidationError(f"The {self.what} must be a list.", code="not_a_list")
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                "Unknown %(what)s: %(unknown)s.",
                code="unknown_choice",
                params={"what": self.what, "unknown": ", ".join(map(str, unknown))},
            )
        if len(set(value)) != len(value):
            raise ValidationError(f"Each {self.what} may be listed only once.", code="duplicate")

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ChoiceListValidator)
            and self.choices is other.choices
            and self.what == other.what
        )

    def __hash__(self) -> int:
        return hash((self.choices, self.what))
