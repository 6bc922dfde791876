"""Browser input for the review pages: the queue's filters, which version to show or
compare, a comment and a decision."""

from typing import Any

from django import forms

from blendplan.http import one_of
from blendplan.validators import validate_text
from courses.choices import Discipline
from schedules.models import COMMENT_MAX_LENGTH, ReviewStatus
from schedules.reviews.selectors import REVIEWABLE


class NumberField(forms.RegexField):
    """A positive whole number (a version's, a block's or a comment's), or None when blank.

    At most nine digits, so that every database can look it up. ``what`` names the thing
    numbered, with its article ("a version number"), for the error messages.
    """

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": f"“%(value)s” is not {what}.",
                "required": "The form did not say which version it is about.",
            },
        )
        super().__init__(r"^[1-9][0-9]{0,8}$", **kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        return int(text) if text else None


VERSION_NUMBER = "a version number (1, 2, 3…)"


def comment_field() -> forms.CharField:
    """Return the field of a comment's text: a textarea's, at most 5,000 characters."""
    return forms.CharField(
        required=False,
        strip=False,
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_text],
        error_messages={
            "max_length": "Keep a comment to 5,000 characters or fewer (it has %(show_value)d)."
        },
    )


class SubmitForm(forms.Form):
    """Submitting a schedule: an optional note that goes with the version to the reviewers."""

    note = forms.CharField(
        required=False,
        strip=True,
        max_length=COMMENT_MAX_LENGTH,
        validators=[validate_text],
        label="Note to the reviewers (optional)",
        help_text="What changed since the last version, or what you would like them to look at.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "Keep the note to 5,000 characters or fewer (it has %(show_value)d)."
        },
    )
    # Offered when edits were made from the pilot's evidence since the last version.
    link_evidence = forms.BooleanField(
        required=False,
        initial=True,
        label="Link the pilot evidence these edits answer",
        help_text="The reviewers see the findings with their figures beside this version.",
    )


class QueueFilterForm(forms.Form):
    """The queue's filters: ``status`` (submitted when absent) and ``discipline`` (any)."""

    status = forms.ChoiceField(
        required=False,
        choices=[(status.value, status.label) for status in REVIEWABLE],
        error_messages={
            "invalid_choice": "“%(value)s” is not a status the queue shows: choose "
            + one_of([str(status.label) for status in REVIEWABLE])
            + "."
        },
    )
    discipline = forms.ChoiceField(
        required=False,
        choices=Discipline.choices,
        error_messages={
            "invalid_choice": "“%(value)s” is not a discipline: choose "
            + one_of([str(label) for label in Discipline.labels])
            + ", or any."
        },
    )

    def clean_status(self) -> str:
        return str(self.cleaned_data["status"] or ReviewStatus.SUBMITTED)


class VersionParamForm(forms.Form):
    """``?version=N`` of the review page and the exports (absent: their default version)."""

    version = NumberField(what=VERSION_NUMBER)


class ComparePairForm(forms.Form):
    """``?a=`` and ``?b=``: the versions to compare (absent: the latest and the one before)."""

    a = NumberField(what=VERSION_NUMBER)
    b = NumberField(what=VERSION_NUMBER)


class CommentForm(forms.Form):
    """A comment on the latest version: on the schedule, on one block, or a reply.

    ``review_comment`` says when the body is empty or the block or comment is not part of the
    version; this form refuses what is not a number at all.
    """

    version = NumberField(what=VERSION_NUMBER, required=True)
    block = NumberField(what="a block of this schedule")
    parent = NumberField(what="a comment of this schedule")
    body = comment_field()


class DecisionForm(forms.Form):
    """Approve the latest version, or request changes with a comment."""

    version = NumberField(what=VERSION_NUMBER, required=True)
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("request_changes", "Request changes")],
        error_messages={
            "required": "Choose Approve or Request changes.",
            "invalid_choice": "“%(value)s” is not a decision: choose Approve or Request changes.",
        },
    )
    comment = comment_field()

    @property
    def approve(self) -> bool:
        """Whether the decision is to approve; only once the form is valid."""
        return bool(self.cleaned_data["decision"] == "approve")
