"""How every form field renders (label, help, errors next to the field, then the input), and
the password forms of the account pages."""

from typing import Any

from axes.utils import reset as axes_reset
from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import password_validators_help_texts
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's renderer with our field template (``templates/forms/field.html``)."""

    field_template_name = "forms/field.html"


def _plain_password_help(form: SetPasswordForm[User]) -> None:
    # Django's help is an HTML list, which cannot sit in our field template's <p>: the same
    # rules (AUTH_PASSWORD_VALIDATORS) as sentences.
    form.fields["new_password1"].help_text = " ".join(password_validators_help_texts())


class NewPasswordForm(SetPasswordForm[User]):
    """Choose a new password from a reset link; that also lifts a sign-in lockout on the
    username, since whoever reads the account's mail may choose its password anyway."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        _plain_password_help(self)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit)
        axes_reset(username=user.get_username())
        return user


class ChangePasswordForm(PasswordChangeForm):
    """Change one's own password, knowing the current one."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        _plain_password_help(self)


LENGTH_LIMIT_MESSAGE = (
    "At most %(limit_value)d characters: this has %(show_value)d. Shorten it; what you "
    "typed is kept below."
)


def keep_what_was_typed(form: forms.BaseForm) -> None:
    """Let ``form``'s text boxes take text of any length and refuse it past the limit.

    A ``maxlength`` attribute makes the browser cut pasted text short without a word; without
    it the whole text reaches the form, which refuses it with the limit and shows it again.
    """
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is not None:
            field.widget.attrs.pop("maxlength", None)
            field.error_messages["max_length"] = LENGTH_LIMIT_MESSAGE


class DeleteConfirmForm(forms.Form):
    """The answer to "delete this?": ``yes``, or no answer yet (the page asks first)."""

    confirm = forms.ChoiceField(
        required=False,
        choices=[("", "Ask me"), ("yes", "Delete")],
        error_messages={
            "invalid_choice": "“%(value)s” is not an answer to the question; nothing was "
            "deleted. Delete again and confirm, or cancel."
        },
    )

    @property
    def confirmed(self) -> bool:
        """Whether the delete was confirmed; only once the form is valid."""
        return bool(self.cleaned_data["confirm"] == "yes")
