"""Forms of writing and co-signing. They parse input; the services validate the rules and
name the field (proposal_writing.py)."""

from typing import Any

from django import forms

from tongxin.core.forms import TextBoxField, TxForm

from .proposal_models import ProposalCategory

DATE = {"invalid": "请按 年-月-日 填写日期。"}


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )


class IdsWidget(forms.SelectMultiple):
    """Several ids from a page's checkboxes (a QueryDict list), an API list or "1,2,3"."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if hasattr(data, "getlist"):
            values = data.getlist(name)
            if len(values) == 1 and "," in values[0]:
                return values[0].split(",")
            return values
        value = data.get(name)
        if isinstance(value, str):
            return [v for v in value.split(",") if v.strip()]
        if isinstance(value, int):
            return [value]
        return value or []


class IdsField(forms.Field):
    widget = IdsWidget
    default_error_messages = {"invalid": "请选择有效的代表。"}

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return [int(str(v).strip()) for v in value]
        except ValueError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class ProposalTextForm(TxForm):
    """The proposal's text; every field optional here so the service names what is missing
    (the concrete suggestion's own message: 没有具体建议的是意见，不是提案)."""

    title = forms.CharField(label="案由", required=False, max_length=100)
    category = forms.ChoiceField(
        label="类别", choices=[("", "请选择"), *ProposalCategory.choices], required=False
    )
    background = TextBoxField(label="背景", required=False, max_length=5000, rows=4)
    analysis = TextBoxField(label="分析", required=False, max_length=5000, rows=4)
    suggestion = TextBoxField(label="具体建议", required=False, max_length=5000, rows=5)


class WriteForm(ProposalTextForm):
    basis_suggestion = forms.IntegerField(label="依据的意见建议", required=False, min_value=1)
    basis_issue = forms.IntegerField(label="依据的权益诉求", required=False, min_value=1)


class EditForm(VersionForm, ProposalTextForm):
    pass


class InviteForm(VersionForm):
    invitees = IdsField(label="邀请附议的代表", required=False)


class DeclineForm(VersionForm):
    note = TextBoxField(label="谢绝理由", required=False, max_length=500)


class WithdrawForm(VersionForm):
    reason = TextBoxField(label="撤回理由", required=False, max_length=500)


class WindowForm(TxForm):
    opens_on = forms.DateField(label="征集开始日期", required=False, error_messages=DATE)
    closes_on = forms.DateField(label="征集截止日期", required=False, error_messages=DATE)
    version = forms.IntegerField(label="版本", required=False, min_value=1)


class SuggestionForm(TxForm):
    title = forms.CharField(label="标题", required=False, max_length=100)
    text = TextBoxField(label="内容", required=False, max_length=5000, rows=5)


class AnswerForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )
    note = TextBoxField(label="回复", required=False, max_length=2000)
