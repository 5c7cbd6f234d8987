"""The union's and the offices' side of the loop; the offices' steps on the shared referral
piece (tongxin.workflow.referral: what refer, return, reply, approve and input write).

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

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node
from tongxin.workflow.referral import steps as referral
from tongxin.workflow.referral.selectors import handlers_of, heads_of
from tongxin.workflow.steps import require_text, save_step

from ..machine import ISSUE
from ..models import Clock, DeclineReason, Issue, IssueSupport, OfficeInput, Status
from ..settings import settings_for
from . import clocks
from .common import (
    record_issue_step,
    tell_about_issue,
    tell_reporter,
    union_officers,
)

CLOCK_FIELDS = ("due_at", "escalation_level")


@transaction.atomic
def issue_accept(*, actor: User, issue: Issue, expected_version: int, reply: str) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="accept", expected_version=expected_version)
    issue.first_reply = require_text(reply, "reply", _("首次回复"))
    issue.status = Status.ACCEPTED
    clocks.start(issue, Clock.DECIDE, settings_for(issue.school_id))
    save_step(issue, "status", "first_reply", *CLOCK_FIELDS)
    record_issue_step(actor, issue, kind="accepted", text=issue.first_reply)
    tell_reporter(issue, _("您的诉求已受理：%(t)s") % {"t": issue.title}, issue.first_reply)
    return issue


@transaction.atomic
def issue_decline(
    *, actor: User, issue: Issue, expected_version: int, reason: str, explanation: str
) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="decline", expected_version=expected_version)
    if reason not in DeclineReason.values:
        raise DomainError(_("请选择不予受理的理由。"), field="reason")
    explanation = require_text(explanation, "explanation", _("说明"))
    clocks.stop_running(issue, timezone.now())
    issue.status, issue.decline_reason, issue.first_reply = Status.NOT_HANDLED, reason, explanation
    issue.closed_at = timezone.now()
    save_step(issue, "status", "decline_reason", "first_reply", "closed_at", *CLOCK_FIELDS)
    record_issue_step(
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
    authorize(actor, "rights.handle_issue", into)
    issue = ISSUE.begin(actor=actor, obj=issue, name="merge", expected_version=expected_version)
    target = Issue.objects.select_for_update().get(pk=into.pk)
    if target.pk == issue.pk or not target.is_open or target.school_id != issue.school_id:
        raise DomainError(_("只能合并到本校另一条仍在办理中的诉求。"), field="into")
    moved = _move_supporters(issue, target)
    clocks.stop_running(issue, timezone.now())
    issue.status, issue.merged_into, issue.closed_at = Status.MERGED, target, timezone.now()
    issue.supporters_count = 0  # its supporters now stand behind the target
    save_step(issue, "status", "merged_into", "closed_at", "supporters_count", *CLOCK_FIELDS)
    record_issue_step(
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
    issue = ISSUE.begin(actor=actor, obj=issue, name="start", expected_version=expected_version)
    issue.status = Status.IN_PROGRESS
    clocks.start(issue, Clock.ANSWER, settings_for(issue.school_id))
    save_step(issue, "status", *CLOCK_FIELDS)
    record_issue_step(actor, issue, kind="started")
    return issue


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
    issue = ISSUE.begin(actor=actor, obj=issue, name="refer", expected_version=expected_version)
    referred = referral.refer(issue, lead_office=lead_office, co_offices=co_offices)
    issue.status = Status.REFERRED
    clocks.start(issue, Clock.ANSWER, settings_for(issue.school_id))
    save_step(issue, "status", *referred, *CLOCK_FIELDS)
    record_issue_step(
        actor,
        issue,
        kind="referred",
        text=note.strip(),
        data={"lead": lead_office.pk, "co": [o.pk for o in co_offices]},
    )
    tell_about_issue(
        handlers_of([lead_office.pk, *[o.pk for o in co_offices]]),
        issue,
        _("转办事项：%(t)s") % {"t": issue.title},
    )
    return issue


@transaction.atomic
def issue_return(*, actor: User, issue: Issue, expected_version: int, reason: str) -> Issue:
    """退回: the lead office says "not ours"; the union must route it again."""
    issue = ISSUE.begin(actor=actor, obj=issue, name="return", expected_version=expected_version)
    back = referral.hand_back(issue, reason=reason)
    issue.status = Status.ACCEPTED
    clocks.start(issue, Clock.DECIDE, settings_for(issue.school_id))
    save_step(issue, "status", *back.fields, *CLOCK_FIELDS)
    record_issue_step(
        actor,
        issue,
        kind="returned",
        text=back.reason,
        internal=True,
        data={"office": back.office_id},
    )
    tell_about_issue(
        union_officers(issue),
        issue,
        _("职能部门退回了诉求：%(t)s") % {"t": issue.title},
        back.reason,
    )
    return issue


def _finish_answer(actor: User, issue: Issue, kind: str) -> None:
    """The reply went out (referral.send_reply): answered, the feedback clock runs."""
    issue.status = Status.ANSWERED
    clocks.start(issue, Clock.FEEDBACK, settings_for(issue.school_id))
    save_step(issue, "status", *referral.SENT_FIELDS, *CLOCK_FIELDS)
    record_issue_step(actor, issue, kind=kind, text=issue.answer)
    tell_about_issue(
        union_officers(issue), issue, _("诉求已有答复，请向同学反馈：%(t)s") % {"t": issue.title}
    )


@transaction.atomic
def issue_answer(*, actor: User, issue: Issue, expected_version: int, answer: str) -> Issue:
    """The union answers an issue it handled itself (处理中 → 已答复)."""
    issue = ISSUE.begin(actor=actor, obj=issue, name="answer", expected_version=expected_version)
    referral.send_reply(issue, require_text(answer, "answer", _("答复")))
    _finish_answer(actor, issue, "answered")
    return issue


@transaction.atomic
def issue_office_answer(*, actor: User, issue: Issue, expected_version: int, answer: str) -> Issue:
    """The lead office answers. Where the school requires it, a handler's answer waits for
    the office head's approval; the head's own answer goes out directly."""
    issue = ISSUE.begin(
        actor=actor, obj=issue, name="office-answer", expected_version=expected_version
    )
    approval = settings_for(issue.school_id).head_approval_required
    replied = referral.office_reply(issue, actor=actor, text=answer, approval_required=approval)
    if replied is referral.Replied.DRAFTED:
        save_step(issue, *replied.fields)
        record_issue_step(
            actor, issue, kind="answer_drafted", text=issue.answer_draft, internal=True
        )
        heads = heads_of(issue.lead_office_id)
        tell_about_issue(heads, issue, _("待审核的答复：%(t)s") % {"t": issue.title})
        return issue
    _finish_answer(actor, issue, "answered")
    return issue


@transaction.atomic
def issue_approve_answer(*, actor: User, issue: Issue, expected_version: int) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="approve", expected_version=expected_version)
    referral.approve_reply(issue)
    _finish_answer(actor, issue, "answer_approved")
    return issue


@transaction.atomic
def issue_add_office_input(
    *, actor: User, issue: Issue, office: Node | None, text: str
) -> OfficeInput:
    """A co-office adds its input for the lead office (before the answer goes out), in the
    name of a co-office the actor handles."""
    authorize(actor, "rights.add_office_input", issue)
    ISSUE.require(issue, "office-input")
    entry = referral.add_input(OfficeInput, item=issue, office=office, author=actor, text=text)
    record_issue_step(
        actor,
        issue,
        kind="office_input_added",
        text=entry.text,
        internal=True,
        data={"office": entry.office_id},
    )
    return entry


@transaction.atomic
def issue_feed_back(*, actor: User, issue: Issue, expected_version: int, feedback: str) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="feed-back", expected_version=expected_version)
    issue.feedback = require_text(feedback, "feedback", _("反馈"))
    issue.status, issue.fed_back_at = Status.FED_BACK, timezone.now()
    clocks.stop_running(issue, issue.fed_back_at)
    save_step(issue, "status", "feedback", "fed_back_at", *CLOCK_FIELDS)
    record_issue_step(actor, issue, kind="fed_back", text=issue.feedback)
    tell_reporter(issue, _("您的诉求有了结果，请评价：%(t)s") % {"t": issue.title}, issue.feedback)
    return issue


@transaction.atomic
def issue_assign(
    *, actor: User, issue: Issue, expected_version: int, assignee: User | None
) -> Issue:
    issue = ISSUE.begin(actor=actor, obj=issue, name="assign", expected_version=expected_version)
    if assignee is None or assignee.pk not in {u.pk for u in union_officers(issue)}:
        raise DomainError(_("只能指派给本会在任的工作人员。"), field="assignee")
    issue.assignee = assignee
    save_step(issue, "assignee")
    record_issue_step(actor, issue, kind="assigned", internal=True, data={"assignee": assignee.pk})
    tell_about_issue([assignee], issue, _("您被指派承办诉求：%(t)s") % {"t": issue.title})
    return issue
