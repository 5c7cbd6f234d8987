"""The school's steps, recorded by the league advisor, and the end of the path.

presidium:   college consented ──review──► reviewed ──decide──► decided ──► (notice)
department:  recommended ──review──► reviewed ──► (notice)
notice ended ──appoint──► appointed (staff officer_appoint: title, eligibility, limits)
any open state ──reject (reason)──► rejected; open objections become moot
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import User
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.staff.services.structure import officer_appoint
from tongxin.workdays.calendar import local_zone
from tongxin.workflow.steps import lock, require_state, require_text, save_step

from ..machine import CANDIDACY
from ..models import Candidacy, State, Step
from .closing import reject
from .common import (
    CANDIDACY_RELATED,
    describe,
    now_or,
    record_candidacy_step,
    tell_advisors,
    tell_candidate,
    tell_secretaries,
)
from .notice import end_notice_if_due


@transaction.atomic
def candidacy_review(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    opinion: str,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """学工部门与校团委联合审查: politics, studies, conduct and ability."""
    authorize(actor, "selection.review_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    if candidacy.is_presidium and candidacy.state == State.RECOMMENDED:
        raise DomainError(_("主席团候选人须先经院党组织同意，才能联合审查。"), field="state")
    CANDIDACY.require(candidacy, "review")
    text = require_text(opinion, "text", _("联合审查意见"))
    candidacy.state = State.REVIEWED
    save_step(candidacy, "state")
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.REVIEWED,
        action="selection.candidacy.reviewed",
        now=now,
        text=text,
    )
    tell_candidate(candidacy, _("您已通过联合审查（%(d)s）") % {"d": describe(candidacy)})
    tell_secretaries(candidacy, _("%(n)s已通过联合审查") % {"n": candidacy.candidate.real_name})
    return candidacy


@transaction.atomic
def candidacy_decide(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    note: str,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """校党委决定 (presidium candidates), recorded by the advisor."""
    authorize(actor, "selection.decide_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    if not candidacy.is_presidium:
        raise DomainError(_("工作部门人员无需校党委决定，审查后即可公示。"), field="state")
    CANDIDACY.require(candidacy, "decide")
    text = require_text(note, "text", _("校党委决定（会议或文号）"))
    candidacy.state = State.DECIDED
    save_step(candidacy, "state")
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.DECIDED,
        action="selection.candidacy.decided",
        now=now,
        text=text,
    )
    tell_candidate(candidacy, _("校党委已决定您为%(d)s人选，即将公示") % {"d": describe(candidacy)})
    return candidacy


@transaction.atomic
def candidacy_reject(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    reason: str,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """不予任用, with a reason, at any open step."""
    authorize(actor, "selection.reject_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    CANDIDACY.require(candidacy, "reject")
    reject(candidacy, actor, require_text(reason, "text", _("不予任用的理由")), now)
    return candidacy


@transaction.atomic
def candidacy_appoint(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """任命 after a notice that ended without open objections. staff's officer_appoint checks
    the title, the person's eligibility and every limit at this moment."""
    authorize(actor, "selection.appoint_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    _require_notice_over(candidacy, actor, now)
    membership = officer_appoint(
        actor=actor,
        user=candidacy.candidate,
        union=candidacy.union,
        position=candidacy.position,
        department=candidacy.department,
        start=now.astimezone(local_zone()).date(),
    )
    candidacy.state, candidacy.membership, candidacy.closed_at = State.APPOINTED, membership, now
    save_step(candidacy, "state", "membership", "closed_at")
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.APPOINTED,
        action="selection.candidacy.appointed",
        now=now,
        data={"membership": membership.pk},
    )
    title = _("%(n)s已任命为%(d)s") % {"n": candidacy.candidate.real_name, "d": describe(candidacy)}
    tell_secretaries(candidacy, title)
    tell_advisors(candidacy, title, skip=actor)
    return candidacy


def _require_notice_over(candidacy: Candidacy, actor: User, now: datetime.datetime) -> None:
    """The notice ended (closing it now if its end has passed) with no open objection."""
    if candidacy.state == State.PAUSED:
        raise DomainError(_("公示因异议暂停，须先处理异议。"), field="state")
    CANDIDACY.require(candidacy, "appoint")
    end_notice_if_due(candidacy, actor, now)
    if candidacy.state == State.NOTICE and candidacy.notice_ends_at is not None:
        ends = candidacy.notice_ends_at.astimezone(local_zone())
        raise DomainError(
            _("公示期至 %(t)s 结束，期满后才能任命。") % {"t": ends.strftime("%Y-%m-%d %H:%M")},
            field="state",
        )
    require_state(candidacy, [State.NOTICE_ENDED], action=_("任命"), attr="state")
