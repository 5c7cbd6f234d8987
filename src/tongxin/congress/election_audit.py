"""Audit actions of the congress's elections (merged by audit_actions.py): one per step of
the two transition tables (election_machine.ELECTION and ROUND, their `done` verbs). A
ballot's content never enters the trail: a round's counts are audited in aggregate when it
is counted. Each part adds its FIELDS."""

from .election_machine import ELECTION, ROUND
from .election_models import AttendanceMethod, ElectionMode, ElectionState, RoundKind, RoundState

ACTIONS = {
    **{f"congress.election.{a.done}": f"选举：{a.label}" for a in ELECTION.actions},
    **{f"congress.round.{a.done}": f"选举轮次：{a.label}" for a in ROUND.actions},
    "congress.round.counted": "选举轮次：计票",
}
FIELDS = {
    "election": "选举编号",
    "election_state": ("选举状态", dict(ElectionState.choices)),
    "round": "轮次",
    "round_state": ("轮次状态", dict(RoundState.choices)),
    "round_kind": ("轮次类型", dict(RoundKind.choices)),
    "mode": ("投票方式", dict(ElectionMode.choices)),
    "election_seats": "应选名额",
    "seats_left": "未选满名额",
    "present_count": "实到代表",
    "ballots_cast": "收回选票",
    "blank_ballots": "空白票",
    "void_ballots": "无效票",
    "tallies": "候选人得票（赞成、不赞成、弃权）",
    "write_ins": "另选他人得票",
    "elected": "当选",
}
TARGETS = {
    "congress.election": "选举",
    "congress.round": "选举轮次",
    "congress.electioncandidate": "选举候选人",
    "congress.scrutineer": "监票人",
    "congress.attendance": "选举签到",
    "congress.roundtally": "候选人得票",
    "congress.roundwritein": "另选他人得票",
    "congress.voterregister": "投票登记",
    "congress.tellerentry": "计票人录入",
    "congress.tellercount": "计票人录入的得票",
}


# --- elections: setup and results ---------------------------------------------------------
FIELDS.update(
    {
        "write_ins_allowed": "允许另选他人",
        "setup_candidates": ("候选人", "accounts.user"),
        "setup_scrutineers": ("监票人", "accounts.user"),
        "setup_chief": ("总监票人", "accounts.user"),
        "cancel_reason": "取消理由",
        "published_candidacies": "进入公示任用的候选人编号",
    }
)


# --- elections: check-in and quorum -------------------------------------------------------
ACTIONS["congress.round.unticked"] = "选举轮次：撤销签到"
FIELDS.update(
    {
        "due_count": "应到代表",
        "ballots_issued": "发出选票",
        "attendee": "签到代表",
        "attendance_method": ("签到方式", dict(AttendanceMethod.choices)),
    }
)


# --- elections: paper mode ----------------------------------------------------------------
ACTIONS |= {
    "congress.round.ballots_issued": "选举轮次：登记发出选票数",
    "congress.round.count_mismatched": "选举轮次：计票人录入不一致，要求重新清点",
    "congress.round.voided": "选举轮次：收回选票多于发出选票，本轮无效",
}
FIELDS |= {
    "paper_issued": "发出纸质选票",
    "paper_returned": "计票人录入的收回选票",
    "paper_blank": "计票人录入的空白票",
    "paper_void": "计票人录入的无效票",
    "paper_counts": "计票人录入的候选人得票（赞成、不赞成、弃权）",
    "paper_write_ins": "计票人录入的另选他人得票",
    "paper_differences": "两名计票人录入不一致之处",
    "paper_void_reason": "本轮无效的原因",
    "paper_next_round": "重新投票的轮次",
}
