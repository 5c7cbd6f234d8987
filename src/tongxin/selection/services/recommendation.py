"""The college League organisation's steps.

candidacy_recommend ──► recommended ──consent (presidium only)──► college consented
recommended | college consented ──withdraw──► withdrawn (with a reason)
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tongxin.accounts.models import (
    PRESIDIUM_POSITIONS,
    UNION_POSITIONS,
    Membership,
    Role,
    StudentLevel,
    User,
)
from tongxin.accounts.roles import STUDENT_ROLES
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind
from tongxin.staff.eligibility import eligibility_of
from tongxin.staff.models import Department
from tongxin.workflow.steps import lock, require_text, save_step

from ..machine import CANDIDACY
from ..models import OPEN_STATES, Candidacy, State, Step
from .common import (
    CANDIDACY_RELATED,
    describe,
    now_or,
    record_candidacy_step,
    tell_advisors,
    tell_candidate,
)


def _check_student(candidate: User) -> None:
    studying = Membership.objects.active().filter(user=candidate, role__in=STUDENT_ROLES)
    if candidate.school_id is None or candidate.college_id is None or not studying.exists():
        raise DomainError(_("只能推荐本院在读学生。"), field="candidate")


def _check_union(candidate: User, union: Node) -> None:
    if union.kind not in UNION_KINDS or union.school_id != candidate.school_id:
        raise DomainError(_("请选择本校的学生会、研究生会或本院学生会。"), field="union")
    if union.kind == NodeKind.COLLEGE_UNION and union.parent_id != candidate.college_id:
        raise DomainError(_("院学生会只能推荐本院学生。"), field="union")
    if union.kind == NodeKind.GRADUATE_UNION and candidate.level != StudentLevel.GRADUATE:
        raise DomainError(_("研究生会的候选人须为研究生。"), field="union")


def _check_position(union: Node, position: str, department: Department | None) -> None:
    if position not in UNION_POSITIONS:
        raise DomainError(
            _("拟任职务只能是主席、副主席（或轮值执行主席）、部长、副部长、干事。"),
            field="position",
        )
    if position in PRESIDIUM_POSITIONS and department is not None:
        raise DomainError(_("主席团成员不属于工作部门，请不要选择部门。"), field="department")
    if position not in PRESIDIUM_POSITIONS and (
        department is None or department.union_id != union.pk or not department.is_active
    ):
        raise DomainError(_("部长、副部长和干事须选择该会在设的工作部门。"), field="department")


def _check_person(candidate: User, union: Node) -> None:
    eligibility = eligibility_of(candidate)
    if not eligibility.meets:
        reasons = "；".join(c.public_text for c in eligibility.failed)
        raise DomainError(
            _("%(n)s不符合任职资格：%(r)s。") % {"n": candidate.real_name, "r": reasons},
            field="candidate",
        )
    serving = Membership.objects.active().filter(user=candidate, node=union, role=Role.OFFICER)
    if serving.exists():
        raise DomainError(_("%(n)s已在该会任职。") % {"n": candidate.real_name}, field="candidate")
    if Candidacy.objects.filter(candidate=candidate, union=union, state__in=OPEN_STATES).exists():
        raise DomainError(
            _("%(n)s已是该会的候选人，选拔尚未结束。") % {"n": candidate.real_name},
            field="candidate",
        )


def _create(
    actor: User,
    candidate: User,
    union: Node,
    position: str,
    department: Department | None,
    text: str,
    now: datetime.datetime,
) -> Candidacy:
    school_id, college_id = candidate.school_id, candidate.college_id
    assert school_id is not None and college_id is not None  # _check_student
    return Candidacy.objects.create(
        school_id=school_id,
        college_id=college_id,
        union=union,
        candidate=candidate,
        position=position,
        department=department,
        recommended_by=actor,
        recommendation=text,
        created_at=now,
    )


@transaction.atomic
def candidacy_recommend(
    *,
    actor: User,
    candidate: User,
    union: Node,
    position: str,
    department: Department | None,
    recommendation: str,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """推荐: the league secretary of the candidate's college proposes an eligible student."""
    authorize(actor, "selection.recommend_candidate", candidate)
    now = now_or(now)
    text = require_text(recommendation, "recommendation", _("推荐意见"))
    _check_student(candidate)
    _check_union(candidate, union)
    _check_position(union, position, department)
    _check_person(candidate, union)
    candidacy = _create(actor, candidate, union, position, department, text, now)
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.RECOMMENDED,
        action="selection.candidacy.recommended",
        now=now,
        text=text,
        data={"candidate": candidate.pk, "union": union.pk, "position": position},
    )
    tell_candidate(candidacy, _("您已被推荐为%(d)s候选人") % {"d": describe(candidacy)})
    if not candidacy.is_presidium:
        tell_advisors(
            candidacy,
            _("待联合审查：%(n)s（%(d)s）") % {"n": candidate.real_name, "d": describe(candidacy)},
        )
    return candidacy


@transaction.atomic
def candidacy_consent(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    note: str,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """院党组织同意 (presidium candidates), recorded by the college league secretary."""
    authorize(actor, "selection.consent_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    if not candidacy.is_presidium:
        raise DomainError(_("工作部门人员无需院党组织同意，请等待联合审查。"), field="state")
    CANDIDACY.require(candidacy, "consent")
    text = require_text(note, "text", _("院党组织意见（会议或文号）"))
    candidacy.state = State.COLLEGE_CONSENTED
    save_step(candidacy, "state")
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.CONSENTED,
        action="selection.candidacy.consented",
        now=now,
        text=text,
    )
    tell_advisors(
        candidacy,
        _("待联合审查：%(n)s（%(d)s）")
        % {"n": candidacy.candidate.real_name, "d": describe(candidacy)},
    )
    tell_candidate(candidacy, _("院党组织已同意推荐您为%(d)s候选人") % {"d": describe(candidacy)})
    return candidacy


@transaction.atomic
def candidacy_withdraw(
    *,
    actor: User,
    candidacy: Candidacy,
    expected_version: int,
    reason: str,
    now: datetime.datetime | None = None,
) -> Candidacy:
    """The college takes its recommendation back before the school's review."""
    authorize(actor, "selection.withdraw_candidacy", candidacy)
    now = now_or(now)
    candidacy = lock(candidacy, expected_version, related=CANDIDACY_RELATED)
    CANDIDACY.require(candidacy, "withdraw")
    candidacy.closing_reason = require_text(reason, "text", _("撤回理由"))
    candidacy.state, candidacy.closed_at = State.WITHDRAWN, now
    save_step(candidacy, "state", "closing_reason", "closed_at")
    record_candidacy_step(
        actor,
        candidacy,
        kind=Step.WITHDRAWN,
        action="selection.candidacy.withdrawn",
        now=now,
        text=candidacy.closing_reason,
    )
    tell_candidate(
        candidacy,
        _("学院已撤回对您的推荐（%(d)s）") % {"d": describe(candidacy)},
        candidacy.closing_reason,
    )
    return candidacy
