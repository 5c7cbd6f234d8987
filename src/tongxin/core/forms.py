"""Small helpers shared by the apps' forms: Chinese messages that the error summary and
the field include (core/templatetags/tx_forms.py) put after the field's Chinese label."""

from typing import Any

from django import forms

# Django's own messages name no limit the way a person counts ("确保该变量包含不超过 2000
# 字符"); these say the limit and what was typed. The label is put before them where the
# message stands apart from its field (error summary, messages, API).
MESSAGES = {
    "required": "请填写此项。",
    "max_length": "最多 %(limit_value)d 字（现有 %(show_value)d 字）。",
    "min_length": "至少 %(limit_value)d 字（现有 %(show_value)d 字）。",
}
CHOICE_REQUIRED = "请选择此项。"
_DJANGO_DEFAULTS = {
    "required": forms.Field.default_error_messages["required"],
}


def _is_choice(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)


class ChineseMessagesMixin:
    """Gives every field the messages above unless the form already set its own."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            messages = field.error_messages
            for code, text in MESSAGES.items():
                if code == "required" and _is_choice(field):
                    text = CHOICE_REQUIRED
                current = messages.get(code)
                if current is None or current is _DJANGO_DEFAULTS.get(code):
                    messages[code] = text


class TxForm(ChineseMessagesMixin, forms.Form):
    """A form whose messages are Chinese and say the limits (see MESSAGES)."""


class TxModelForm(ChineseMessagesMixin, forms.ModelForm):
    """TxForm for model forms."""


class TextBoxField(forms.CharField):
    """A multi-line text: a textarea whose length is counted as the browser counts it.

    Browsers send a line break as CRLF but count it as one character (maxlength and the
    live counter); normalised before the length check, a text that fits the box fits here.
    """

    widget = forms.Textarea

    def __init__(self, *, rows: int = 3, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")


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
