"""Data keys common to the events of many apps (audit/registry.py); an app's own FIELDS win."""

ACTIONS: dict[str, str] = {}

# Models no event names as its target today; named anyway, so a target added later never
# shows as a code.
TARGETS = {
    "audit.auditchain": "审计链",
    "core.periodicrun": "定时任务",
    "rights.categoryroute": "类别分派",
    "rights.issueclock": "诉求时限",
    "rights.issueevent": "诉求记录",
    "rights.issuephoto": "诉求照片",
    "rights.issuesupport": "附议",
    "rights.officeinput": "协办意见",
    "rights.issuegram": "诉求索引",
    "rights.sealedidentity": "匿名身份",
    "stats.foldwatermark": "统计进度",
    "stats.durationbucket": "办理时长分布",
    "stats.monthlydurationbucket": "每月办理时长分布",
    "staff.appointment": "任命",
    "staff.academicrecord": "成绩记录",
    "staff.eligibilitypolicy": "任职资格规则",
    "selection.candidacyevent": "候选人记录",
    "selection.objection": "公示异议",
    "training.attendance": "培训出勤",
}

FIELDS = {
    "reason": "理由",
    "name": "名称",
    "kind": "类型",
    "count": "数量",
    "rows": "行数",
    "file": "文件",
    "size": "大小（字节）",
    "term": "学期",
    "terms": "学期",
    "year": "年份",
    "academic_year": "学年（起始年份）",
    "date": "日期",
    "end": "结束日期",
    "created": "新建",
    "user": ("人员", "accounts.user"),
    "node": ("组织", "orgs.node"),
    "union": ("学生会", "orgs.node"),
    "office": ("部门", "orgs.node"),
    "parent": ("上级组织", "orgs.node"),
    "role": "身份",
    "position": "职务",
}
