"""Text a person types: control characters are refused, everything else kept as typed."""

import pytest
from django.core.exceptions import ValidationError

from blendplan.validators import validate_line, validate_text


@pytest.mark.parametrize(
    "text", ["a\x00b", "\x1b[31mred", "bell\x07", "del\x7f", "c1\x85", "\ufffe"]
)
def test_control_characters_are_refused_in_a_line_and_in_a_text(text):
    for validate in (validate_line, validate_text):
        with pytest.raises(ValidationError, match="invisible control character"):
            validate(text)


@pytest.mark.parametrize("text", ["two\nlines", "a\ttab", "cr\r"])
def test_a_line_refuses_tabs_and_line_breaks_which_a_text_keeps(text):
    with pytest.raises(ValidationError, match="Keep this to one line"):
        validate_line(text)
    validate_text(text)


@pytest.mark.parametrize(
    "text",
    ["Intro to statics", "مقدمة في الإحصاء", "\u200fעברית\u200e", "\u202bRTL\u202c", "Ünïcødé ²"],
)
def test_right_to_left_text_its_marks_and_other_unicode_are_kept(text):
    validate_line(text)
    validate_text(text)
