from .models import IndicatorKind, VerdictRule

ACTIONS = {
    "reform.results.computed": "计算改革自评结果",
}
TARGETS = {
    "reform.catalogue": "指标体系",
    "reform.indicator": "指标",
    "reform.result": "自评结果",
    "reform.evidence": "依据材料",
    "reform.scoringmodel": "评分模型",
}
FIELDS: dict[str, object] = {
    "reform.results.computed:catalogue": ("指标体系", "reform.catalogue"),
    "reform.results.computed:unions": "学生会数",
    "reform.results.computed:passed": "达标项数",
    "reform.results.computed:failed": "未达标项数",
    "reform.results.computed:unknown": "无法计算项数",
    "reform.results.computed:on": "数据日期",
}

# --- the catalogue and scoring models (part A) ------------------------------------------

ACTIONS |= {
    "reform.catalogue.updated": "修改指标体系",
    "reform.catalogue.copied": "复制指标体系到新学年",
    "reform.catalogue.published": "发布指标体系",
    "reform.indicator.created": "新增指标",
    "reform.indicator.updated": "修改指标",
    "reform.indicator.deleted": "删除指标",
    "reform.scoring.created": "新建评分模型",
    "reform.scoring.updated": "修改评分模型",
}
FIELDS |= {
    "reform.catalogue.updated:fields": "修改的字段",
    "reform.catalogue.updated:scoring": ("评分模型", "reform.scoringmodel"),
    "reform.catalogue.copied:source": ("复制自", "reform.catalogue"),
    "reform.catalogue.copied:year": "学年",
    "reform.catalogue.copied:indicators": "指标数",
    "reform.catalogue.published:year": "学年",
    "reform.catalogue.published:level": ("层级", {"school": "表一", "college": "表二"}),
    "reform.catalogue.published:indicators": "指标数",
    "reform.indicator.created:kind": ("类型", dict(IndicatorKind.choices)),
    "reform.indicator.updated:fields": "修改的字段",
    "reform.indicator.updated:results_removed": "删除的自评结果数",
    "reform.indicator.deleted:results_removed": "删除的自评结果数",
    "reform.scoring.created:verdict_rule": ("总体结论规则", dict(VerdictRule.choices)),
    "reform.scoring.updated:fields": "修改的字段",
    **{
        f"reform.indicator.{verb}:{key}": label
        for verb in ("created", "updated", "deleted")
        for key, label in (("catalogue", ("指标体系", "reform.catalogue")), ("number", "序号"))
    },
    **{f"reform.indicator.{v}:short": "简称" for v in ("created", "updated", "deleted")},
    **{f"reform.scoring.{v}:name": "名称" for v in ("created", "updated")},
}


# --- a union's results, evidence and explanations (part D) --------------------------------
ACTIONS |= {
    "reform.evidence.submitted": "提交依据材料",
    "reform.evidence.confirmed": "确认依据材料",
    "reform.evidence.rejected": "不采纳依据材料",
    "reform.result.explained": "填写自评结果说明",
}
FIELDS |= {
    "reform.evidence.submitted:result": ("自评结果", "reform.result"),
    "reform.evidence.submitted:indicator": "指标序号",
    "reform.evidence.submitted:union": ("学生会", "orgs.node"),
    "reform.evidence.submitted:claim_passed": "是否达标",
    "reform.evidence.submitted:claim_value": "填报数值或档次",
    "reform.evidence.submitted:files": "附件数",
    "reform.evidence.confirmed:result": ("自评结果", "reform.result"),
    "reform.evidence.confirmed:indicator": "指标序号",
    "reform.evidence.confirmed:passed": "认定结论",
    "reform.evidence.rejected:result": ("自评结果", "reform.result"),
    "reform.evidence.rejected:indicator": "指标序号",
    "reform.evidence.rejected:note": "理由",
    "reform.result.explained:indicator": "指标序号",
    "reform.result.explained:union": ("学生会", "orgs.node"),
    "reform.result.explained:length": "说明字数",
}


# --- issue 17: the review chain (part E) ---------------------------------------------------
from .review_machine import ASSESSMENT as _ASSESSMENT  # noqa: E402
from .review_machine import SHEET as _SHEET  # noqa: E402
from .review_models import AssessmentState, SheetState  # noqa: E402

TARGETS |= {
    "reform.unionsheet": "学生会自评表",
    "reform.schoolassessment": "学校改革自评",
    "reform.reviewcalendar": "审核时间表",
}
ACTIONS |= {f"reform.sheet.{a.done}": f"自评表：{a.label}" for a in _SHEET.actions}
ACTIONS |= {f"reform.assessment.{a.done}": f"学校改革自评：{a.label}" for a in _ASSESSMENT.actions}
ACTIONS |= {
    "reform.calendar.saved": "保存审核时间表",
    "reform.assessment.reminded": "提醒审核截止",
}
FIELDS |= {
    **{
        f"reform.sheet.{a.done}:assessment": ("学校改革自评", "reform.schoolassessment")
        for a in _SHEET.actions
    },
    **{f"reform.sheet.{a.done}:union": ("学生会", "orgs.node") for a in _SHEET.actions},
    **{f"reform.sheet.{a.done}:state": ("状态", dict(SheetState.choices)) for a in _SHEET.actions},
    **{f"reform.sheet.{a.done}:reason": "理由" for a in _SHEET.actions},
    **{
        f"reform.assessment.{a.done}:assessment": ("学校改革自评", "reform.schoolassessment")
        for a in _ASSESSMENT.actions
    },
    **{
        f"reform.assessment.{a.done}:state": ("状态", dict(AssessmentState.choices))
        for a in _ASSESSMENT.actions
    },
    **{f"reform.assessment.{a.done}:reason": "理由" for a in _ASSESSMENT.actions},
    "reform.calendar.saved:year": "学年",
    "reform.calendar.saved:fields": "修改的字段",
    "reform.assessment.reminded:level": "层级",
    "reform.assessment.reminded:due": "截止日期",
    "reform.assessment.reminded:recipients": "提醒人数",
}
