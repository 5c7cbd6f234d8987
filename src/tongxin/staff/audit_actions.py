ACTIONS = {
    "staff.department.created": "设立工作部门",
    "staff.department.closed": "撤销工作部门",
    "staff.officer.appointed": "任命学生会工作人员",
    "staff.officer.exited": "学生会工作人员退出",
    "staff.rotation.saved": "保存轮值执行主席安排",
    "staff.record.added": "记录奖惩",
    "staff.limit.saved": "修改精简限额",
    "staff.grades.imported": "导入成绩数据",
    "staff.warning.raised": "发出学风预警",
    "staff.warning.cleared": "解除学风预警",
    "staff.warning.exit_proposed": "预警持续，提出退出建议",
}


# For the audit page (audit/registry.py).
from tongxin.accounts.models import Position  # noqa: E402
from tongxin.staff.models import ExitKind, RecordKind, StaffLimit, UnionLevel  # noqa: E402

TARGETS = {
    "staff.academicupload": "成绩上传",
    "staff.academicwarning": "学风预警",
    "staff.exitrecord": "退出记录",
    "staff.rewardpenalty": "奖惩记录",
    "staff.rotationslot": "轮值安排",
}

FIELDS = {
    "position": ("职务", dict(Position.choices)),
    "department": ("工作部门", "staff.department"),
    "level": ("层级", dict(UnionLevel.choices)),
    "officer": ("学生会工作人员", "accounts.user"),
    "slots": "轮值人数",
    "rule": "预警规则",
    "staff.officer.exited:kind": ("退出方式", dict(ExitKind.choices)),
    "staff.record.added:kind": ("类型", dict(RecordKind.choices)),
    **{
        f: getattr(StaffLimit._meta.get_field(f), "verbose_name", f)
        for f in ("max_staff", "max_staff_large", "max_presidium", "max_departments")
    },
}
