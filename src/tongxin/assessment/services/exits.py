"""不合格 opens the exit procedure (DOMAIN.md §3): a proposal the advisor decides.

round_close ──(level 不合格)──► proposal pending
    ──exit_proposal_confirm──► confirmed: staff officer_exit (免职), membership ends
    ──exit_proposal_dismiss──► dismissed, with the advisor's written reason
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tongxin.accounts.models import Membership, User
from tongxin.audit import services as audit
from tongxin.core.errors import DomainError
from tongxin.notifications.services import notify
from tongxin.staff.models import ExitKind, ExitRecord
from tongxin.staff.services.structure import officer_exit
from tongxin.workflow.steps import require_text, save_step

from ..machine import EXIT_PROPOSAL
from ..models import ExitProposal, ProposalStatus, RatedOfficer, Round

MAX_REASON = 1000


def proposal_reason(round_: Round, rated: RatedOfficer) -> str:
    return _("%(t)s述职评议不合格（%(s)s 分）") % {"t": round_.term_label, "s": rated.score}


def proposals_create(*, actor: User, round_: Round, failed: list[RatedOfficer]) -> None:
    """Called by round_close inside its transaction: one pending proposal per 不合格 officer
    still in office (one who has already left has nothing to exit from)."""
    in_office = set(
        Membership.objects.filter(
            pk__in=[r.membership_id for r in failed], end__isnull=True
        ).values_list("pk", flat=True)
    )
    proposals = ExitProposal.objects.bulk_create(
        ExitProposal(
            round=round_,
            rated=rated,
            school_id=round_.school_id,
            membership_id=rated.membership_id,
            reason=proposal_reason(round_, rated),
        )
        for rated in failed
        if rated.membership_id in in_office
    )
    for proposal in proposals:
        audit.record(
            actor=actor,
            action="assessment.exit_proposal.created",
            target=proposal,
            data={"round": round_.pk, "membership": proposal.membership_id},
        )


def _begin(actor: User, proposal: ExitProposal, name: str, version: int | None) -> ExitProposal:
    return EXIT_PROPOSAL.begin(
        actor=actor,
        obj=proposal,
        name=name,
        expected_version=version,
        related=("membership__node", "round"),
    )


DECISION_FIELDS = ("status", "decision_note", "decided_by", "decided_at")


def _decide(proposal: ExitProposal, actor: User, status: str, note: str) -> None:
    proposal.status, proposal.decision_note = status, note
    proposal.decided_by, proposal.decided_at = actor, timezone.now()


@transaction.atomic
def exit_proposal_confirm(
    *, actor: User, proposal: ExitProposal, expected_version: int | None, reason: str
) -> ExitRecord:
    """Confirm: the officer is dismissed (免职) through the staff app's exit, reason kept."""
    proposal = _begin(actor, proposal, "confirm", expected_version)
    reason = require_text(reason, "reason", _("退出原因"), MAX_REASON)
    if proposal.membership.end is not None:  # left meanwhile (staff counts the last day active)
        raise DomainError(_("该工作人员已经离任，请选择“不予退出”并说明情况。"))
    record = officer_exit(
        actor=actor, membership=proposal.membership, kind=ExitKind.DISMISSAL, reason=reason
    )
    _decide(proposal, actor, ProposalStatus.CONFIRMED, reason)
    proposal.exit_record = record
    save_step(proposal, *DECISION_FIELDS, "exit_record")
    audit.record(
        actor=actor,
        action="assessment.exit_proposal.confirmed",
        target=proposal,
        data={"exit_record": record.pk},
    )
    notify(
        recipients=[proposal.membership.user],
        verb="assessment.exit_proposal.confirmed",
        title=_("您在%(u)s的任职已结束（免职）") % {"u": proposal.membership.node.name},
        body=reason,
        school=proposal.school,
    )
    return record


@transaction.atomic
def exit_proposal_dismiss(
    *, actor: User, proposal: ExitProposal, expected_version: int | None, reason: str
) -> ExitProposal:
    """Dismiss: the officer stays; the advisor's reason is kept with the proposal."""
    proposal = _begin(actor, proposal, "dismiss", expected_version)
    reason = require_text(reason, "reason", _("不予退出的理由"), MAX_REASON)
    _decide(proposal, actor, ProposalStatus.DISMISSED, reason)
    save_step(proposal, *DECISION_FIELDS)
    audit.record(actor=actor, action="assessment.exit_proposal.dismissed", target=proposal)
    return proposal
