"""The one place that says what may happen to a congress session (会议) — its transition table.

    (new) ── plan (union) ──► planned
    planned | returned ── apply (union: dates, place, agenda, seats) ──► applied
    applied ── approve (supervisor) ──► approved
    applied ── return (supervisor, reason) ──► returned
    approved ── confirm (union, 回执) ──► confirmed
    confirmed ── hold (union: dates, attendance) ──► held   (line.last_held_on, due_on)
    held ── report (union: reports, resolutions, election results) ──► reported
    reported ── close (supervisor) ──► closed
    planned … confirmed ── cancel (union or supervisor) ──► cancelled

The supervising body is the school's League committee (the advisor) for a college union and
the city federation for a school or graduate union (CongressLine.supervisor). Closing is the
supervisor's act after reading the report: a report is an answer to the supervisor, so the
supervisor says when it is enough (never automatic).
"""

from tongxin.workflow.machine import Action, Machine

from .models import SessionState

S = SessionState

# One row per step: name, verb, from, to, permission; the timeline's and audit trail's verb.
# fmt: off
SESSION = Machine(
    name="congress.session",
    states=SessionState,
    attr="state",
    actions=[
        Action("plan", "筹备会议", (), (S.PLANNED,), "congress.plan_session",
               done="planned", on_page=False),
        Action("apply", "提交申请", (S.PLANNED, S.RETURNED), (S.APPLIED,),
               "congress.apply_session", done="applied"),
        Action("approve", "批复同意", (S.APPLIED,), (S.APPROVED,),
               "congress.decide_session", done="approved"),
        Action("return", "退回申请", (S.APPLIED,), (S.RETURNED,),
               "congress.decide_session", done="returned"),
        Action("confirm", "回执", (S.APPROVED,), (S.CONFIRMED,),
               "congress.run_session", done="confirmed"),
        Action("hold", "记录召开", (S.CONFIRMED,), (S.HELD,),
               "congress.run_session", done="held"),
        Action("report", "报告", (S.HELD,), (S.REPORTED,),
               "congress.run_session", done="reported"),
        Action("close", "结束", (S.REPORTED,), (S.CLOSED,),
               "congress.close_session", done="closed"),
        Action("cancel", "取消会议",
               (S.PLANNED, S.APPLIED, S.RETURNED, S.APPROVED, S.CONFIRMED), (S.CANCELLED,),
               "congress.cancel_session", done="cancelled"),
    ],
)
# fmt: on
