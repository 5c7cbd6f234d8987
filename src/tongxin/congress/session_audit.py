"""Audit actions of the congress's sessions (merged by audit_actions.py)."""

from .models import SessionState, UnionLevel

ACTIONS = {
    "congress.line.past_entered": "录入接入平台前最近一次代表大会",
    "congress.line.reminded": "提醒按期召开代表大会",
    "congress.rule.updated": "修改代表大会规则",
    "congress.session.planned": "筹备代表大会",
    "congress.session.applied": "提交代表大会召开申请",
    "congress.session.approved": "批复同意召开代表大会",
    "congress.session.returned": "退回代表大会召开申请",
    "congress.session.confirmed": "代表大会回执",
    "congress.session.held": "记录代表大会召开",
    "congress.session.reported": "提交代表大会报告",
    "congress.session.closed": "代表大会办结",
    "congress.session.cancelled": "取消代表大会",
}
FIELDS = {
    "session": "会议编号",
    "state": ("状态", dict(SessionState.choices)),
    "level": ("层级", dict(UnionLevel.choices)),
    "planned_start": "拟召开开始日期",
    "delegate_seats": "代表名额",
    "attendance": "实到人数",
    "students": "学院学生数",
    "due_on": "应召开日期",
    "held_on": "接入前最近一次召开日期",
    "due_from": "原应召开日期",
    "due_to": "新应召开日期",
    "interval_months": "召开周期（月）",
    "reminder_days": "提前提醒（天）",
    "assembly_max_students": "可召开全体学生大会的学院人数上限",
    "assembly_quorum_permille": "全体学生大会法定人数（‰）",
}
TARGETS = {"congress.sessionevent": "代表大会会议进程"}
