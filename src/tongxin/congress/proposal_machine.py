"""The one place that says what may happen to a proposal (提案) — its transition table.

    (new) ── write (a delegate of the session, window open, < N lead proposals) ──► draft
    draft ── edit | invite | cosign | decline ──► draft
    draft ── submit (window open, ≥ the minimum confirmed co-signers) ──► submitted
    draft | submitted ── withdraw (the lead) ──► withdrawn
    submitted ── accept (the chair: lead office, co-offices, deadline) ──► referred
    submitted ── refuse (the chair: a ground; may forward to an office) ──► not accepted
    submitted ── merge (the chair: into another proposal of the session) ──► merged
    referred ── hand-back (the lead office: reason) ──► accepted ── refer (the chair) ──► referred
    referred | further ── reply (the lead office: class A/C/D) ──► replied
    referred | further ── reply (class B 正在解决) ──► progressing
    progressing ── progress (an update) ──► progressing
    progressing ── finish (the final result: A/C/D) ──► replied
    referred | progressing | further ── add-input (a co-office) ──► (same)
    replied ── rate (the lead: 满意 / 基本满意) ──► done
    replied ── rate (the lead: 不满意, the first time) ──► further (a new deadline)
    replied ── rate (the lead: 不满意 after the further reply) ──► done
    replied | done ── co-rate (a co-signer or co-proposer) ──► (same)

The committee's chair (the advisor) records its decisions; the lead office's handlers reply.
The reply clock runs while an office owes the reply.
"""

from tongxin.workflow.machine import Action, Machine

from .proposal_models import ProposalState

P = ProposalState
REPLY_CLOCK = "proposal_reply"

# fmt: off
PROPOSAL = Machine(
    name="congress.proposal",
    states=ProposalState,
    attr="state",
    running_clock={P.REFERRED: REPLY_CLOCK, P.FURTHER: REPLY_CLOCK},
    actions=[
        Action("write", "撰写提案", (), (P.DRAFT,), "congress.write_proposal",
               done="written", on_page=False),
        Action("edit", "修改提案", (P.DRAFT,), (), "congress.edit_proposal", done="edited"),
        Action("invite", "邀请附议", (P.DRAFT,), (), "congress.edit_proposal", done="invited"),
        Action("cosign", "确认附议", (P.DRAFT,), (), "congress.cosign_proposal",
               done="cosigned"),
        Action("decline", "谢绝附议", (P.DRAFT,), (), "congress.cosign_proposal",
               done="declined"),
        Action("submit", "提交提案", (P.DRAFT,), (P.SUBMITTED,), "congress.edit_proposal",
               done="submitted"),
        Action("withdraw", "撤回提案", (P.DRAFT, P.SUBMITTED), (P.WITHDRAWN,),
               "congress.edit_proposal", done="withdrawn"),
        Action("accept", "立案并交办", (P.SUBMITTED,), (P.REFERRED,),
               "congress.decide_proposal", done="accepted"),
        Action("refuse", "不予立案", (P.SUBMITTED,), (P.NOT_ACCEPTED,),
               "congress.decide_proposal", done="refused"),
        Action("merge", "并案", (P.SUBMITTED,), (P.MERGED,), "congress.decide_proposal",
               done="merged"),
        Action("hand-back", "退回交办", (P.REFERRED,), (P.ACCEPTED,),
               "congress.reply_proposal", done="handed_back"),
        Action("refer", "交办", (P.ACCEPTED,), (P.REFERRED,), "congress.decide_proposal",
               done="referred"),
        Action("reply", "答复", (P.REFERRED, P.FURTHER), (P.REPLIED, P.PROGRESSING),
               "congress.reply_proposal", done="replied"),
        Action("progress", "报告进展", (P.PROGRESSING,), (), "congress.reply_proposal",
               done="progressed"),
        Action("finish", "报告最终结果", (P.PROGRESSING,), (P.REPLIED,),
               "congress.reply_proposal", done="finished"),
        Action("add-input", "提供协办意见", (P.REFERRED, P.PROGRESSING, P.FURTHER), (),
               "congress.add_proposal_input", done="input_added"),
        Action("rate", "评价答复", (P.REPLIED,), (P.DONE, P.FURTHER),
               "congress.rate_proposal", done="rated"),
        Action("co-rate", "评价答复", (P.REPLIED, P.DONE), (), "congress.corate_proposal",
               done="co_rated"),
    ],
)
# fmt: on
