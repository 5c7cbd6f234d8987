"""Forms of elections' setup: they parse input; the services validate the rules and name
the field."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from tongxin.core.forms import TextBoxField, TxForm
from tongxin.core.pagination import MAX_ID

from .election_models import ElectionMode
from .services.election_setup import Setup

NUMBER = {"invalid": "请填写整数。"}


class IdsField(forms.Field):
    """Several ids (checkboxes of one name)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(v) for v in values]
        except (TypeError, ValueError) as exc:
            raise ValidationError("请从列表中选择。") from exc
        if any(not 1 <= i <= MAX_ID for i in ids) or len(ids) > 500:
            raise ValidationError("请从列表中选择。")
        return ids


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )


class TermsForm(TxForm):
    seats = forms.IntegerField(label="应选名额", min_value=1, max_value=99, error_messages=NUMBER)
    mode = forms.ChoiceField(label="投票方式", choices=ElectionMode.choices)
    write_ins_allowed = forms.BooleanField(label="允许另选他人", required=False)


class SetupForm(VersionForm, TermsForm):
    candidacies = IdsField(label="候选人", required=False)
    scrutineers = IdsField(label="监票人", required=False)
    chief = forms.IntegerField(
        label="总监票人", required=False, min_value=1, max_value=MAX_ID, error_messages=NUMBER
    )

    def setup(self) -> Setup:
        d = self.cleaned_data
        return Setup(
            seats=d["seats"],
            mode=d["mode"],
            write_ins_allowed=d["write_ins_allowed"],
            candidacies=d["candidacies"],
            scrutineers=d["scrutineers"],
            chief=d["chief"],
        )


class CancelForm(VersionForm):
    reason = TextBoxField(label="取消理由", required=False, max_length=200)
