"""Set-up of the committee's tests (through the ORM): a session of school A's union with a
confirmed delegate list, its committee, and proposals already SUBMITTED (writing and
co-signing are the writing part's, tested there)."""

from typing import Any

from django.db.models import Max

from tongxin.accounts.models import User
from tongxin.congress.models import Delegate, DelegateList, DelegateListState, Session
from tongxin.congress.proposal_models import (
    Committee,
    Proposal,
    ProposalCategory,
    ProposalSigner,
    ProposalState,
    SignerRole,
    SignerStatus,
)
from tongxin.congress.services import proposal_committee as services
from tongxin.testing.province import TinyProvince

from .delegate_world import add_students, approved_session


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


def confirmed_session(province: TinyProvince, extra: int = 4) -> Session:
    """School A's union session with a confirmed delegate list: student_a, student_a2,
    officer_a and `extra` more students of college A1 (province.people['delegate_<i>'])."""
    session = approved_session(province)
    dl = DelegateList.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        state=DelegateListState.CONFIRMED,
    )
    people = [province.student_a, province.student_a2, province.officer_a]
    more = add_students(province, 1, extra, 3101000)
    for index, user in enumerate(more):
        province.people[f"delegate_{index}"] = user
    for user in [*people, *more]:
        Delegate.objects.create(
            delegate_list=dl, school_id=session.school_id, user=user, unit=user.college
        )
    return session


def name_committee(province: TinyProvince, session: Session, *members: User) -> Committee:
    """advisor_a chairs; handler_a (logistics) and student_a2 (a delegate) sit by default."""
    return services.committee_name(
        actor=province.advisor_a,
        session=session,
        members=list(members) or [province.handler_a, province.student_a2],
    )


def submitted(
    province: TinyProvince,
    session: Session,
    lead: User,
    *cosigners: User,
    title: str = "延长图书馆开放时间",
    state: str = ProposalState.SUBMITTED,
    invited: tuple[User, ...] = (),
    declined: tuple[User, ...] = (),
) -> Proposal:
    """A proposal in `state` (submitted by default) with confirmed co-signers."""
    number = (Proposal.objects.filter(session=session).aggregate(n=Max("number"))["n"] or 0) + 1
    proposal = Proposal.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        number=number,
        state=state,
        lead=lead,
        title=title,
        category=ProposalCategory.LIFE,
        background="考试周自习座位紧张。",
        suggestion="考试周图书馆开放至 23:00。",
    )
    for people, status in [
        (cosigners, SignerStatus.CONFIRMED),
        (invited, SignerStatus.INVITED),
        (declined, SignerStatus.DECLINED),
    ]:
        for user in people:
            ProposalSigner.objects.create(
                proposal=proposal,
                school_id=session.school_id,
                user=user,
                role=SignerRole.COSIGNER,
                status=status,
            )
    return proposal
