"""The transition tables of the semester assessment (述职评议): a round and an exit proposal.

(new) ── open ──► open (reports and ratings until the deadline)
      ── close ──► closed (scores and levels; 不合格 ──► an exit proposal)
      ── publish ──► published (each rated officer reads their own result)

(round closed, 不合格) ──► pending ── confirm ──► confirmed (免职 through staff)
                                  └─ dismiss ──► dismissed (the advisor's reason kept)
"""

from tongxin.workflow.machine import Action, Machine

from .models import ProposalStatus, RoundStatus

R, P = RoundStatus, ProposalStatus

# One row per step: name, verb, from, to, permission; the timeline's verb.
# fmt: off
ROUND = Machine(
    name="assessment.round",
    states=RoundStatus,
    actions=[
        # Opened on a union (assessment.open_round is asked of the union, not a round).
        Action("open", "发起评议", (), (R.OPEN,), "assessment.open_round", done="opened",
               on_page=False),
        Action("close", "结束评议", (R.OPEN,), (R.CLOSED,), "assessment.manage_round",
               done="closed"),
        Action("publish", "公布结果", (R.CLOSED,), (R.PUBLISHED,), "assessment.manage_round",
               done="published"),
    ],
    # The scoring deadline's clock (assessment/clocks.py: "assessment.rating").
    running_clock={R.OPEN: "rating"},
)

EXIT_PROPOSAL = Machine(
    name="assessment.exit_proposal",
    states=ProposalStatus,
    actions=[
        Action("confirm", "确认退出", (P.PENDING,), (P.CONFIRMED,), "assessment.decide_exit",
               done="confirmed"),
        Action("dismiss", "不予退出", (P.PENDING,), (P.DISMISSED,), "assessment.decide_exit",
               done="dismissed"),
    ],
)
# fmt: on
