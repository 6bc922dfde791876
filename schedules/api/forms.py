"""Browser input for the API tokens page: the name of a new token and when it expires."""

from django import forms

from blendplan.http import one_of
from blendplan.validators import validate_line
from schedules.models.api_tokens import (
    DEFAULT_TOKEN_LIFETIME,
    TOKEN_LIFETIMES,
    TOKEN_NAME_MAX_LENGTH,
)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=TOKEN_NAME_MAX_LENGTH,
        validators=[validate_line],
        help_text="What will use it, so you know which to revoke later, e.g. “Moodle sync”.",
        error_messages={
            "required": "Give the token a name, e.g. “Moodle sync”.",
            "max_length": "Keep the name to %(limit_value)d characters or fewer "
            "(it has %(show_value)d).",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    expires_in = forms.TypedChoiceField(
        label="Expires after",
        choices=list(TOKEN_LIFETIMES.items()),
        coerce=int,
        initial=DEFAULT_TOKEN_LIFETIME,
        # The page's select always sends one; left out (a script posting), the default.
        required=False,
        help_text="The API refuses the token after that; make a new one then.",
        error_messages={
            "invalid_choice": "Choose when the token expires: after "
            + one_of(list(TOKEN_LIFETIMES.values()))
            + ".",
        },
    )

    def clean_expires_in(self) -> int:
        value = self.cleaned_data["expires_in"]
        return DEFAULT_TOKEN_LIFETIME if value in ("", None) else int(value)
