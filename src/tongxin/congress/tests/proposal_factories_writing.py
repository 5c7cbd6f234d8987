"""Set-up of the writing tests: a session of school A's union with a confirmed delegate list
(through the ORM, as set-up: the list's own services are tested by the delegates part), its
collection window, and proposals walked through the writing services."""

import datetime
from typing import Any

from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.congress.models import Delegate, DelegateList, DelegateListState, Session
from tongxin.congress.proposal_models import Proposal, ProposalCategory, ProposalWindow
from tongxin.congress.services import proposal_writing as services
from tongxin.testing.province import TinyProvince

from .delegate_world import add_students, approved_session


def confirm_delegates(session: Session, users: list[User], *, days: int = 365) -> DelegateList:
    today = timezone.localdate()
    dl = DelegateList.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        state=DelegateListState.CONFIRMED,
        confirmed_at=timezone.now(),
        term_start=today - datetime.timedelta(days=1),
        term_end=today + datetime.timedelta(days=days),
    )
    Delegate.objects.bulk_create(
        [
            Delegate(
                delegate_list=dl,
                school_id=session.school_id,
                user=u,
                unit_id=u.college_id or session.union_id,
            )
            for u in users
        ]
    )
    return dl


def open_window(session: Session, by: User, *, before: int = 1, after: int = 30) -> ProposalWindow:
    today = timezone.localdate()
    return ProposalWindow.objects.create(
        session=session,
        school_id=session.school_id,
        union_id=session.union_id,
        opens_on=today - datetime.timedelta(days=before),
        closes_on=today + datetime.timedelta(days=after),
        set_by=by,
    )


class World:
    """School A's union session: `delegates` (student_a first, then five more of college
    A1), its window open; `outsider` a student of college A1 who is no delegate."""

    def __init__(self, province: TinyProvince, *, window: bool = True, extra: int = 5) -> None:
        self.province = province
        self.session = approved_session(province, seats=8)
        more = add_students(province, 1, extra, 3101000)
        self.lead: User = province.people["student_a"]
        self.delegates: list[User] = [self.lead, *more]
        self.list = confirm_delegates(self.session, self.delegates)
        # A student of college A1 who is no delegate (writes suggestions to A1's delegates).
        self.outsider: User = add_students(province, 1, 1, 3102000)[0]
        self.window = open_window(self.session, province.officer_a) if window else None

    def write(self, lead: User | None = None, **over: Any) -> Proposal:
        values: dict[str, Any] = {
            "title": "延长图书馆考试周开放时间",
            "category": ProposalCategory.LIFE,
            "background": "考试周自习座位紧张。",
            "analysis": "图书馆 22:00 闭馆，同学无处自习。",
            "suggestion": "考试周图书馆开放至 23:30。",
        }
        return services.proposal_write(
            actor=lead or self.lead, session=self.session, **{**values, **over}
        )

    def invite(self, proposal: Proposal, users: list[User]) -> Proposal:
        proposal = Proposal.objects.get(pk=proposal.pk)
        return services.proposal_invite(
            actor=proposal.lead,
            proposal=proposal,
            expected_version=proposal.version,
            invitees=[u.pk for u in users],
        )

    def cosign(self, proposal: Proposal, user: User) -> Proposal:
        proposal = Proposal.objects.get(pk=proposal.pk)
        return services.proposal_cosign(
            actor=user, proposal=proposal, expected_version=proposal.version
        )

    def ready(self, lead: User | None = None, signers: int = 2, **over: Any) -> Proposal:
        """A draft with `signers` confirmed co-signers (the next delegates after the lead)."""
        lead = lead or self.lead
        proposal = self.write(lead, **over)
        others = [u for u in self.delegates if u != lead][:signers]
        self.invite(proposal, others)
        for user in others:
            self.cosign(proposal, user)
        return Proposal.objects.get(pk=proposal.pk)

    def submit(self, proposal: Proposal) -> Proposal:
        proposal = Proposal.objects.get(pk=proposal.pk)
        return services.proposal_submit(
            actor=proposal.lead, proposal=proposal, expected_version=proposal.version
        )
