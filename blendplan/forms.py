"""How every form field renders: label, help, errors next to the field, then the input."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Django's renderer with our field template (``templates/forms/field.html``)."""

    field_template_name = "forms/field.html"
