"""A round's life, run by the school's league advisor.

    round_open ──► open (reports and ratings until the deadline; its clock reminds, clocks.py)
               ──round_close──► closed: scores and levels computed, 不合格 ──► exit proposal
               ──round_publish──► published: each rated officer reads their own result

The weights and thresholds in force are copied into the round when it opens.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tongxin.accounts.models import Membership, User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import DomainError
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node
from tongxin.workflow.clocks.services import clock_start, clock_stop
from tongxin.workflow.steps import save_step

from .. import selectors
from ..machine import ROUND
from ..models import (
    Dimension,
    Level,
    RatedOfficer,
    Rater,
    RaterGroup,
    Rating,
    Round,
    RoundClock,
    RoundStatus,
)
from ..scoring import Policy, RatingRow, score_officer
from ..terms import academic_year_of_term, is_valid_term, term_label
from .exits import proposals_create


@dataclass(frozen=True)
class RaterChoice:
    """The raters chosen for a round, by group."""

    teachers: Sequence[User] = ()
    delegates: Sequence[User] = ()
    peers: Sequence[User] = ()

    def by_group(self) -> dict[str, Sequence[User]]:
        return {
            RaterGroup.TEACHER: self.teachers,
            RaterGroup.DELEGATE: self.delegates,
            RaterGroup.PEER: self.peers,
        }


def _check_term(union: Node, term: str, deadline: datetime.date) -> None:
    if not is_valid_term(term):
        raise DomainError(_("学期格式应为“2025-2026-1”。"), field="term")
    if deadline < timezone.localdate():
        raise DomainError(_("截止日期不能早于今天。"), field="deadline")
    if Round.objects.filter(union=union, term=term).exists():
        raise DomainError(
            _("%(u)s在%(t)s已有评议轮次。") % {"u": union.name, "t": term_label(term)}, field="term"
        )


def _rated_memberships(union: Node, officers: Sequence[Membership] | None) -> list[Membership]:
    active = {m.pk: m for m in selectors.officers_of(union)}
    if officers is None:
        chosen = list(active.values())
    else:
        strangers = [m for m in officers if m.pk not in active]
        if strangers:
            raise DomainError(
                _("%(n)s不是本会在任工作人员。") % {"n": strangers[0].user.real_name},
                field="officers",
            )
        chosen = [active[m.pk] for m in officers]
    if not chosen:
        raise DomainError(_("请至少选择一位被评议的工作人员。"), field="officers")
    return chosen


def _allowed_ids(union: Node, group: str, users: Sequence[User]) -> set[int]:
    school = union.school
    assert school is not None
    if group == RaterGroup.TEACHER:
        return {u.pk for u in selectors.teachers_of(school)}
    if group == RaterGroup.DELEGATE:
        found = selectors.students_by_number(school, [u.number for u in users])
        return {u.pk for u in found.values()}
    return {m.user_id for m in selectors.officers_of(union)}


NOT_IN_GROUP: dict[str, Any] = {
    RaterGroup.TEACHER: gettext_lazy("%(n)s不是本校团委老师或院团委书记，不能作为团学老师评议。"),
    RaterGroup.DELEGATE: gettext_lazy("%(n)s不是本校在读学生，不能作为学生代表评议。"),
    RaterGroup.PEER: gettext_lazy("%(n)s不是本会在任工作人员，不能作为工作人员互评。"),
}


def _validated_raters(union: Node, raters: RaterChoice) -> list[tuple[str, User]]:
    chosen: list[tuple[str, User]] = []
    seen: set[int] = set()
    for group, users in raters.by_group().items():
        allowed = _allowed_ids(union, group, users) if users else set()
        for user in users:
            if user.pk not in allowed:
                raise DomainError(NOT_IN_GROUP[group] % {"n": user.real_name}, field=group)
            if user.pk in seen:
                raise DomainError(
                    _("%(n)s被选入了两个评议组，每人只能属于一组。") % {"n": user.real_name},
                    field=group,
                )
            seen.add(user.pk)
            chosen.append((group, user))
    if not chosen:
        raise DomainError(_("请至少选择一位评议人。"), field=RaterGroup.TEACHER)
    return chosen


def _add_people(
    round_: Round, memberships: list[Membership], chosen: list[tuple[str, User]]
) -> dict[str, int]:
    """The rated officers and the raters of a new round; returns the raters per group."""
    RatedOfficer.objects.bulk_create(
        RatedOfficer(round=round_, school_id=round_.school_id, membership=m, officer_id=m.user_id)
        for m in memberships
    )
    Rater.objects.bulk_create(
        Rater(round=round_, school_id=round_.school_id, user=u, group=g) for g, u in chosen
    )
    return {g: sum(1 for group, _u in chosen if group == g) for g in RaterGroup.values}


@transaction.atomic
def round_open(
    *,
    actor: User,
    union: Node,
    term: str,
    deadline: datetime.date,
    raters: RaterChoice,
    officers: Sequence[Membership] | None = None,
) -> Round:
    """Open a round: the officers rated (default: every active officer of the union) and
    the raters chosen by group, with the deadline for reports and ratings."""
    authorize(actor, "assessment.open_round", union)
    union = Node.objects.select_for_update(of=("self",)).select_related("school").get(pk=union.pk)
    _check_term(union, term, deadline)
    memberships = _rated_memberships(union, officers)
    chosen = _validated_raters(union, raters)
    policy = selectors.policy_for(academic_year_of_term(term))
    round_ = Round.objects.create(
        school_id=union.school_pk,
        union=union,
        term=term,
        deadline=deadline,
        policy=policy.to_json(),
        opened_by=actor,
    )
    counts = _add_people(round_, memberships, chosen)
    clock_start(round_, "assessment.rating", first=True)  # reminders: assessment/clocks.py
    audit.record(
        actor=actor,
        action="assessment.round.opened",
        target=round_,
        data={"union": union.pk, "term": term, "officers": len(memberships), "raters": counts},
    )
    _announce(round_, memberships, [u for _g, u in chosen])
    return round_


def _announce(round_: Round, memberships: list[Membership], raters: list[User]) -> None:
    title = f"{round_.union.name}{round_.term_label}述职评议"
    due = round_.deadline.isoformat()
    notify(
        recipients=[m.user for m in memberships],
        verb="assessment.round.opened",
        title=_("请提交述职报告：%(t)s") % {"t": title},
        body=_("截止日期 %(d)s。") % {"d": due},
        url=reverse("assessment:my-rounds"),
        school=round_.school,
    )
    notify(
        recipients=raters,
        verb="assessment.round.opened",
        title=_("您被选为评议人：%(t)s") % {"t": title},
        body=_("请在 %(d)s 前完成评分。") % {"d": due},
        url=reverse("assessment:rating-list"),
        school=round_.school,
    )


def _ratings_by_rated(round_: Round) -> dict[int, list[RatingRow]]:
    rows = Rating.objects.filter(round=round_).values("rated_id", "rater__group", *Dimension.values)
    by_rated: dict[int, list[RatingRow]] = defaultdict(list)
    for row in rows:
        scores = {d: int(row[d]) for d in Dimension.values}
        by_rated[row["rated_id"]].append(RatingRow(group=row["rater__group"], scores=scores))
    return by_rated


@transaction.atomic
def round_close(*, actor: User, round_: Round, expected_version: int | None) -> Round:
    """Close the round: no more reports or ratings; every rated officer gets a score and a
    level; each 不合格 opens the exit procedure as a proposal for the advisor to decide."""
    round_ = ROUND.begin(actor=actor, obj=round_, name="close", expected_version=expected_version)
    policy = Policy.from_json(round_.policy)
    by_rated = _ratings_by_rated(round_)
    rated = list(RatedOfficer.objects.filter(round=round_))
    for officer in rated:
        result = score_officer(by_rated.get(officer.pk, []), policy)
        officer.score, officer.level, officer.detail = result.score, result.level, result.detail()
    RatedOfficer.objects.bulk_update(rated, ["score", "level", "detail"])
    failed = [r for r in rated if r.level == Level.FAIL]
    round_.status, round_.closed_at = RoundStatus.CLOSED, timezone.now()
    clock_stop(round_, model=RoundClock, now=round_.closed_at)
    save_step(round_, "status", "closed_at")
    audit.record(
        actor=actor,
        action="assessment.round.closed",
        target=round_,
        data={
            "rated": len(rated),
            "ratings": sum(len(v) for v in by_rated.values()),
            "failed": len(failed),
        },
    )
    proposals_create(actor=actor, round_=round_, failed=failed)
    return round_


@transaction.atomic
def round_publish(*, actor: User, round_: Round, expected_version: int | None) -> Round:
    """Publish the results: each rated officer may now read their own score and level."""
    round_ = ROUND.begin(actor=actor, obj=round_, name="publish", expected_version=expected_version)
    round_.status, round_.published_at = RoundStatus.PUBLISHED, timezone.now()
    save_step(round_, "status", "published_at")
    audit.record(actor=actor, action="assessment.round.published", target=round_)
    officers = User.objects.filter(
        pk__in=RatedOfficer.objects.filter(round=round_).values("officer_id")
    )
    notify(
        recipients=list(officers),
        verb="assessment.round.published",
        title=_("述职评议结果已公布：%(t)s") % {"t": round_.term_label},
        url=reverse("assessment:my-rounds"),
        school=round_.school,
    )
    return round_
