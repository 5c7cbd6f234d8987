"""{% field form.x %} and {% error_summary form %}: one way to render a form field.

A field keeps what was typed, shows its Chinese label, and when it is wrong carries
`is-invalid`, `aria-invalid="true"` and `aria-describedby` pointing at its message. A text
box with a limit has `maxlength` and a counter ("已输入 n / 2000 字") that
core/static/core/forms.js keeps up to date while typing. The error summary (role="alert",
focused on load by forms.js) links to each bad field.
"""

from typing import Any

from django import forms, template

register = template.Library()

_SIZES = {"sm": ("form-control-sm", "form-select-sm", "small"), "": ("", "", "")}


def _kind(widget: forms.Widget) -> str:
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    return "textarea" if isinstance(widget, forms.Textarea) else "input"


def _css(kind: str, size: str, invalid: bool) -> str:
    control, select, _label = _SIZES[size]
    base = {
        "select": f"form-select {select}",
        "check": "form-check-input",
        "choices": "form-check-input",
    }.get(kind, f"form-control {control}")
    return (base.strip() + (" is-invalid" if invalid else "")).replace("  ", " ")


def field_ids(bf: forms.BoundField) -> dict[str, str]:
    base = bf.auto_id or bf.html_name
    return {"id": base, "error": f"{base}-error", "help": f"{base}-help", "count": f"{base}-count"}


@register.inclusion_tag("core/_field.html")
def field(
    bf: forms.BoundField,
    size: str = "",
    label: str = "",
    hide_label: bool = False,
    wrapper: str = "mb-3",
    placeholder: str = "",
    **attrs: Any,
) -> dict[str, Any]:
    """Render one bound field. `size="sm"` for the compact action forms; extra keyword
    arguments become attributes of the control (underscores → dashes)."""
    widget = bf.field.widget
    kind = _kind(widget)
    ids = field_ids(bf)
    invalid = bool(bf.errors)
    limit = getattr(bf.field, "max_length", None) if kind == "textarea" else None
    described = [ids["error"]] if invalid else []
    if bf.help_text:
        described.append(ids["help"])
    if limit:
        described.append(ids["count"])
    control: dict[str, Any] = {k.replace("_", "-"): v for k, v in attrs.items()}
    control["class"] = _css(kind, size, invalid)
    if invalid:
        control["aria-invalid"] = "true"
    if described and kind != "choices":
        control["aria-describedby"] = " ".join(described)
    if placeholder:
        control["placeholder"] = placeholder
    if limit:
        control["maxlength"] = str(limit)
        control["data-counter"] = ids["count"]
    if kind == "choices":
        # Each option is rendered from the widget's attrs (the fieldset carries the rest).
        widget.attrs.update({k: v for k, v in control.items() if k != "aria-describedby"})
    value = bf.value()
    return {
        "bf": bf,
        "kind": kind,
        "ids": ids,
        "label": label or bf.label,
        "hide_label": hide_label,
        "label_class": _SIZES[size][2],
        "wrapper": wrapper,
        "widget": "" if kind == "choices" else bf.as_widget(attrs=control),
        "described": " ".join(described),
        "limit": limit,
        "typed": len(str(value or "")) if limit else 0,
    }


@register.inclusion_tag("core/_error_summary.html")
def error_summary(forms_: forms.Form | list[forms.Form] | None, title: str = "") -> dict[str, Any]:
    """The list of what is wrong in a form (or a list of forms), each item a link to its field."""
    items: list[dict[str, str]] = []
    for form in forms_ if isinstance(forms_, list | tuple) else [forms_]:
        if form is None or not form.is_bound or not form.errors:
            continue
        items.extend({"text": str(e), "href": ""} for e in form.non_field_errors())
        for bf in form:
            target = field_ids(bf)["id"] if not bf.is_hidden else ""
            items.extend(
                {"text": f"{bf.label or bf.name}：{e}" if bf.label else str(e), "href": target}
                for e in bf.errors
            )
    return {"items": items, "title": title}
