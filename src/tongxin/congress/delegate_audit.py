"""The delegates' audit actions and data keys (gathered by audit_actions.py)."""

ACTIONS = {
    "congress.delegates.prepared": "准备代表名单",
    "congress.delegates.recounted": "按最新学生数重算代表名额",
    "congress.delegates.edited": "录入或修改代表",
    "congress.delegates.imported": "从 Excel 导入代表",
    "congress.delegates.published": "代表名单开始公示",
    "congress.delegates.paused": "代表名单公示因异议暂停",
    "congress.delegates.resumed": "代表名单公示恢复",
    "congress.delegates.returned": "异议成立，代表名单退回修改",
    "congress.delegates.rescheduled": "节假日录入后调整代表名单公示期限",
    "congress.delegates.confirmed": "代表名单公示期满并确认",
    "congress.delegate_objection.lodged": "对代表名单提出异议",
    "congress.delegate_objection.dismissed": "代表名单异议不成立",
    "congress.delegate_objection.upheld": "代表名单异议成立",
    "congress.delegate_objection.moot": "代表名单异议无需处理",
}

TARGETS = {"congress.quota": "代表名额", "congress.delegateobjection": "代表名单异议"}

FIELDS = {
    "seats": "代表名额",
    "added": ("新增代表", "accounts.user"),
    "removed": ("移除代表", "accounts.user"),
    "delegates": "代表人数",
    "workdays": "公示期（工作日）",
    "days_left": "剩余工作日",
    "election_held": "经差额选举产生",
    "candidates": "候选人数",
    "term_end": "任期结束",
    "from": "原公示结束时间",
    "to": "新公示结束时间",
}
