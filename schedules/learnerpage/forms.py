"""Browser input for the learners' page: the viewer's time zone and reading direction, and
the instructors' actions on its link."""

from django import forms
from django.core.exceptions import ValidationError

from courses.validators import validate_timezone

# The longest IANA name is 32 characters ("America/Argentina/ComodRivadavia").
ZONE_MAX_LENGTH = 64


class ViewerForm(forms.Form):
    """``?tz=`` (the zone to show times in; the course's when absent) and ``?dir=`` (the
    page's reading direction, left to right when absent)."""

    tz = forms.CharField(required=False, strip=True, label="Show times in")
    dir = forms.ChoiceField(
        required=False,
        label="Reading direction",
        choices=[("ltr", "Left to right"), ("rtl", "Right to left")],
        error_messages={
            "invalid_choice": "The reading direction is left to right (ltr) or right to left (rtl)."
        },
    )

    def clean_tz(self) -> str:
        zone = str(self.cleaned_data["tz"])
        if not zone:
            return ""
        if len(zone) > ZONE_MAX_LENGTH or "\x00" in zone:
            raise ValidationError(
                "That is not a time zone name. Pick one from the list, such as Europe/Berlin."
            )
        validate_timezone(zone)
        return zone


class LinkActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("create", "Make the link"), ("replace", "New link"), ("revoke", "Revoke")],
        error_messages={"invalid_choice": "Choose to make the link, replace it or revoke it."},
    )
