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
