"""The congress's audit actions, one module per part (audit/registry.py reads ACTIONS and
FIELDS here)."""

ACTIONS: dict[str, str] = {}
FIELDS: dict[str, object] = {}
TARGETS: dict[str, str] = {}

# --- sessions ---------------------------------------------------------------------------
from tongxin.congress.models import SessionState, UnionLevel  # noqa: E402

ACTIONS.update(
    {
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
)


FIELDS.update(
    {
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
)
TARGETS.update({"congress.sessionevent": "代表大会会议进程"})

# --- delegates --------------------------------------------------------------------------
from .delegate_audit import ACTIONS as DELEGATE_ACTIONS  # noqa: E402
from .delegate_audit import FIELDS as DELEGATE_FIELDS  # noqa: E402
from .delegate_audit import TARGETS as DELEGATE_TARGETS  # noqa: E402

ACTIONS.update(DELEGATE_ACTIONS)
FIELDS.update(DELEGATE_FIELDS)
TARGETS.update(DELEGATE_TARGETS)

# --- rating -----------------------------------------------------------------------------
from .audit_actions_rating import ACTIONS as RATING_ACTIONS  # noqa: E402
from .audit_actions_rating import FIELDS as RATING_FIELDS  # noqa: E402
from .audit_actions_rating import TARGETS as RATING_TARGETS  # noqa: E402

ACTIONS.update(RATING_ACTIONS)
FIELDS.update(RATING_FIELDS)
TARGETS.update(RATING_TARGETS)
