"""Referred proposals for the handling part's tests (ORM set-up, as the committee's
accept would leave them): school A's union session held with a confirmed delegate list,
a committee chaired by the advisor, a proposal led by student_a with two confirmed
co-signers, referred to the logistics office (lead) with the academic office as co-office,
its reply clock running."""

import datetime
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import Membership, Role, User
from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import Delegate, DelegateList, DelegateListState, SessionState
from tongxin.congress.proposal_deadlines import reply_duration
from tongxin.congress.proposal_models import (
    Committee,
    DeadlineKind,
    Proposal,
    ProposalCategory,
    ProposalSigner,
    ProposalState,
    SignerStatus,
)
from tongxin.testing.province import TinyProvince
from tongxin.workflow.clocks.services import clock_start
from tongxin.workflow.referral import steps as referral

from .delegate_world import add_students


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


def academic_handler(province: TinyProvince) -> User:
    """A handler of school A's academic office (the co-office)."""
    if "academic_handler_a" in province.people:
        return province.people["academic_handler_a"]
    user = User.objects.create_user(
        User.school_username(province.school_a.code, "T2003"),
        None,
        real_name="黄老师",
        school=province.school_a,
        number="T2003",
    )
    Membership.objects.create(
        user=user,
        node=province.academic_office_a,
        school=province.school_a,
        role=Role.OFFICE_HANDLER,
    )
    province.people["academic_handler_a"] = user
    return user


def handling_world(province: TinyProvince) -> dict[str, Any]:
    """The session, its committee and delegates: student_a (lead), two co-signers and a
    delegate who signs nothing."""
    if "handling_world" in province.issues:
        return province.issues["handling_world"]
    session = session_for(
        province.union_a, SessionState.HELD, creator=province.advisor_a, on=timezone.localdate()
    )
    assert session is not None
    dl = DelegateList.objects.create(
        session=session,
        school_id=session.school_id,
        union=province.union_a,
        state=DelegateListState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    cosigners = add_students(province, 1, 3, 3101000)
    for user in [province.student_a, province.student_a2, *cosigners]:
        Delegate.objects.create(
            delegate_list=dl, school_id=session.school_id, user=user, unit=user.college
        )
    Committee.objects.create(session=session, school_id=session.school_id, chair=province.advisor_a)
    academic_handler(province)
    world = {
        "session": session,
        "cosigners": cosigners[:2],
        "bystander": cosigners[2],
        "delegate": province.student_a2,
    }
    province.issues["handling_world"] = world
    return world


def referred_proposal(
    province: TinyProvince,
    *,
    title: str = "延长图书馆开放时间",
    kind: str = DeadlineKind.SIMPLE,
    workdays: int | None = None,
    now: datetime.datetime | None = None,
    co_office: bool = True,
    number: int | None = None,
) -> Proposal:
    """A proposal in REFERRED with its reply clock started at `now`."""
    world = handling_world(province)
    session = world["session"]
    now = now or timezone.now()
    number = number or Proposal.objects.filter(session=session).count() + 1
    proposal = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        number=number,
        state=ProposalState.REFERRED,
        lead=province.student_a,
        title=title,
        category=ProposalCategory.LIFE,
        background="考试周自习座位紧张。",
        suggestion="考试周图书馆开放至 23:00。",
        submitted_at=now,
        decided_at=now,
        decided_by=province.advisor_a,
        deadline_kind=kind,
        deadline_workdays=workdays,
    )
    for user in world["cosigners"]:
        ProposalSigner.objects.create(
            proposal=proposal,
            school_id=session.school_id,
            user=user,
            status=SignerStatus.CONFIRMED,
            responded_at=now,
        )
    co = [province.academic_office_a] if co_office else []
    referral.refer(proposal, lead_office=province.logistics_office_a, co_offices=co, now=now)
    clock, duration = reply_duration(kind, workdays, now)
    clock_start(proposal, clock, now=now, duration=duration, first=True)
    proposal.save()
    return fresh(proposal)
