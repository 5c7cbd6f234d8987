"""Small helpers shared by the apps' forms."""

from django import forms


def form_errors(form: forms.Form) -> str:
    """One line naming each bad field, for messages and the API."""
    return "；".join(
        f"{form.fields[k].label or k}：{' '.join(str(m) for m in v)}"
        if k in form.fields
        else " ".join(str(m) for m in v)
        for k, v in form.errors.items()
    )
