"""The one place that says what may happen to an election (选举) and its rounds — their
transition tables.

An election (one per matter, e.g. 主席团成员, of a session):

    (new) ── create (the advisor: seats, mode) ──► draft
    draft ── set up (candidates "for election", scrutineers) ──► draft
    draft ── start (competitive: candidates ≥ seats × CongressRule.election_candidate_percent,
             a chief scrutineer) ──► running (round 1 created)
    running ── (the last needed round counted: every seat filled, or no round left) ──► done
    done ── publish (the advisor) ──► published (session page; the elected go on to notice)
    draft | running ── cancel (the advisor) ──► cancelled

A round (轮次):

    (new) ── (the election starts, or a count asks for a run-off / further round) ──► draft
    draft ── start-checkin (the advisor or the chief scrutineer) ──► check-in
    check-in ── check-in (a delegate with the hall's code) | tick (a scrutineer) ──► check-in
    check-in ── open (> 2/3 of the delegates due present; snapshot kept) ──► voting
    voting ── vote (a checked-in delegate, once) ──► voting
    voting ── close (the advisor or the chief scrutineer) ──► counted (electronic: sealed
              and counted at once) | closed (paper)
    closed ── enter-count (a scrutineer; the second equal entry counts) ──► closed | counted
              | void (more ballots returned than issued)
    draft | check-in ── cancel (the advisor) ──► cancelled

Who: the school's advisor (秘书长) sets up and publishes; the chief scrutineer (总监票人)
and the advisor conduct a round; scrutineers tick attendance and enter paper counts;
delegates of the session's confirmed list check in and vote.
"""

from tongxin.workflow.machine import Action, Machine

from .election_models import ElectionState, RoundState

E = ElectionState
R = RoundState

# fmt: off
ELECTION = Machine(
    name="congress.election",
    states=ElectionState,
    attr="state",
    actions=[
        Action("create", "创建选举", (), (E.DRAFT,), "congress.create_election",
               done="created", on_page=False),
        Action("set-up", "设置候选人与监票人", (E.DRAFT,), (), "congress.set_up_election",
               done="set_up"),
        Action("start", "开始选举", (E.DRAFT,), (E.RUNNING,), "congress.set_up_election",
               done="started"),
        Action("finish", "选举完成", (E.RUNNING,), (E.DONE,), None, done="finished"),
        Action("publish", "公布结果", (E.DONE,), (E.PUBLISHED,), "congress.publish_election",
               done="published"),
        Action("cancel", "取消选举", (E.DRAFT, E.RUNNING), (E.CANCELLED,),
               "congress.set_up_election", done="cancelled"),
    ],
)

ROUND = Machine(
    name="congress.round",
    states=RoundState,
    attr="state",
    actions=[
        Action("create", "新建轮次", (), (R.DRAFT,), None, done="created", on_page=False),
        Action("start-checkin", "开始签到", (R.DRAFT,), (R.CHECKIN,),
               "congress.conduct_round", done="checkin_started"),
        Action("check-in", "签到", (R.CHECKIN,), (), "congress.check_in",
               done="checked_in", on_page=False),
        Action("tick", "代为签到", (R.CHECKIN,), (), "congress.tick_attendance",
               done="ticked", on_page=False),
        Action("open", "开始投票", (R.CHECKIN,), (R.VOTING,), "congress.conduct_round",
               done="opened"),
        Action("vote", "投票", (R.VOTING,), (), "congress.vote", done="voted", on_page=False),
        Action("close", "结束投票", (R.VOTING,), (R.COUNTED, R.CLOSED),
               "congress.conduct_round", done="closed"),
        Action("enter-count", "录入计票结果", (R.CLOSED,), (R.CLOSED, R.COUNTED, R.VOID),
               "congress.enter_count", done="count_entered", on_page=False),
        Action("cancel", "取消本轮", (R.DRAFT, R.CHECKIN), (R.CANCELLED,),
               "congress.set_up_election", done="cancelled"),
    ],
)
# fmt: on

# A round's voting is open to delegates; these states show the hall's code.
CHECKIN_STATES = (R.CHECKIN,)
LIVE_ROUND_STATES = (R.DRAFT, R.CHECKIN, R.VOTING, R.CLOSED)
