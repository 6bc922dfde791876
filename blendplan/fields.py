"""Form fields that check what a browser sent before the database sees it."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

# Ids a database looks up: whole numbers of at most 18 ASCII digits, so that every one fits
# a 64-bit integer (SQLite raises OverflowError past that; "²" passes str.isdigit()).
_ID = re.compile(r"[0-9]{1,18}")


class ModelIdsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A choice of several rows by id, refusing an id that is not a plain whole number before
    it is looked up (``ModelMultipleChoiceField`` hands it to an ``IN`` lookup as it is)."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for pk in value:
                if not _ID.fullmatch(str(pk)):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super().clean(value)


class _LoadedRowsIterator(ModelChoiceIterator[Any]):
    """The choices of a ``LoadedIdsField``: its rows, as they were loaded."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self._rows():
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self._rows()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self._rows())

    def _rows(self) -> list[Any]:
        assert isinstance(self.field, LoadedIdsField)
        return self.field.rows


class LoadedIdsField(ModelIdsField):
    """A ``ModelIdsField`` choosing among rows the view has loaded already (``rows``, in the
    order to offer them): the same choices, answers and errors as looking the ids up in
    ``queryset`` (which should hold the same rows), without a query. The cleaned value is the
    chosen rows as a list, in ``rows``' order (an empty queryset when none is chosen)."""

    iterator = _LoadedRowsIterator

    def __init__(self, queryset: Any, *, rows: list[Any] | None = None, **kwargs: Any) -> None:
        self.rows = [] if rows is None else rows
        super().__init__(queryset, **kwargs)

    def _check_values(self, value: Any) -> Any:
        # ``clean`` let through only ids of ASCII digits: each is a valid primary key, so
        # ``ModelMultipleChoiceField``'s test of each as a lookup cannot fail here.
        try:
            value = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        rows = {str(row.pk): row for row in self.rows}
        for pk in value:  # the first one missing, as the lookup's check names it
            if str(pk) not in rows:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        chosen = {str(pk) for pk in value}
        return [row for row in self.rows if str(row.pk) in chosen]
