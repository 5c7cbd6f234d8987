ACTIONS = {
    "selection.candidacy.recommended": "院团组织推荐候选人",
    "selection.candidacy.consented": "记录院党组织同意",
    "selection.candidacy.withdrawn": "撤回候选人推荐",
    "selection.candidacy.reviewed": "记录学工部门与校团委联合审查",
    "selection.candidacy.decided": "记录校党委决定",
    "selection.candidacy.stood": "候选人提交代表大会选举",
    "selection.candidacy.elected": "候选人经代表大会选举当选",
    "selection.candidacy.not_elected": "候选人经代表大会选举未当选",
    "selection.candidacy.published": "候选人开始公示",
    "selection.candidacy.paused": "公示因异议暂停",
    "selection.candidacy.resumed": "公示恢复",
    "selection.candidacy.rescheduled": "节假日录入后调整公示期限",
    "selection.candidacy.notice_ended": "公示期满",
    "selection.candidacy.appointed": "候选人经公示后任命",
    "selection.candidacy.rejected": "候选人不予任用",
    "selection.objection.lodged": "对公示提出异议",
    "selection.objection.upheld": "异议成立",
    "selection.objection.dismissed": "异议不成立",
    "selection.settings.updated": "修改选拔设置",
}


# For the audit page (audit/registry.py).
from tongxin.accounts.models import Position  # noqa: E402
from tongxin.selection.models import State  # noqa: E402

FIELDS = {
    "notice_workdays": "公示期（工作日）",
    "candidacy": "候选人编号",
    "candidate": ("候选人", "accounts.user"),
    "state": ("状态", dict(State.choices)),
    "position": ("拟任职务", dict(Position.choices)),
    "workdays": "公示期（工作日）",
    "days_left": "剩余工作日",
    "membership": "任职编号",
    "from": "原公示结束时间",
    "to": "新公示结束时间",
}
