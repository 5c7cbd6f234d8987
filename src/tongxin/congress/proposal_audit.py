"""Audit actions of the congress's proposals (merged by audit_actions.py): one per step of
the transition table (proposal_machine.PROPOSAL, its `done` verbs), the window, the
committee, the suggestions and the reply clock's ladder. Each part adds its FIELDS."""

from .proposal_machine import PROPOSAL
from .proposal_models import (
    DeadlineKind,
    NotAcceptedGround,
    ProposalCategory,
    ProposalState,
    ResultClass,
)

ACTIONS = {
    **{f"congress.proposal.{a.done}": f"提案：{a.label}" for a in PROPOSAL.actions},
    "congress.proposal.window_set": "设定提案征集期",
    "congress.proposal.committee_named": "组成提案工作委员会",
    "congress.proposal.forwarded": "不予立案提案转有关部门参考",
    "congress.suggestion.sent": "向代表提出意见建议",
    "congress.suggestion.adopted": "代表采纳意见建议",
    "congress.suggestion.answered": "代表答复意见建议",
    # The reply clock's ladder (the shared clocks' kernel writes these).
    "congress.proposal_reply.escalated": "提案答复时限提醒",
    "congress.proposal_reply_days.escalated": "提案答复时限提醒",
    "congress.proposal_reply_days.rescheduled": "提案答复时限按新日历重算",
}
FIELDS = {
    "further": "是否再次办理",
    "proposal": "提案编号",
    "title": "案由",
    "category": ("类别", dict(ProposalCategory.choices)),
    "proposal_state": ("提案状态", dict(ProposalState.choices)),
    "result_class": ("办理结果", dict(ResultClass.choices)),
    # the committee
    "committee_session": "会议编号",
    "committee_chair": ("主任", "accounts.user"),
    "committee_members": ("委员", "accounts.user"),
    "members_added": ("新增委员", "accounts.user"),
    "members_removed": ("不再担任委员", "accounts.user"),
    "present": ("出席委员", "accounts.user"),
    "lead_office": ("牵头部门", "orgs.node"),
    "co_offices": ("协办部门", "orgs.node"),
    "deadline_kind": ("答复期限", dict(DeadlineKind.choices)),
    "deadline_workdays": "工作日数",
    "reply_due_at": "答复截止",
    "ground": ("不予立案理由", dict(NotAcceptedGround.choices)),
    "forwarded_to": ("转送参考的部门", "orgs.node"),
    "merged_into": "并入的提案编号",
    "co_proposers": ("成为并案提案人", "accounts.user"),
    # writing and co-signing
    "opens_on": "征集开始日期",
    "closes_on": "征集截止日期",
    "invitees": "邀请附议的代表",
    "number": "提案编号（会内）",
}
TARGETS = {
    "congress.proposal": "提案",
    "congress.proposalevent": "提案进程",
    "congress.suggestion": "意见建议",
    "congress.proposalwindow": "提案征集期",
    "congress.committee": "提案工作委员会",
    "congress.committeemember": "提案工作委员会委员",
    "congress.proposalsigner": "提案附议人",
    "congress.proposalrating": "提案人评价",
    "congress.proposalinput": "提案协办部门意见",
    "congress.proposalclock": "提案答复时限",
    "congress.proposalgram": "提案标题索引",
}
