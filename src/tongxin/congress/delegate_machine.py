"""The one place that says what may happen to a delegate list (代表名单) — its transition table.

(session approved | confirmed) ── prepare ──► draft (quotas from live student counts)
draft ── recount | edit (enter, remove, import, election facts) ──► draft
draft ── submit (composition checks pass) ──► notice (公示, n working days)
notice | paused ── object ──► paused ── resolve ──► notice (dismissed, none open)
                                               ├──► paused (others still open)
                                               └──► draft (upheld: the union corrects it)
notice ── (its end passes) ── confirm (union / advisor) | end-notice (worker) ──► confirmed
(objection) ── lodge ──► open ── dismiss ──► dismissed | uphold ──► upheld (OBJECTIONS)
"""

from django.utils import timezone

from tongxin.workflow.machine import Action, Machine
from tongxin.workflow.notice.objections import Objections, objection_machine
from tongxin.workflow.notice.period import notice_run_out

from .models import DelegateList, DelegateListState, DelegateObjection

S = DelegateListState


def _notice_over(d: DelegateList) -> bool:
    """Confirmable: the notice's end has passed (the service ends it)."""
    return notice_run_out(d, timezone.now())


# fmt: off
DELEGATE_LIST = Machine(
    name="congress.delegates",
    states=DelegateListState,
    attr="state",
    actions=[
        Action("prepare", "准备代表名单", (), (S.DRAFT,), "congress.prepare_delegates",
               done="prepared", on_page=False),
        Action("recount", "按最新学生数重算名额", (S.DRAFT,), (S.DRAFT,),
               "congress.prepare_delegates", done="recounted"),
        Action("edit", "录入代表", (S.DRAFT,), (S.DRAFT,), "congress.prepare_delegates",
               done="edited", on_page=False),
        Action("submit", "提交并公示", (S.DRAFT,), (S.NOTICE,), "congress.prepare_delegates",
               done="published"),
        Action("object", "提出异议", (S.NOTICE, S.PAUSED), (S.PAUSED,),
               "congress.object_to_delegates", done="paused", on_page=False),
        # Dismissed: the notice resumes once no objection is open; upheld: back to draft.
        Action("resolve", "处理异议", (S.PAUSED,), (S.NOTICE, S.PAUSED, S.DRAFT),
               "congress.resolve_delegate_objection", done="resumed", on_page=False),
        Action("confirm", "确认名单", (S.NOTICE,), (S.CONFIRMED,), "congress.confirm_delegates",
               done="confirmed", guard=_notice_over),
        Action("end-notice", "公示期满", (S.NOTICE,), (S.CONFIRMED,), None, done="confirmed"),
    ],
)
# fmt: on

DELEGATE_OBJECTIONS = Objections(
    DelegateObjection,
    objection_machine(
        "congress.delegate_objection",
        may_object="congress.object_to_delegates",
        may_resolve="congress.resolve_delegate_objection",
    ),
)
