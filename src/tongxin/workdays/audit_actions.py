ACTIONS = {
    "workdays.year.saved": "录入年度节假日与调休安排",
}


# For the audit page (audit/registry.py).
FIELDS = {
    "holidays": "放假日数",
    "workdays": "调休上班日数",
    "deadlines_moved": "随之调整的办理期限数",
}
