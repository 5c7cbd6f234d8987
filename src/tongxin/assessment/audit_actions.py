ACTIONS = {
    "assessment.round.opened": "开启述职评议",
    "assessment.round.closed": "结束述职评议并计分",
    "assessment.round.published": "公布述职评议结果",
    "assessment.report.submitted": "提交述职报告",
    "assessment.rating.submitted": "提交述职评议评分",
    "assessment.exit_proposal.created": "评议不合格，提出退出建议",
    "assessment.exit_proposal.confirmed": "确认评议退出建议（免职）",
    "assessment.exit_proposal.dismissed": "不采纳评议退出建议",
    "assessment.policy.saved": "修改述职评议权重与等级",
    "assessment.rating.escalated": "评分时限提醒（评议人、发起人）",
}


# For the audit page (audit/registry.py).
from tongxin.assessment.models import RaterGroup  # noqa: E402

FIELDS = {
    "officers": "被评议人数",
    "raters": ("评议人数", dict(RaterGroup.choices)),
    "round": "评议轮次编号",
    "membership": "任职编号",
    "exit_record": "退出记录编号",
    "length": "字数",
    "revised": "修改评语",
    "rated": "被评议人数",
    "ratings": "评分份数",
    "failed": "不合格人数",
    "clock": "时限类别",
    "level": "提醒级别",
}
