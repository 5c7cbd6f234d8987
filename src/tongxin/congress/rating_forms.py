"""The rating's forms. They parse input; the service validates the rules and names the field."""

from django import forms

from tongxin.core.forms import TxForm

from .models import Grade


class RatingForm(TxForm):
    grade = forms.ChoiceField(
        label="等次",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择等次。", "invalid_choice": "请选择优、合格或重点关注。"},
    )
    notes = forms.CharField(
        label="评语",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="评为重点关注时必填。",
        error_messages={"max_length": "评语不能超过 2000 字。"},
    )
    version = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={"required": "缺少版本号，请刷新页面后重试。"},
    )
