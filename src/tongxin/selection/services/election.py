"""The branch of a presidium candidate elected by the student congress (DOMAIN.md §4).

    decided ──stand (the advisor)──► for election ──(the congress's election published:
        congress.services.election_setup.election_publish)──► elected ──► (notice) ──► …
                                                           └──► not elected (final)

A person the congress elected by write-in (另选他人) gets a candidacy created here, in
ELECTED, recommended by the advisor who publishes the result.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import Position, User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import Node
from tongxin.workflow.steps import lock, save_step

from ..machine import CANDIDACY
from ..models import Candidacy, State, Step
from .common import CANDIDACY_RELATED, describe, now_or, record_candidacy_step, tell_candidate

WRITE_IN_RECOMMENDATION = "代表大会另选他人当选"


@transaction.atomic
def candidacy_stand(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """提交代表大会选举: a presidium candidate decided by the Party committee stands for
    election by the student congress (the congress's election takes it as a candidate)."""
    authorize(actor, "selection.decide_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    if not candidacy.is_presidium:
        raise DomainError(_("只有主席团候选人需经代表大会选举。"), field="state")
    CANDIDACY.require(candidacy, "stand")
    candidacy.state = State.FOR_ELECTION
    save_step(candidacy, "state")
    record_candidacy_step(
        actor, candidacy, kind=Step.STOOD, action="selection.candidacy.stood", now=now
    )
    tell_candidate(candidacy, _("您已作为%(d)s候选人提交代表大会选举") % {"d": describe(candidacy)})
    return candidacy


def candidacy_election_result(
    *, actor: User, candidacy: Candidacy, elected: bool, now: datetime.datetime
) -> Candidacy:
    """The congress's published result on a candidate for election (a system step of the
    table; the caller — the election's publishing service — has checked its permission and
    holds the transaction)."""
    candidacy = lock(candidacy, None, related=CANDIDACY_RELATED)
    CANDIDACY.require(candidacy, "elected" if elected else "not-elected")
    candidacy.state = State.ELECTED if elected else State.NOT_ELECTED
    fields = ["state"]
    if not elected:
        candidacy.closed_at = now
        fields.append("closed_at")
    save_step(candidacy, *fields)
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.ELECTED if elected else Step.NOT_ELECTED,
        action=f"selection.candidacy.{'elected' if elected else 'not_elected'}",
        now=now,
    )
    title = _("您已由代表大会选举为%(d)s") if elected else _("您未在代表大会%(d)s选举中当选")
    tell_candidate(candidacy, title % {"d": describe(candidacy)})
    return candidacy


def candidacy_elected_by_write_in(
    *, actor: User, user: User, union: Node, position: str, now: datetime.datetime
) -> Candidacy:
    """A person the congress elected by write-in: a candidacy in ELECTED, recommended by the
    advisor publishing the result, which goes on to notice and appointment."""
    if user.school_id is None or user.college_id is None:
        raise DomainError(_("另选当选的%(n)s不是本校学生。") % {"n": user.real_name}, field="user")
    candidacy = Candidacy.objects.create(
        school_id=user.school_id,
        college_id=user.college_id,
        union=union,
        candidate=user,
        position=position or Position.VICE_PRESIDENT,
        recommended_by=actor,
        recommendation=WRITE_IN_RECOMMENDATION,
        state=State.ELECTED,
        created_at=now,
    )
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.ELECTED,
        action="selection.candidacy.elected",
        now=now,
        text=WRITE_IN_RECOMMENDATION,
        data={"candidate": user.pk},
    )
    tell_candidate(candidacy, _("您已由代表大会选举为%(d)s") % {"d": describe(candidacy)})
    return candidacy
