ACTIONS = {
    "workdays.year.saved": "录入年度节假日与调休安排",
    "workdays.year.recounted": "按新录入的节假日重新计算办理期限",
}


# For the audit page (audit/registry.py).
FIELDS = {
    "holidays": "放假日数",
    "workdays": "调休上班日数",
    "deadlines_checked": "核对的办理期限数",
    "deadlines_moved": "随之调整的办理期限数",
}
