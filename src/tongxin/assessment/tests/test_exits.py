import datetime

import pytest
from django.utils import timezone

from tongxin.accounts.models import Membership
from tongxin.assessment import services
from tongxin.assessment.models import ExitProposal, Level, ProposalStatus
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.staff.models import ExitKind, ExitRecord

from .factories import close, open_round, rate_all, rated, union_with_officers

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(province):
    return union_with_officers(province)


@pytest.fixture
def round_(p):
    return open_round(p)


def test_a_failed_officer_gets_an_exit_proposal_and_confirming_ends_the_membership(p, round_):
    rate_all(p, round_, "member_a", teacher=[(50,), (55,)], delegate=[(60,), (58,)])
    close(p, round_)
    proposal = ExitProposal.objects.get()
    member = rated(round_, p.member_a)
    assert member.level == Level.FAIL and proposal.rated == member
    assert proposal.status == ProposalStatus.PENDING and "不合格" in proposal.reason
    record = services.exit_proposal_confirm(
        actor=p.advisor_a, proposal=proposal, expected_version=1, reason="述职评议不合格，予以免职"
    )
    exit_record = ExitRecord.objects.get()
    assert record == exit_record and exit_record.kind == ExitKind.DISMISSAL
    assert exit_record.reason == "述职评议不合格，予以免职"
    membership = Membership.objects.get(pk=member.membership_id)
    assert membership.end == timezone.localdate()  # the last day of office (staff's rule)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert not Membership.objects.active(on=tomorrow).filter(pk=membership.pk).exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED and proposal.exit_record == exit_record
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "assessment.exit_proposal.created",
        "assessment.exit_proposal.confirmed",
        "staff.officer.exited",
    } <= actions


def test_the_advisor_may_dismiss_a_proposal_with_a_reason(p, round_):
    rate_all(p, round_, "member_a", teacher=[(50,), (50,)], delegate=[(50,), (50,)])
    close(p, round_)
    proposal = ExitProposal.objects.get()
    with pytest.raises(DomainError) as err:
        services.exit_proposal_dismiss(
            actor=p.advisor_a, proposal=proposal, expected_version=1, reason=" "
        )
    assert err.value.field == "reason"
    services.exit_proposal_dismiss(
        actor=p.advisor_a, proposal=proposal, expected_version=1, reason="因病缺勤，给予整改机会"
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DISMISSED
    assert Membership.objects.get(pk=proposal.membership_id).end is None
    assert not ExitRecord.objects.exists()
    with pytest.raises(DomainError):
        services.exit_proposal_confirm(
            actor=p.advisor_a, proposal=proposal, expected_version=None, reason="再议"
        )


def test_another_schools_advisor_cannot_decide(p, round_):
    rate_all(p, round_, "member_a", teacher=[(50,), (50,)], delegate=[(50,), (50,)])
    close(p, round_)
    with pytest.raises(NotAllowed):
        services.exit_proposal_confirm(
            actor=p.advisor_b, proposal=ExitProposal.objects.get(), expected_version=1, reason="x"
        )


def test_no_proposal_for_an_officer_who_already_left(p, round_):
    rate_all(p, round_, "member_a", teacher=[(40,), (40,)], delegate=[(40,), (40,)])
    membership = rated(round_, p.member_a).membership
    from tongxin.staff.services.structure import officer_exit

    officer_exit(actor=p.advisor_a, membership=membership, kind=ExitKind.VOLUNTARY, reason="毕业")
    Membership.objects.filter(pk=membership.pk).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    close(p, round_)
    assert rated(round_, p.member_a).level == Level.FAIL
    assert not ExitProposal.objects.exists()


def test_confirming_after_the_officer_left_meanwhile_is_refused(p, round_):
    from tongxin.staff.services.structure import officer_exit

    rate_all(p, round_, "member_a", teacher=[(40,), (40,)], delegate=[(40,), (40,)])
    close(p, round_)
    proposal = ExitProposal.objects.get()
    officer_exit(
        actor=p.advisor_a, membership=proposal.membership, kind=ExitKind.VOLUNTARY, reason="辞职"
    )
    with pytest.raises(DomainError) as err:
        services.exit_proposal_confirm(
            actor=p.advisor_a, proposal=proposal, expected_version=1, reason="不合格"
        )
    assert "已经离任" in err.value.message and ExitRecord.objects.count() == 1
