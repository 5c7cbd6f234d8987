ACTIONS = {
    "rights.issue.submitted": "提交权益诉求",
    "rights.issue.accepted": "受理诉求",
    "rights.issue.declined": "不予受理",
    "rights.issue.merged": "合并诉求",
    "rights.issue.withdrawn": "撤回诉求",
    "rights.issue.started": "学生会自行处理",
    "rights.issue.referred": "转办职能部门",
    "rights.issue.returned": "职能部门退回",
    "rights.issue.answered": "答复诉求",
    "rights.issue.answer_drafted": "提交答复待负责人审核",
    "rights.issue.answer_approved": "负责人审核通过答复",
    "rights.issue.office_input_added": "协办部门提供意见",
    "rights.issue.fed_back": "向同学反馈结果",
    "rights.issue.rated": "同学评价",
    "rights.issue.reopened": "不满意，重新办理",
    "rights.issue.closed": "办结",
    "rights.issue.auto_closed": "逾期未评价自动办结",
    "rights.issue.assigned": "指派承办人",
    "rights.issue.supported": "我也遇到",
    "rights.issue.published": "发布到回音壁",
    "rights.issue.unsealed": "解封匿名身份",
    "rights.issue.reminded": "到期提醒",
    "rights.issue.escalated": "逾期督办",
    "rights.issue.rescheduled": "节假日录入后调整办理期限",
    "rights.settings.updated": "修改权益服务设置",
    "rights.route.updated": "修改类别分派",
    "rights.category.saved": "保存诉求类别",
}


# For the audit page (audit/registry.py): what rights events point at and carry.
from tongxin.rights.models import Clock, Rating, RightsSettings  # noqa: E402

TARGETS = {"rights.issue": "诉求"}

FIELDS = {
    "category": ("类别", "rights.issuecategory"),
    "categories": ("分派到学院的类别", "rights.issuecategory"),
    "photos": "照片数",
    "into": "合并到诉求编号",
    "supporters_moved": "转入附议数",
    "lead": ("牵头部门", "orgs.node"),
    "co": ("协办部门", "orgs.node"),
    "assignee": ("承办人", "accounts.user"),
    "rating": ("评价", dict(Rating.choices)),
    "days": "天数",
    "clock": ("时限", dict(Clock.choices)),
    "level": "督办级别",
    "from": "原期限",
    "to": "新期限",
    "urgent": "紧急类别",
    "active": "启用",
    **{
        f: getattr(RightsSettings._meta.get_field(f), "verbose_name", f)
        for f in (
            "first_reply_hours",
            "decide_workdays",
            "answer_workdays",
            "urgent_answer_workdays",
            "feedback_workdays",
            "auto_close_days",
            "daily_submission_limit",
        )
    },
}
