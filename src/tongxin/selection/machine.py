"""The one place that says what may happen to a candidacy (选拔) — its transition table.

    (new) ── recommend ──► recommended ── consent (presidium) ──► college consented
    recommended (member) | college consented (presidium) ── review ──► reviewed
    reviewed ── decide (presidium) ──► decided
    decided ── stand (presidium) ──► for election (候选人，待代表大会选举)
    for election ── (the congress's election is published) ──► elected | not elected
    reviewed (member) | decided | elected (presidium) ── publish ──► notice (公示, working days)
    notice | paused ── object ──► paused ── resolve ──► notice (dismissed, none open)
                                                   └──► rejected (upheld)
    notice ── (its end passes) ──► notice ended ── appoint ──► appointed
    (objection) ── lodge ──► open ── dismiss ──► dismissed | uphold ──► upheld (OBJECTIONS)
    recommended | college consented ── withdraw ──► withdrawn
    any open state ── reject ──► rejected

A presidium candidate goes through the college Party organisation's consent and the
school Party committee's decision; a department member skips both (DOMAIN.md §3): the
steps whose starting state depends on that path say so with `src_for`. A presidium
candidate decided by the Party committee stands for election by the student congress
(congress.election_machine): its published results move the candidacy to elected (then on
to notice and appointment) or not elected (final). The direct path decided → publish stays
for the older records and tests; the demo and the congress's fact take the election branch.
"""

from typing import Any

from django.utils import timezone

from tongxin.workflow.machine import Action, Machine
from tongxin.workflow.notice.objections import Objections, objection_machine
from tongxin.workflow.notice.period import notice_run_out

from .models import OPEN_STATES, Candidacy, Objection, State

S = State


def _review_from(c: Candidacy) -> tuple[str, ...]:
    return (S.COLLEGE_CONSENTED,) if c.is_presidium else (S.RECOMMENDED,)


def _publish_from(c: Candidacy) -> tuple[str, ...]:
    return (S.DECIDED, S.ELECTED) if c.is_presidium else (S.REVIEWED,)


def _presidium_only(state: str) -> Any:
    return lambda c: (state,) if c.is_presidium else ()


def _notice_over(c: Candidacy) -> bool:
    """Appointable: the notice has ended, or its end has passed and the service ends it."""
    return c.state == S.NOTICE_ENDED or notice_run_out(c, timezone.now())


# One row per step: name, verb, from, to, permission; the timeline's verb; path and guard.
# fmt: off
CANDIDACY = Machine(
    name="selection.candidacy",
    states=State,
    attr="state",
    actions=[
        Action("recommend", "推荐", (), (S.RECOMMENDED,), "selection.recommend_candidate",
               done="recommended", on_page=False),
        Action("consent", "记录院党组织同意", (S.RECOMMENDED,), (S.COLLEGE_CONSENTED,),
               "selection.consent_candidacy", done="consented",
               src_for=_presidium_only(S.RECOMMENDED)),
        Action("withdraw", "撤回推荐", (S.RECOMMENDED, S.COLLEGE_CONSENTED), (S.WITHDRAWN,),
               "selection.withdraw_candidacy", done="withdrawn"),
        Action("review", "联合审查", (S.RECOMMENDED, S.COLLEGE_CONSENTED), (S.REVIEWED,),
               "selection.review_candidacy", done="reviewed", src_for=_review_from),
        Action("decide", "记录校党委决定", (S.REVIEWED,), (S.DECIDED,),
               "selection.decide_candidacy", done="decided",
               src_for=_presidium_only(S.REVIEWED)),
        Action("stand", "提交代表大会选举", (S.DECIDED,), (S.FOR_ELECTION,),
               "selection.decide_candidacy", done="stood",
               src_for=_presidium_only(S.DECIDED)),
        # The congress's published election result (congress.services.election_setup).
        Action("elected", "代表大会选举当选", (S.FOR_ELECTION,), (S.ELECTED,), None,
               done="elected"),
        Action("not-elected", "代表大会选举未当选", (S.FOR_ELECTION,), (S.NOT_ELECTED,), None,
               done="not_elected"),
        Action("publish", "公示", (S.REVIEWED, S.DECIDED, S.ELECTED), (S.NOTICE,),
               "selection.publish_candidacy", done="published", src_for=_publish_from),
        Action("object", "提出异议", (S.NOTICE, S.PAUSED), (S.PAUSED,),
               "selection.object_to_candidacy", done="paused", on_page=False),
        # Dismissed: the notice resumes once no objection is open; upheld: rejected.
        Action("resolve", "处理异议", (S.PAUSED,), (S.NOTICE, S.PAUSED, S.REJECTED),
               "selection.resolve_objection", done="resumed"),
        Action("appoint", "任命", (S.NOTICE, S.NOTICE_ENDED), (S.APPOINTED,),
               "selection.appoint_candidacy", done="appointed", guard=_notice_over),
        Action("reject", "不予任用", tuple(OPEN_STATES), (S.REJECTED,),
               "selection.reject_candidacy", done="rejected"),
        Action("end-notice", "公示期满", (S.NOTICE,), (S.NOTICE_ENDED,), None,
               done="notice_ended"),
    ],
)
# fmt: on

# Objections to a candidate under notice (the shared piece's table): any student of the
# school but the candidate objects; the advisor answers, dismissing or upholding.
OBJECTIONS = Objections(
    Objection,
    objection_machine(
        "selection.objection",
        may_object="selection.object_to_candidacy",
        may_resolve="selection.resolve_objection",
    ),
)
