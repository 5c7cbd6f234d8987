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


class IdField(forms.IntegerField):
    """An id or number typed into a query string: a positive integer that fits a 64-bit
    primary key. Anything else is a Chinese error naming the field, never a database error
    (SQLite and PostgreSQL both refuse integers beyond 2**63 − 1 with an exception)."""

    default_error_messages = {
        "invalid": "请输入有效的编号。",
        "min_value": "编号必须是正整数。",
        "max_value": "编号超出范围。",
    }

    def __init__(self, **kwargs: object) -> None:
        from .pagination import MAX_ID

        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)  # type: ignore[arg-type]
