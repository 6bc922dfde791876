"""Browser input for the API tokens page: the name of a new token."""

from django import forms

from blendplan.validators import validate_line
from schedules.models.api_tokens import TOKEN_NAME_MAX_LENGTH


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
