ACTIONS = {
    "training.session.created": "登记培训场次",
    "training.attendance.recorded": "登记参训人员",
}
