"""Forms of the proposal committee: naming it, and its decisions as proposal steps. They
parse ids; the services resolve nothing by id — the steps' `run` (proposal_steps) resolves
them, and the services check every rule with a message naming the field."""

from typing import Any

from django import forms

from tongxin.accounts.models import User
from tongxin.core.errors import DomainError
from tongxin.core.forms import IdField, TextBoxField, TxForm
from tongxin.core.pagination import MAX_ID
from tongxin.orgs.models import Node

from .proposal_models import DeadlineKind, NotAcceptedGround

MAX_IDS = 200


class IdListField(forms.Field):
    """Ids from checkboxes or a multiple select (a list in JSON): positive integers."""

    widget = forms.SelectMultiple
    default_error_messages = {
        "invalid": "请选择有效的选项。",
        "too_many": "选择的项目过多。",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[int]:
        if value in (None, "", []):
            return []
        if isinstance(value, str | int):
            value = [value]
        if not isinstance(value, list | tuple):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        ids = []
        for raw in value:
            text = str(raw).strip()
            if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(int(text))
        if len(ids) > MAX_IDS:
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        return list(dict.fromkeys(ids))


NUMBER = {"invalid": "请填写整数。"}


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )


class OfficesForm(VersionForm):
    lead_office = IdField(label="牵头部门", required=False)
    co_offices = IdListField(label="协办部门")
    deadline_kind = forms.ChoiceField(
        label="答复期限", choices=[("", ""), *DeadlineKind.choices], required=False
    )
    deadline_workdays = forms.IntegerField(
        label="工作日数", required=False, min_value=1, error_messages=NUMBER
    )
    note = TextBoxField(label="审查意见", required=False, max_length=2000)


class AcceptForm(OfficesForm):
    present = IdListField(label="出席委员")


class RefuseForm(VersionForm):
    ground = forms.ChoiceField(
        label="不予立案理由", choices=[("", ""), *NotAcceptedGround.choices], required=False
    )
    note = TextBoxField(label="审查意见", required=False, max_length=2000)
    forwarded_to = IdField(label="转送参考的部门", required=False)
    present = IdListField(label="出席委员")


class MergeForm(VersionForm):
    merge_into = IdField(label="并入的提案", required=False)
    note = TextBoxField(label="审查意见", required=False, max_length=2000)
    present = IdListField(label="出席委员")


def nodes(ids: list[int], field: str) -> list[Node]:
    found = {n.pk: n for n in Node.objects.filter(pk__in=ids)}
    if len(found) != len(ids):
        raise DomainError("所选部门不存在，请刷新页面后重新选择。", field=field)
    return [found[i] for i in ids]


def node(pk: int | None, field: str) -> Node | None:
    return nodes([pk], field)[0] if pk else None


def users(ids: list[int], field: str) -> list[User]:
    found = {u.pk: u for u in User.objects.filter(pk__in=ids)}
    if len(found) != len(ids):
        raise DomainError("所选人员不存在，请刷新页面后重新选择。", field=field)
    return [found[i] for i in ids]


# ---------------------------------------------------------------- naming the committee


class CommitteeForm(TxForm):
    version = forms.IntegerField(label="版本", required=False, min_value=1)
    chair = IdField(label="主任", required=False)
    members = IdListField(label="部门委员")
    delegate_numbers = TextBoxField(label="代表委员（学号）", required=False, max_length=4000)

    def numbers(self) -> list[str]:
        raw = self.cleaned_data.get("delegate_numbers") or ""
        for sep in ",，;；、\n\t":
            raw = raw.replace(sep, " ")
        return list(dict.fromkeys(n for n in raw.split(" ") if n))
