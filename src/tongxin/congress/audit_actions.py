"""The congress's audit actions. Each part of the app keeps its own module
(audit_actions_<part>.py with ACTIONS and FIELDS); this one, the module the audit registry
discovers, merges them."""

import importlib
from typing import Any

ACTIONS: dict[str, str] = {
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

from tongxin.congress.models import SessionState, UnionLevel  # noqa: E402

FIELDS: dict[str, Any] = {
    "session": "会议编号",
    "state": ("状态", dict(SessionState.choices)),
    "level": ("层级", dict(UnionLevel.choices)),
    "planned_start": "拟召开开始日期",
    "delegate_seats": "代表名额",
    "attendance": "实到人数",
    "students": "学院学生数",
    "due_on": "应召开日期",
    "held_on": "接入前最近一次召开日期",
    "from": "原应召开日期",
    "to": "新应召开日期",
    "interval_months": "召开周期（月）",
    "reminder_days": "提前提醒（天）",
    "assembly_max_students": "可召开全体学生大会的学院人数上限",
    "assembly_quorum_permille": "全体学生大会法定人数（‰）",
}

# The other parts' modules, when they exist.
for _part in ("delegates", "rating"):
    try:
        _module = importlib.import_module(f"tongxin.congress.audit_actions_{_part}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"tongxin.congress.audit_actions_{_part}":
            raise
        continue
    ACTIONS.update(getattr(_module, "ACTIONS", {}))
    FIELDS.update(getattr(_module, "FIELDS", {}))
