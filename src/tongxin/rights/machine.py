"""The one place that says what may happen to a rights issue (诉求) — its transition table.

    (new) ── submit ──► submitted ── accept ──► accepted ── start ──► in progress ── answer ──┐
    submitted ── decline ──► not handled        accepted ── refer ──► referred                  │
    submitted | accepted ── merge ──► merged    referred ── office answers / approve ──► answered ◄┘
    open (not yet answered) ── withdraw ──► withdrawn     referred ── return ──► accepted
    answered ── feed back ──► fed back ── rate ──► closed (or, 不满意 the first time, accepted)
    fed back ── (the worker, after the rating window) auto close ──► closed
    answered | fed back | closed ── publish (回音壁)   any open state ── assign (指派)

The services begin each step with `ISSUE.begin(...)`, the issue page and the API list
`ISSUE.allowed(...)` as buttons, and the demo and benchmark generators read each step's
target state and clock from here. The table's order is the order of the page's buttons.
"""

from typing import Any

from tongxin.workflow.machine import Action, Machine

from .models import OPEN_STATUSES, Clock, Status

S = Status
HANDLE, OFFICE = "rights.handle_issue", "rights.answer_referred_issue"


def _has_draft(issue: Any) -> bool:
    return bool(issue.answer_draft)


def _publishable(issue: Any) -> bool:
    return bool(issue.publication_consent) and issue.published_at is None


# One row per step: name, verb, from, to, permission; the timeline's verb; a guard.
# fmt: off
ISSUE = Machine(
    name="rights.issue",
    states=Status,
    actions=[
        Action("submit", "提交", (), (S.SUBMITTED,), "rights.submit_issue", done="submitted"),
        Action("accept", "受理", (S.SUBMITTED,), (S.ACCEPTED,), HANDLE, done="accepted"),
        Action("decline", "不予受理", (S.SUBMITTED,), (S.NOT_HANDLED,), HANDLE, done="declined"),
        Action("start", "自行处理", (S.ACCEPTED,), (S.IN_PROGRESS,), HANDLE, done="started"),
        Action("refer", "转办", (S.ACCEPTED,), (S.REFERRED,), HANDLE, done="referred"),
        Action("merge", "合并", (S.SUBMITTED, S.ACCEPTED), (S.MERGED,), HANDLE, done="merged"),
        Action("answer", "答复", (S.IN_PROGRESS,), (S.ANSWERED,), HANDLE, done="answered"),
        # A school that wants the office head's approval keeps the answer as a draft.
        Action("office-answer", "答复", (S.REFERRED,), (S.ANSWERED, S.REFERRED), OFFICE,
               done="answered"),
        Action("return", "退回", (S.REFERRED,), (S.ACCEPTED,), OFFICE, done="returned"),
        Action("approve", "审核答复", (S.REFERRED,), (S.ANSWERED,), "rights.approve_answer",
               done="answer_approved", guard=_has_draft),
        Action("office-input", "提供协办意见", (S.REFERRED,), (), "rights.add_office_input",
               done="office_input_added"),
        Action("withdraw", "撤回", (S.SUBMITTED, S.ACCEPTED, S.IN_PROGRESS, S.REFERRED),
               (S.WITHDRAWN,), "rights.withdraw_issue", done="withdrawn"),
        Action("feed-back", "反馈", (S.ANSWERED,), (S.FED_BACK,), HANDLE, done="fed_back"),
        # 不满意 the first time reopens the issue for a second round.
        Action("rate", "评价", (S.FED_BACK,), (S.CLOSED, S.ACCEPTED), "rights.rate_issue",
               done="rated"),
        Action("publish", "发布到回音壁", (S.ANSWERED, S.FED_BACK, S.CLOSED), (), HANDLE,
               done="published", guard=_publishable),
        Action("assign", "指派", tuple(OPEN_STATUSES), (), HANDLE, done="assigned"),
        Action("auto-close", "自动办结", (S.FED_BACK,), (S.CLOSED,), None, done="auto_closed"),
    ],
    # A step that enters a state starts its clock and stops the one of the state it leaves.
    running_clock={
        S.SUBMITTED: Clock.FIRST_REPLY,
        S.ACCEPTED: Clock.DECIDE,
        S.IN_PROGRESS: Clock.ANSWER,
        S.REFERRED: Clock.ANSWER,
        S.ANSWERED: Clock.FEEDBACK,
    },
)
# fmt: on
