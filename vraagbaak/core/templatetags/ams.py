"""Template helpers for Amsterdam Design System (ADS) markup.

Forms: `{{ field|ams_widget }}` renders a widget with the ADS class for its type
(Django itself adds `aria-invalid` and `aria-describedby`); checkbox and radio
options are rendered one by one with `{{ option|ams_option_input:field }}`.
Icons: `{% ams_icon "ChevronForward" %}` inlines an SVG from the ADS assets.
"""

from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Django's BoundField.widget_type (the widget class name, lower case, without "widget"/"input").
WIDGET_CLASSES = {
    "text": "ams-text-input",
    "email": "ams-text-input",
    "url": "ams-text-input",
    "number": "ams-text-input",
    "tel": "ams-text-input",
    "search": "ams-text-input",
    "date": "ams-text-input",
    "datetime": "ams-text-input",
    "time": "ams-text-input",
    "password": "ams-password-input",
    "textarea": "ams-text-area",
    "select": "ams-select",
    "nullbooleanselect": "ams-select",
    "selectmultiple": "ams-select",
    "checkbox": "ams-checkbox__input",
    "file": "ams-file-input",
    "clearablefile": "ams-file-input",
}

# How field.html lays out a field: one control, a group of options, or a single checkbox.
CHOICE_GROUPS = {"checkboxselectmultiple": "checkbox", "radioselect": "radio"}


def _join_classes(*classes) -> str:
    return " ".join(c for c in classes if c)


@register.filter
def ams_widget(field):
    """Render a bound field's widget with its ADS class added to any class it has."""
    css = WIDGET_CLASSES.get(field.widget_type)
    if not css:
        return field.as_widget()
    return field.as_widget(
        attrs={"class": _join_classes(field.field.widget.attrs.get("class"), css)}
    )


@register.filter
def ams_kind(field) -> str:
    """How field.html lays a field out: 'choices' (fieldset), 'single_checkbox' or 'control'."""
    if field.widget_type in CHOICE_GROUPS:
        return "choices"
    if field.widget_type == "checkbox":
        return "single_checkbox"
    return "control"


@register.filter
def ams_choice_type(field) -> str:
    return CHOICE_GROUPS.get(field.widget_type, "checkbox")


@register.filter
def ams_option_input(option, field):
    """The <input> of one checkbox/radio option of `field`, with ADS class and aria-invalid."""
    data = option.data
    kind = "radio" if data["type"] == "radio" else "checkbox"
    attrs = dict(data["attrs"])
    attrs["class"] = _join_classes(attrs.get("class"), f"ams-{kind}__input")
    if field.errors:
        attrs["aria-invalid"] = "true"
    value = "" if data["value"] is None else str(data["value"])
    return format_html(
        '<input type="{}" name="{}" value="{}"{}>',
        data["type"],
        data["name"],
        value,
        flatatt(attrs),
    )


@register.filter
def ams_anchor(field) -> str:
    """The id the error summary links to: the control, or the first option of a group."""
    if field.widget_type in CHOICE_GROUPS:
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@lru_cache(maxsize=64)
def _icon_svg(name: str) -> str:
    path = finders.find(f"ams/assets/icons/{name}.svg")
    if not path:
        return ""
    with open(path, encoding="utf-8") as fh:
        svg = fh.read().strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


@register.simple_tag
def ams_icon(name: str, size: str = "", color: str = ""):
    """An ADS icon (decorative: hidden from assistive technology)."""
    classes = _join_classes(
        "ams-icon", size and f"ams-icon--{size}", color and f"ams-icon--{color}"
    )
    return format_html('<span class="{}">{}</span>', classes, mark_safe(_icon_svg(name)))
