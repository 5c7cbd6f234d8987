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
