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
