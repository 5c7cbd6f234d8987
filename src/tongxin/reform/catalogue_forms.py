"""Forms of the catalogue and the scoring models. They parse input; the services
(services/catalogues.py, services/scorings.py) check the rules and name the field."""

from decimal import Decimal
from typing import Any

from django import forms

from tongxin.core.forms import TextBoxField, TxForm

from .catalogue_selectors import scoring_choices
from .models import Check, IndicatorKind, Mark, ScoringModel, VerdictRule
from .services.catalogues import IndicatorValues
from .services.scorings import GRADES, ScoringValues

NUMBER = {"invalid": "请填写整数。"}
VERSION = {
    "required": "缺少版本号，请刷新页面后重试。",
    "invalid": "版本号无效，请刷新页面后重试。",
}


class VersionForm(TxForm):
    version = forms.IntegerField(
        label="版本", min_value=1, widget=forms.HiddenInput, error_messages=VERSION
    )


class CatalogueForm(VersionForm):
    title = forms.CharField(label="名称", max_length=100)
    scoring = forms.ModelChoiceField(
        label="评分模型",
        queryset=ScoringModel.objects.none(),
        error_messages={"invalid_choice": "请选择列表中的评分模型。"},
    )
    note = TextBoxField(label="说明", required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scoring"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = scoring_choices()


class CopyForm(TxForm):
    year = forms.IntegerField(
        label="复制到学年（起始年份）",
        min_value=1,
        max_value=9999,
        error_messages={**NUMBER, "min_value": "请填写四位年份。", "max_value": "请填写四位年份。"},
    )


class IndicatorForm(VersionForm):
    number = forms.IntegerField(label="序号", min_value=1, max_value=999, error_messages={**NUMBER})
    short = forms.CharField(label="简称", max_length=20, help_text="热力图的列标题。")
    text = TextBoxField(label="指标内容", max_length=2000)
    mark = forms.ChoiceField(label="标记", choices=Mark.choices, required=False)
    kind = forms.ChoiceField(label="类型", choices=IndicatorKind.choices)
    computes = forms.ChoiceField(
        label="计算项",
        choices=[("", "（非系统计算）"), *Check.choices],
        required=False,
        help_text="仅系统计算的指标填写。",
    )
    threshold = forms.IntegerField(
        label="阈值",
        required=False,
        min_value=0,
        max_value=100_000,
        error_messages=NUMBER,
        help_text="仅数值类指标填写：学生会填报的数值不超过阈值为达标。",
    )
    remark_template = forms.CharField(
        label="备注写法",
        required=False,
        max_length=60,
        help_text="可用 {count}（数量）和 {date}（日期），例如“实有 {count} 人”。",
    )
    points = forms.DecimalField(
        label="分值",
        required=False,
        min_value=Decimal(0),
        max_digits=4,
        decimal_places=1,
        error_messages={"invalid": "请填写数字，最多一位小数。"},
        help_text="按得分判定的评分模型使用。",
    )
    evidence_for_past = forms.BooleanField(
        label="可依据材料认定（平台上线前的情况）", required=False
    )

    def values(self) -> IndicatorValues:
        d = self.cleaned_data
        return IndicatorValues(
            number=d["number"],
            short=d["short"],
            text=d["text"],
            mark=d.get("mark") or "",
            kind=d["kind"],
            computes=d.get("computes") or "",
            threshold=d.get("threshold"),
            remark_template=d.get("remark_template") or "",
            points=d.get("points"),
            evidence_for_past=bool(d.get("evidence_for_past")),
        )


def indicator_initial(indicator: Any) -> dict[str, Any]:
    return {
        f: getattr(indicator, f)
        for f in IndicatorForm.base_fields
        if f != "version" and hasattr(indicator, f)
    }


def _percent_field(label: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, error_messages=NUMBER, **kwargs)


class ScoringForm(TxForm):
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label="名称", max_length=60)
    pass_label = forms.CharField(label="通过的写法", max_length=10, help_text="例如“是”或“达标”。")
    fail_label = forms.CharField(label="未通过的写法", max_length=10)
    grade_a = _percent_field("A 档得分比例（%）")
    grade_b = _percent_field("B 档得分比例（%）")
    grade_c = _percent_field("C 档得分比例（%）")
    grade_d = _percent_field("D 档得分比例（%）")
    materials_weight = _percent_field("材料权重（%）")
    presentation_weight = _percent_field("展示权重（%）", help_text="与材料权重之和为 100。")
    pass_mark = _percent_field("及格线（百分制）", required=False)
    verdict_rule = forms.ChoiceField(label="总体结论规则", choices=VerdictRule.choices)

    def values(self) -> ScoringValues:
        d = self.cleaned_data
        return ScoringValues(
            name=d["name"],
            pass_label=d["pass_label"],
            fail_label=d["fail_label"],
            grade_percents={g: d.get(f"grade_{g.lower()}") for g in GRADES},
            materials_weight=d["materials_weight"],
            presentation_weight=d["presentation_weight"],
            pass_mark=d.get("pass_mark"),
            verdict_rule=d["verdict_rule"],
        )


def scoring_initial(scoring: ScoringModel | None) -> dict[str, Any]:
    if scoring is None:
        grades = {"A": 100, "B": 60, "C": 40, "D": 0}
        return {
            "materials_weight": 100,
            "presentation_weight": 0,
            "verdict_rule": VerdictRule.CORE_ITEMS,
            "pass_label": "是",
            "fail_label": "否",
            **{f"grade_{g.lower()}": p for g, p in grades.items()},
        }
    return {
        **{f: getattr(scoring, f) for f in ScoringForm.base_fields if hasattr(scoring, f)},
        **{f"grade_{g.lower()}": scoring.grade_percents.get(g) for g in GRADES},
    }
