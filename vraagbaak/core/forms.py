from django.forms.renderers import TemplatesSetting


class VraagbaakFormRenderer(TemplatesSetting):
    """Renders `{{ form }}` and `{{ field.as_field_group }}` with ADS markup."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
