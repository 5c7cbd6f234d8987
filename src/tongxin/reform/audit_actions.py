ACTIONS = {
    "reform.results.computed": "计算改革自评结果",
    # catalogue (part A)
    # evidence and explanations (part D)
}

TARGETS = {
    "reform.catalogue": "指标体系",
    "reform.indicator": "指标",
    "reform.result": "自评结果",
    "reform.evidence": "依据材料",
    "reform.scoringmodel": "评分模型",
}

FIELDS: dict[str, object] = {}
