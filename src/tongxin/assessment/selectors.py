"""Reads of 述职评议, scoped to the viewer in SQL (the same reach as rules.py).

One-object gates (`*_get_for`) raise DoesNotExist for missing and out-of-reach alike.
No read here returns a rater next to what they gave to the rated officer's pages.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from tongxin.accounts.models import Membership, Position, Role, User
from tongxin.accounts.reach import node_scope
from tongxin.orgs.models import UNION_KINDS, Node

from .models import (
    AssessmentPolicy,
    ExitProposal,
    ProposalStatus,
    RatedOfficer,
    Rater,
    Rating,
    Round,
    RoundStatus,
)
from .scoring import Policy

ADVISOR = [Role.ADVISOR]


# --- the advisor ------------------------------------------------------------------------
def round_list_for(*, actor: Any) -> QuerySet[Round]:
    """Rounds of the schools the actor advises (assessment.view_round as a filter)."""
    return (
        Round.objects.filter(node_scope(actor, field="school__", roles=ADVISOR))
        .select_related("union", "school")
        .order_by("-term", "union__path")
    )


def round_get_for(*, actor: Any, pk: int) -> Round:
    return round_list_for(actor=actor).get(pk=pk)


def union_list_for(*, actor: Any) -> QuerySet[Node]:
    """Unions whose rounds the actor may open (assessment.open_round as a filter)."""
    return (
        Node.objects.filter(node_scope(actor, roles=ADVISOR), kind__in=UNION_KINDS)
        .select_related("school")
        .order_by("school__code", "path")
    )


def union_get_for(*, actor: Any, pk: int) -> Node:
    return union_list_for(actor=actor).get(pk=pk)


RANK: dict[str, int] = {
    p.value: i
    for i, p in enumerate(
        [
            Position.PRESIDENT,
            Position.EXECUTIVE_PRESIDENT,
            Position.VICE_PRESIDENT,
            Position.MINISTER,
            Position.VICE_MINISTER,
            Position.MEMBER,
        ]
    )
}


def _by_rank(position: str, number: str) -> tuple[int, str]:
    return RANK.get(position, len(RANK)), number


def officers_of(union: Node) -> list[Membership]:
    """The union's active officers, presidium first (a union has a few dozen at most)."""
    rows = Membership.objects.active().filter(node=union, role=Role.OFFICER).select_related("user")
    return sorted(rows, key=lambda m: _by_rank(m.position, m.user.number))


def teachers_of(school: Node) -> list[User]:
    """League teachers of the school: its advisors and its college league secretaries."""
    ids = (
        Membership.objects.active()
        .filter(school=school, role__in=[Role.ADVISOR, Role.COLLEGE_SECRETARY])
        .values("user_id")
    )
    return list(User.objects.filter(pk__in=ids).order_by("number"))


def students_by_number(school: Node, numbers: Iterable[str]) -> dict[str, User]:
    """Students of the school (an active class membership) among the given numbers."""
    wanted = {n.strip() for n in numbers if n.strip()}
    students = Membership.objects.active().filter(school=school, role=Role.STUDENT)
    users = User.objects.filter(school=school, number__in=wanted, pk__in=students.values("user_id"))
    return {u.number: u for u in users}


def rated_of(round_: Round) -> list[RatedOfficer]:
    """The round's officers with `received`, the number of ratings each has received."""
    rows = (
        RatedOfficer.objects.filter(round=round_)
        .annotate(received=Count("ratings"))
        .select_related("officer", "membership")
    )
    return sorted(rows, key=lambda r: _by_rank(r.membership.position, r.officer.number))


@dataclass(frozen=True)
class RaterRow:
    rater: Rater
    done: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.done >= self.expected


def rater_rows(raters: Iterable[Rater], rated_user_ids: set[int]) -> list[RaterRow]:
    """Per-rater completion for the advisor: how many of their officers they have rated
    (never what they gave). A rater who is also rated has one officer fewer to rate."""
    total = len(rated_user_ids)
    return [
        RaterRow(
            rater=r,
            done=r.done,  # type: ignore[attr-defined]
            expected=total - (1 if r.user_id in rated_user_ids else 0),
        )
        for r in raters
    ]


def raters_of(round_: Round) -> QuerySet[Rater]:
    return (
        Rater.objects.filter(round=round_)
        .select_related("user")
        .annotate(done=Count("ratings"))
        .order_by("group", "user__number")
    )


@dataclass(frozen=True)
class Progress:
    raters: dict[str, int]  # by group
    received: int
    expected: int

    @property
    def rater_total(self) -> int:
        return sum(self.raters.values())


def progress_of(round_: Round, rated_user_ids: set[int]) -> Progress:
    """Ratings received against ratings expected (a rater who is rated skips themselves)."""
    rows = Rater.objects.filter(round=round_).values("group").annotate(n=Count("id"))
    raters = {r["group"]: r["n"] for r in rows}
    self_rated = Rater.objects.filter(round=round_, user_id__in=rated_user_ids).count()
    expected = sum(raters.values()) * len(rated_user_ids) - self_rated
    return Progress(raters, Rating.objects.filter(round=round_).count(), expected)


def proposals_of(round_: Round) -> list[ExitProposal]:
    return list(
        ExitProposal.objects.filter(round=round_)
        .select_related("rated__officer", "decided_by")
        .order_by("status", "rated__officer__number")
    )


def proposal_get_for(*, actor: Any, pk: int) -> ExitProposal:
    return (
        ExitProposal.objects.filter(node_scope(actor, field="school__", roles=ADVISOR))
        .select_related("school", "round", "membership", "rated__officer")
        .get(pk=pk)
    )


def pending_proposal_count(*, actor: Any) -> int:
    return ExitProposal.objects.filter(
        node_scope(actor, field="school__", roles=ADVISOR), status=ProposalStatus.PENDING
    ).count()


# --- raters -----------------------------------------------------------------------------
def _chosen(actor: Any) -> QuerySet[Rater]:
    return Rater.objects.filter(user_id=actor.pk, round_id=OuterRef("round_id"))


def to_rate_for(*, actor: Any) -> QuerySet[RatedOfficer]:
    """Officers the actor was chosen to rate in open rounds, with `rated_by_me`."""
    mine = Rating.objects.filter(rated_id=OuterRef("pk"), rater__user_id=actor.pk)
    return (
        RatedOfficer.objects.filter(Exists(_chosen(actor)), round__status=RoundStatus.OPEN)
        .exclude(officer_id=actor.pk)
        .annotate(rated_by_me=Exists(mine))
        .select_related("officer", "membership", "round__union")
        .order_by("round__deadline", "round_id", "officer__number")
    )


def rated_get_for_rater(*, actor: Any, pk: int) -> RatedOfficer:
    """The one officer the actor may rate: chosen in that round, never themselves."""
    return (
        RatedOfficer.objects.filter(Exists(_chosen(actor)))
        .exclude(officer_id=actor.pk)
        .select_related("officer", "membership", "round__union", "school")
        .get(pk=pk)
    )


def my_rating(*, actor: Any, rated: RatedOfficer) -> Rating | None:
    return Rating.objects.filter(rated=rated, rater__user_id=actor.pk).first()


# --- the rated officer ------------------------------------------------------------------
def my_rounds(*, actor: Any) -> QuerySet[RatedOfficer]:
    return (
        RatedOfficer.objects.filter(officer_id=actor.pk)
        .select_related("round__union", "membership")
        .order_by("-round__term", "-round_id")
    )


def my_round_get_for(*, actor: Any, pk: int) -> RatedOfficer:
    return my_rounds(actor=actor).get(pk=pk)


# --- policy ---------------------------------------------------------------------------
def policy_row_for(academic_year: int) -> AssessmentPolicy | None:
    return (
        AssessmentPolicy.objects.filter(academic_year__lte=academic_year)
        .order_by("-academic_year")
        .first()
    )


def policy_for(academic_year: int) -> Policy:
    """The rule in force for a year: its own row, else the latest earlier one, else defaults."""
    row = policy_row_for(academic_year)
    return Policy.from_model(row if row is not None else AssessmentPolicy())


def policy_rows() -> QuerySet[AssessmentPolicy]:
    return AssessmentPolicy.objects.select_related("updated_by").order_by("-academic_year")


def awaiting_rating(*, actor: Any) -> QuerySet[RatedOfficer]:
    """The officers the actor still has to rate in open rounds (the to-do list, 待办)."""
    mine = Rating.objects.filter(rated_id=OuterRef("pk"), rater__user_id=actor.pk)
    return (
        RatedOfficer.objects.filter(Exists(_chosen(actor)), round__status=RoundStatus.OPEN)
        .exclude(officer_id=actor.pk)
        .exclude(Exists(mine))
        .select_related("officer", "round__union")
        .order_by("round__deadline", "round_id", "officer__number")
    )


def raters_behind_of(round_: Round) -> list[User]:
    """The round's raters who have not rated every officer they should (for a reminder)."""
    rated_ids = set(RatedOfficer.objects.filter(round=round_).values_list("officer_id", flat=True))
    return [row.rater.user for row in rater_rows(raters_of(round_), rated_ids) if not row.complete]


def round_owners_of(round_: Round) -> list[User]:
    """Who answers for a round: the advisor who opened it and the school's advisors now."""
    advisors = Membership.objects.active().filter(node_id=round_.school_id, role=Role.ADVISOR)
    people = {round_.opened_by_id: round_.opened_by}
    people.update((m.user_id, m.user) for m in advisors.select_related("user"))
    return list(people.values())
