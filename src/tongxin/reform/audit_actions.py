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
    # Issue 17's rows that events name only through their parents (a timeline line, a
    # progress note, the marker of a reminder sent).
    "reform.reviewstep": "审核记录",
    "reform.rectificationnote": "整改进展",
    "reform.reviewreminder": "审核提醒",
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


# --- issue 17: the public disclosure (公示) ---
ACTIONS |= {
    "reform.disclosure.opened": "开始改革自评公示",
    "reform.disclosure.closed": "改革自评公示期满",
}
TARGETS |= {"reform.disclosure": "改革自评公示"}
FIELDS |= {
    "reform.disclosure.opened:assessment": "学校改革自评",
    "reform.disclosure.opened:year": "学年",
    "reform.disclosure.opened:workdays": "公示期（工作日）",
    "reform.disclosure.opened:opens_on": "公示开始",
    "reform.disclosure.opened:closes_on": "公示截止",
    "reform.disclosure.opened:show_names": "公示主席团成员姓名",
    "reform.disclosure.closed:assessment": "学校改革自评",
    "reform.disclosure.closed:closes_on": "公示截止",
}
ACTIONS |= {"reform.disclosure.rescheduled": "调整改革自评公示截止日"}
FIELDS |= {
    "reform.disclosure.rescheduled:before": "原截止日",
    "reform.disclosure.rescheduled:after": "新截止日",
}


# --- issue 17: rating, feedback letter, rectification (part G) ----------------------------
ACTIONS |= {
    "reform.rating.proposed": "市学联提出改革自评评定建议",
    "reform.rating.confirmed": "省学联确认改革自评评定",
    "reform.letter.issued": "发出改革自评反馈函",
    "reform.rectification.noted": "填写整改进展",
    "reform.rectification.accepted": "认可整改材料",
    "reform.rectification.closed": "整改事项重新计算已达标",
}
TARGETS |= {
    "reform.rating": "评定",
    "reform.feedbackletter": "反馈函",
    "reform.rectificationitem": "整改事项",
}
FIELDS |= {
    "reform.rating.proposed:year": "学年",
    "reform.rating.proposed:scale": ("评定等级", "reform.ratingscale"),
    "reform.rating.proposed:grade": "建议等级",
    "reform.rating.proposed:previous": "原建议等级",
    "reform.rating.confirmed:year": "学年",
    "reform.rating.confirmed:grade": "确认等级",
    "reform.rating.confirmed:proposed": "市学联建议等级",
    "reform.rating.confirmed:items": "整改事项数",
    "reform.rating.confirmed:due_on": "整改期限",
    "reform.letter.issued:number": "发文字号",
    "reform.letter.issued:year": "学年",
    "reform.rectification.noted:length": "进展字数",
    "reform.rectification.noted:files": "附件数",
    "reform.rectification.accepted:note": "认可意见",
    "reform.rectification.closed:indicator": "指标序号",
    "reform.rectification.closed:union": ("学生会", "orgs.node"),
    "reform.rectification.closed:remark": "重新计算的备注",
    "reform.rectification.closed:on": "数据日期",
}


# --- issue 17: call-ins, exchange visits and meeting records (part H) ----------------------
ACTIONS |= {
    "reform.assessment.called_in": "列为约谈对象（请上来）",
    "reform.assessment.call_in_cleared": "撤销约谈对象",
    "reform.meeting.recorded": "记录约谈、交流或走访",
}
TARGETS |= {
    "reform.schoolassessment": "学校改革自评",
    "reform.meeting": "约谈与交流记录",
}
FIELDS |= {
    "reform.assessment.called_in:year": "学年",
    "reform.assessment.called_in:failures": "不达标情形数",
    "reform.assessment.called_in:rating_fails": "评定未通过",
    "reform.assessment.called_in:note": "说明",
    "reform.assessment.call_in_cleared:year": "学年",
    "reform.assessment.call_in_cleared:reason": "撤销理由",
    "reform.meeting.recorded:kind": (
        "类型",
        {"call_in": "约谈", "exchange": "交流", "visit": "走访"},
    ),
    "reform.meeting.recorded:held_on": "日期",
    "reform.meeting.recorded:host": ("主持单位", "orgs.node"),
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
