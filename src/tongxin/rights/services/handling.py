"""The union's and the offices' side of the loop.

submitted ── accept ──► accepted (decide clock)      submitted ── decline ──► not handled
submitted | accepted ── merge ──► merged (supporters move to the target)
accepted ── start ──► in progress (answer clock) ── answer ──► answered (feedback clock)
accepted ── refer ──► referred (answer clock) ── office answers ──► answered
referred ── office returns (退回) ──► accepted (decide clock restarts)
answered ── feed back ──► fed back
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Role, User
from tongxin.accounts.roles import has_role_at, is_office_head
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node, NodeKind

from ..models import Clock, DeclineReason, Issue, IssueSupport, OfficeInput, Status
from ..settings import settings_for
from . import clocks
from .common import (
    locked,
    office_handlers,
    record,
    require_status,
    require_text,
    save,
    tell,
    tell_reporter,
    union_officers,
)

CLOCK_FIELDS = ("due_at", "escalation_level")


@transaction.atomic
def issue_accept(*, actor: User, issue: Issue, expected_version: int, reply: str) -> Issue:
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.SUBMITTED], _("受理"))
    issue.first_reply = require_text(reply, "reply", _("首次回复"))
    issue.status = Status.ACCEPTED
    clocks.start(issue, Clock.DECIDE, settings_for(issue.school_id))
    save(issue, "status", "first_reply", *CLOCK_FIELDS)
    record(actor, issue, kind="accepted", text=issue.first_reply)
    tell_reporter(issue, _("您的诉求已受理：%(t)s") % {"t": issue.title}, issue.first_reply)
    return issue


@transaction.atomic
def issue_decline(
    *, actor: User, issue: Issue, expected_version: int, reason: str, explanation: str
) -> Issue:
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.SUBMITTED], _("不予受理"))
    if reason not in DeclineReason.values:
        raise DomainError(_("请选择不予受理的理由。"), field="reason")
    explanation = require_text(explanation, "explanation", _("说明"))
    clocks.stop_running(issue, timezone.now())
    issue.status, issue.decline_reason, issue.first_reply = Status.NOT_HANDLED, reason, explanation
    issue.closed_at = timezone.now()
    save(issue, "status", "decline_reason", "first_reply", "closed_at", *CLOCK_FIELDS)
    record(
        actor,
        issue,
        kind="declined",
        text=f"{DeclineReason(reason).label}：{explanation}",
        data={"reason": reason},
    )
    tell_reporter(issue, _("您的诉求未予受理：%(t)s") % {"t": issue.title}, explanation)
    return issue


def _move_supporters(source: Issue, target: Issue) -> int:
    already = set(IssueSupport.objects.filter(issue=target).values_list("user_id", flat=True))
    moving = IssueSupport.objects.filter(issue=source).exclude(user_id__in=already)
    moved = moving.update(issue=target)
    IssueSupport.objects.filter(issue=source).delete()
    Issue.objects.filter(pk=target.pk).update(supporters_count=F("supporters_count") + moved)
    return moved


@transaction.atomic
def issue_merge(*, actor: User, issue: Issue, expected_version: int, into: Issue) -> Issue:
    """并案: the issue joins another open issue of the same queue; its supporters move along."""
    authorize(actor, "rights.handle_issue", issue)
    authorize(actor, "rights.handle_issue", into)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.SUBMITTED, Status.ACCEPTED], _("合并"))
    target = Issue.objects.select_for_update().get(pk=into.pk)
    if target.pk == issue.pk or not target.is_open or target.school_id != issue.school_id:
        raise DomainError(_("只能合并到本校另一条仍在办理中的诉求。"), field="into")
    moved = _move_supporters(issue, target)
    clocks.stop_running(issue, timezone.now())
    issue.status, issue.merged_into, issue.closed_at = Status.MERGED, target, timezone.now()
    issue.supporters_count = 0  # its supporters now stand behind the target
    save(issue, "status", "merged_into", "closed_at", "supporters_count", *CLOCK_FIELDS)
    record(
        actor,
        issue,
        kind="merged",
        text=_("已并入诉求 #%(n)d") % {"n": target.pk},
        data={"into": target.pk, "supporters_moved": moved},
    )
    tell_reporter(issue, _("您的诉求已与同类诉求合并办理：%(t)s") % {"t": target.title})
    return issue


@transaction.atomic
def issue_start(*, actor: User, issue: Issue, expected_version: int) -> Issue:
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.ACCEPTED], _("自行处理"))
    issue.status = Status.IN_PROGRESS
    clocks.start(issue, Clock.ANSWER, settings_for(issue.school_id))
    save(issue, "status", *CLOCK_FIELDS)
    record(actor, issue, kind="started")
    return issue


def _check_offices(issue: Issue, lead: Node, co: list[Node]) -> None:
    for office in [lead, *co]:
        if office.kind != NodeKind.OFFICE or office.school_id != issue.school_id:
            raise DomainError(_("只能转办给本校的职能部门。"), field="lead_office")
    if lead in co:
        raise DomainError(_("牵头部门不能同时是协办部门。"), field="co_offices")


@transaction.atomic
def issue_refer(
    *,
    actor: User,
    issue: Issue,
    expected_version: int,
    lead_office: Node,
    co_offices: list[Node],
    note: str = "",
) -> Issue:
    """已受理 → 已转办 (转办: hand to school offices). Offices must belong to the issue's school."""
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.ACCEPTED], _("转办"))
    _check_offices(issue, lead_office, co_offices)
    issue.status, issue.lead_office = Status.REFERRED, lead_office
    issue.answer_draft = ""
    clocks.start(issue, Clock.ANSWER, settings_for(issue.school_id))
    save(issue, "status", "lead_office", "answer_draft", *CLOCK_FIELDS)
    issue.co_offices.set(co_offices)
    record(
        actor,
        issue,
        kind="referred",
        text=note.strip(),
        data={"lead": lead_office.pk, "co": [o.pk for o in co_offices]},
    )
    tell(
        office_handlers([lead_office.pk, *[o.pk for o in co_offices]]),
        issue,
        _("转办事项：%(t)s") % {"t": issue.title},
    )
    return issue


@transaction.atomic
def issue_return(*, actor: User, issue: Issue, expected_version: int, reason: str) -> Issue:
    """退回: the lead office says "not ours"; the union must route it again."""
    authorize(actor, "rights.answer_referred_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.REFERRED], _("退回"))
    reason = require_text(reason, "reason", _("退回理由"))
    office_id = issue.lead_office_id
    issue.status, issue.lead_office, issue.answer_draft = Status.ACCEPTED, None, ""
    clocks.start(issue, Clock.DECIDE, settings_for(issue.school_id))
    save(issue, "status", "lead_office", "answer_draft", *CLOCK_FIELDS)
    issue.co_offices.clear()
    record(actor, issue, kind="returned", text=reason, internal=True, data={"office": office_id})
    tell(union_officers(issue), issue, _("职能部门退回了诉求：%(t)s") % {"t": issue.title}, reason)
    return issue


def _finish_answer(actor: User, issue: Issue, text: str, kind: str) -> None:
    issue.status, issue.answer, issue.answer_draft = Status.ANSWERED, text, ""
    issue.answered_at = timezone.now()
    clocks.start(issue, Clock.FEEDBACK, settings_for(issue.school_id))
    save(issue, "status", "answer", "answer_draft", "answered_at", *CLOCK_FIELDS)
    record(actor, issue, kind=kind, text=text)
    tell(union_officers(issue), issue, _("诉求已有答复，请向同学反馈：%(t)s") % {"t": issue.title})


@transaction.atomic
def issue_answer(*, actor: User, issue: Issue, expected_version: int, answer: str) -> Issue:
    """The union answers an issue it handled itself (处理中 → 已答复)."""
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.IN_PROGRESS], _("答复"))
    _finish_answer(actor, issue, require_text(answer, "answer", _("答复")), "answered")
    return issue


@transaction.atomic
def issue_office_answer(*, actor: User, issue: Issue, expected_version: int, answer: str) -> Issue:
    """The lead office answers. Where the school requires it, a handler's answer waits for
    the office head's approval; the head's own answer goes out directly."""
    authorize(actor, "rights.answer_referred_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.REFERRED], _("答复"))
    text = require_text(answer, "answer", _("答复"))
    if settings_for(issue.school_id).head_approval_required and not is_office_head(
        actor, issue.lead_office_id
    ):
        issue.answer_draft = text
        save(issue, "answer_draft")
        record(actor, issue, kind="answer_drafted", text=text, internal=True)
        heads = [
            u
            for u in office_handlers([issue.lead_office_id or 0])
            if is_office_head(u, issue.lead_office_id)
        ]
        tell(heads, issue, _("待审核的答复：%(t)s") % {"t": issue.title})
        return issue
    _finish_answer(actor, issue, text, "answered")
    return issue


@transaction.atomic
def issue_approve_answer(*, actor: User, issue: Issue, expected_version: int) -> Issue:
    authorize(actor, "rights.approve_answer", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.REFERRED], _("审核答复"))
    if not issue.answer_draft:
        raise DomainError(_("没有待审核的答复。"))
    _finish_answer(actor, issue, issue.answer_draft, "answer_approved")
    return issue


@transaction.atomic
def issue_add_office_input(*, actor: User, issue: Issue, office: Node, text: str) -> OfficeInput:
    """A co-office adds its input for the lead office (before the answer goes out)."""
    authorize(actor, "rights.add_office_input", issue)
    if not has_role_at(actor, Role.OFFICE_HANDLER, node_id=office.pk):
        raise DomainError(_("只能以本人所在部门的名义提供意见。"), field="office")
    if issue.status != Status.REFERRED:
        raise DomainError(_("只有转办中的诉求可以提供协办意见。"))
    entry = OfficeInput.objects.create(
        issue=issue, office=office, author=actor, text=require_text(text, "text", _("协办意见"))
    )
    record(
        actor,
        issue,
        kind="office_input_added",
        text=entry.text,
        internal=True,
        data={"office": office.pk},
    )
    return entry


@transaction.atomic
def issue_feed_back(*, actor: User, issue: Issue, expected_version: int, feedback: str) -> Issue:
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    require_status(issue, [Status.ANSWERED], _("反馈"))
    issue.feedback = require_text(feedback, "feedback", _("反馈"))
    issue.status, issue.fed_back_at = Status.FED_BACK, timezone.now()
    clocks.stop_running(issue, issue.fed_back_at)
    save(issue, "status", "feedback", "fed_back_at", *CLOCK_FIELDS)
    record(actor, issue, kind="fed_back", text=issue.feedback)
    tell_reporter(issue, _("您的诉求有了结果，请评价：%(t)s") % {"t": issue.title}, issue.feedback)
    return issue


@transaction.atomic
def issue_assign(*, actor: User, issue: Issue, expected_version: int, assignee: User) -> Issue:
    authorize(actor, "rights.handle_issue", issue)
    issue = locked(issue, expected_version)
    if not issue.is_open:
        raise DomainError(_("已结束的诉求不能再指派。"))
    if assignee.pk not in {u.pk for u in union_officers(issue)}:
        raise DomainError(_("只能指派给本会在任的工作人员。"), field="assignee")
    issue.assignee = assignee
    save(issue, "assignee")
    record(actor, issue, kind="assigned", internal=True, data={"assignee": assignee.pk})
    tell([assignee], issue, _("您被指派承办诉求：%(t)s") % {"t": issue.title})
    return issue
