"""Readable sentences for pydantic validation errors, and a way to report several at once.

Course facts and rule sets both come from people (a form, a JSON file, an admin editing
rules); every problem is reported as one sentence that starts with the field's path, e.g.
``learners.segments[1].timezone: 'Mars/Base' is not a known IANA time zone``.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

Location = tuple[str | int, ...]
T = TypeVar("T")

# pydantic's own wording for the commonest problems, rephrased for people who never saw a
# type annotation; the placeholders are filled from the error's context.
_TEMPLATES = {
    "missing": "is required",
    "extra_forbidden": "is not a field this accepts (check the spelling)",
    "greater_than": "must be greater than {gt} (got {input})",
    "greater_than_equal": "must be at least {ge} (got {input})",
    "less_than": "must be less than {lt} (got {input})",
    "less_than_equal": "must be at most {le} (got {input})",
    "int_parsing": "must be a whole number (got {input})",
    "int_from_float": "must be a whole number (got {input})",
    "int_type": "must be a whole number (got {input})",
    "float_parsing": "must be a number (got {input})",
    "float_type": "must be a number (got {input})",
    "bool_parsing": "must be true or false (got {input})",
    "bool_type": "must be true or false (got {input})",
    "string_type": "must be text (got {input})",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters long",
    "date_parsing": "must be a date written like 2027-01-11 (got {input})",
    "date_from_datetime_parsing": "must be a date written like 2027-01-11 (got {input})",
    "date_type": "must be a date written like 2027-01-11 (got {input})",
    "tuple_type": "must be a list (got {input})",
    "dict_type": "must be an object with named fields (got {input})",
    "model_type": "must be an object with named fields (got {input})",
    "too_short": "needs at least {min_length} item(s)",
    "too_long": "accepts at most {max_length} item(s)",
    "enum": "{input} is not one of the allowed values: {expected}",
    "json_invalid": "is not valid JSON ({error})",
}


def format_validation_errors(exc: ValidationError) -> list[str]:
    """Return one sentence per problem in ``exc``, each starting with the field's path."""
    return [_sentence(error) for error in exc.errors(include_url=False)]


def field_path(location: Sequence[str | int]) -> str:
    """Return a location as people write it: ``learners.segments[1].timezone``."""
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part != "[key]":
            path += f".{part}" if path else part
    return path or "(the whole document)"


def not_empty(what: str) -> Callable[[tuple[T, ...]], tuple[T, ...]]:
    """Return a check that a list has at least one item, saying "add at least one ``what``".

    Used instead of a minimum length so that a list whose only item is invalid reports that
    item's problem alone, not also that the list is too short.
    """

    def check(items: tuple[T, ...]) -> tuple[T, ...]:
        if not items:
            raise PydanticCustomError("empty", "add at least one {what}", {"what": what})
        return items

    return check


def problem(location: Location, message: str, value: Any = None) -> InitErrorDetails:
    """Return one cross-field problem, ready for ``raise_problems``."""
    return InitErrorDetails(type=PydanticCustomError("invalid", message), loc=location, input=value)


def raise_problems(title: str, problems: Iterable[InitErrorDetails]) -> None:
    """Raise every problem at once as one ValidationError; do nothing if there are none.

    Raised inside a model validator, pydantic keeps each problem's own location (prefixed by
    the model's place in the document), so an admin sees all of them in one go.
    """
    found = list(problems)
    if found:
        raise ValidationError.from_exception_data(title, found)


def _sentence(error: ErrorDetails) -> str:
    """Return ``path: message`` for one pydantic error."""
    location = error["loc"]
    template = _TEMPLATES.get(error["type"])
    context = dict(error.get("ctx") or {})
    if template is None:
        message = _own_message(error, context)
    else:
        values = {key: _show(value) for key, value in context.items()}
        values["input"] = _show(error["input"])
        if "expected" in context:
            # pydantic writes "'a', 'b' or 'c'"; a plain list reads better after a colon.
            values["expected"] = str(context["expected"]).replace("'", "").replace(" or ", ", ")
        message = template.format_map(values)
    return f"{field_path(location)}: {message}"


def _own_message(error: ErrorDetails, context: dict[str, Any]) -> str:
    """Return the message a validator of ours wrote, without pydantic's "Value error, "."""
    if error["type"] == "value_error" and "error" in context:
        return str(context["error"])
    return error["msg"]


def _show(value: Any) -> str:
    """Return a value as people wrote it: strings quoted, 0 rather than 0.0, long ones cut."""
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
