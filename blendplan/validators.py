"""Checks on text a person types, shared by every model and form that stores such text.

Control characters are invisible, cannot be typed, and break what the text ends up in: a NUL
is refused by PostgreSQL ("A string literal cannot contain NUL"), and C0 controls make the
cartridge's XML invalid. Right-to-left text and its marks (format characters, not controls)
are kept as typed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# C0 and C1 controls and DEL, and the two non-characters XML 1.0 refuses outright; a
# textarea's text may hold tabs and line breaks (\t \n \r) besides.
_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_IN_A_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# Usernames, as django.contrib.auth stores them.
USERNAME_MAX_LENGTH = 150


@deconstructible
class PlainTextValidator:
    """Refuse text holding a control character; with ``multiline``, tabs and line breaks
    (what a textarea sends) are allowed."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        found = (_IN_A_TEXT if self.multiline else _IN_A_LINE).search(str(value))
        if found is None:
            return
        character = found.group()
        if character in "\t\n\r":
            raise ValidationError(
                "Keep this to one line: remove the line break or tab.", code="line_break"
            )
        raise ValidationError(
            "Remove the invisible control character (U+%(code)s) from the text; "
            "it cannot be stored or exported.",
            code="control_character",
            params={"code": f"{ord(character):04X}"},
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainTextValidator) and self.multiline == other.multiline

    def __hash__(self) -> int:
        return hash(self.multiline)


# One line of text (titles, names, labels) and a textarea's text (comments, reasons).
validate_line = PlainTextValidator()
validate_text = PlainTextValidator(multiline=True)
