"""Validators shared by the course models and forms: each raises a sentence a person reads."""

import difflib
from functools import cache
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH, available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

# Names the tz database holds that are no place: the machine's own zone and tzcode's
# placeholder. Refused, as well as left out of the list.
NOT_PLACES = frozenset({"localtime", "Factory"})
# The regions of the tz database's geographic names ("Europe/London"); used only when the
# database's zone.tab cannot be read.
REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)
SUGGESTIONS = 3


@cache
def timezone_names() -> frozenset[str]:
    """Return the IANA time zone names this machine knows (from the system tz database),
    without the two that name no place (``localtime``, ``Factory``).

    Legacy aliases (``US/Eastern``, ``Asia/Calcutta``) are accepted, so that a course saved
    with one stays valid; ``canonical_timezone_names`` is what the pages offer.
    """
    return frozenset(available_timezones()) - NOT_PLACES


def _zone_tab() -> str | None:
    """Return the tz database's zone.tab (one canonical zone per line), or None."""
    for directory in TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    try:
        return (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - no tzdata package
        return None


@cache
def canonical_timezone_names() -> tuple[str, ...]:
    """Return the time zones to offer, sorted: the tz database's canonical zones of places
    (zone.tab) and UTC, without legacy aliases (``US/Eastern``), fixed offsets
    (``Etc/GMT+5``, ``EST``) or ``localtime`` and ``Factory``."""
    known = timezone_names()
    tab = _zone_tab()
    if tab is None:  # pragma: no cover - every tz database we run on has zone.tab
        places = {name for name in known if name.startswith(REGIONS)}
    else:
        places = {
            line.split("\t")[2]
            for line in tab.splitlines()
            if line and not line.startswith("#") and len(line.split("\t")) > 2
        }
    return tuple(sorted((places & known) | {"UTC"}))


def closest_timezones(value: str) -> list[str]:
    """Return up to three canonical time zones whose names are closest to ``value``."""
    names = canonical_timezone_names()
    typed = value.strip().replace(" ", "_").casefold()
    by_folded = {name.casefold(): name for name in names}
    if typed in by_folded:
        return [by_folded[typed]]
    # Compare with the whole name and with the city alone ("Londn" is near "London").
    cities = {name.rsplit("/", 1)[-1].casefold(): name for name in names}
    found = difflib.get_close_matches(typed, list(by_folded), n=SUGGESTIONS, cutoff=0.6)
    found += difflib.get_close_matches(
        typed.rsplit("/", 1)[-1], list(cities), n=SUGGESTIONS, cutoff=0.7
    )
    chosen = [by_folded.get(name) or cities[name] for name in found]
    return list(dict.fromkeys(chosen))[:SUGGESTIONS]


def validate_timezone(value: str) -> None:
    """Refuse a time zone name that is not in the IANA database, suggesting the closest."""
    if value in timezone_names():
        return
    closest = closest_timezones(value)
    if closest:
        raise ValidationError(
            "“%(value)s” is not a known time zone. Did you mean %(closest)s?",
            code="invalid_timezone",
            params={"value": value, "closest": _or_list(closest)},
        )
    raise ValidationError(
        "“%(value)s” is not a known time zone. Use an IANA name such as Europe/London "
        "or America/New_York.",
        code="invalid_timezone",
        params={"value": value},
    )


def _or_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" or {names[-1]}"


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
