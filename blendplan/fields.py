"""Form fields that check what a browser sent before the database sees it."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

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
