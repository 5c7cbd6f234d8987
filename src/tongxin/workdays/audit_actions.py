ACTIONS = {
    "workdays.year.saved": "录入年度节假日与调休安排",
}
