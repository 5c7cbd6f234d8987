"""Forms of selection. They parse input; services validate the rules and name the field."""

from django import forms

from tongxin.accounts.models import UNION_POSITIONS, Position
from tongxin.core.forms import (
    TxForm,
    form_errors,  # noqa: F401  (re-exported for the views and API)
)

from .machine import OBJECTIONS

POSITION_CHOICES = [(p.value, p.label) for p in Position if p in UNION_POSITIONS]
# What each answer the objection table offers means for a candidacy.
OUTCOME_LABELS = {"dismissed": "异议不成立，公示继续", "upheld": "异议成立，不予任用"}


def objection_outcomes() -> list[tuple[str, str]]:
    """The answers the objection table offers for an open objection: (outcome, label)."""
    return [(a.dst[0], OUTCOME_LABELS[a.dst[0]]) for a in OBJECTIONS.outcomes()]


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, error_messages={"required": "缺少版本号，请刷新页面后重试。"}
    )


class TextForm(VersionForm):
    text = forms.CharField(label="意见", required=False, max_length=2000)


class ResolveForm(VersionForm):
    objection = forms.IntegerField(label="异议", error_messages={"required": "请选择异议。"})
    outcome = forms.ChoiceField(
        label="处理结果",
        choices=objection_outcomes(),
        error_messages={"required": "请选择处理结果。", "invalid_choice": "请选择处理结果。"},
    )
    answer = forms.CharField(label="书面答复", required=False, max_length=2000)


class RecommendForm(TxForm):
    number = forms.CharField(
        label="学号", max_length=32, error_messages={"required": "请填写候选人学号。"}
    )
    union = forms.IntegerField(label="学生会", error_messages={"required": "请选择学生会。"})
    position = forms.ChoiceField(
        label="拟任职务",
        choices=POSITION_CHOICES,
        error_messages={"required": "请选择拟任职务。", "invalid_choice": "请选择允许的职务。"},
    )
    department = forms.IntegerField(label="工作部门", required=False)
    recommendation = forms.CharField(label="推荐意见", required=False, max_length=2000)


class ObjectionForm(TxForm):
    text = forms.CharField(label="异议内容", required=False, max_length=1000)


class SettingsForm(forms.Form):
    notice_workdays = forms.IntegerField(
        label="公示期（工作日）",
        error_messages={"required": "请填写公示期。", "invalid": "公示期应为整数。"},
    )
