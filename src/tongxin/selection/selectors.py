"""Reads of selection, scoped to the viewer in SQL (the same reach as rules.py)."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.accounts.reach import node_scope
from tongxin.accounts.roles import STUDENT_ROLES, node_ids_where, school_ids_where
from tongxin.orgs.models import Node, NodeKind
from tongxin.staff.models import Department

from .models import (
    UNDER_NOTICE,
    Candidacy,
    CandidacyEvent,
    Objection,
    ObjectionStatus,
    SelectionSettings,
    State,
)

RELATED = ("candidate", "college", "union", "department", "school")


def candidacy_scope(actor: Any) -> Q:
    """Every candidacy the actor may open (selection.view_candidacy as a filter)."""
    if actor is None or not actor.is_authenticated:
        return Q(pk__in=[])
    return (
        Q(candidate_id=actor.pk)
        | node_scope(actor, field="college__", roles=[Role.COLLEGE_SECRETARY])
        | node_scope(actor, field="school__", roles=[Role.ADVISOR])
    )


def candidacy_list_for(*, actor: Any, state: str = "") -> QuerySet[Candidacy]:
    qs = Candidacy.objects.filter(candidacy_scope(actor))
    if state:
        qs = qs.filter(state=state)
    return qs.select_related(*RELATED).order_by("-id")


def candidacy_get_for(*, actor: Any, pk: int) -> Candidacy:
    """One candidacy, or Candidacy.DoesNotExist when missing *or* out of reach (404)."""
    return candidacy_list_for(actor=actor).get(pk=pk)


def college_candidacies_for(*, actor: Any) -> QuerySet[Candidacy]:
    """The candidacies of the colleges where the actor is league secretary."""
    scope = node_scope(actor, field="college__", roles=[Role.COLLEGE_SECRETARY])
    return Candidacy.objects.filter(scope).select_related(*RELATED).order_by("-id")


def state_counts_for(*, actor: Any) -> dict[str, int]:
    rows = (
        Candidacy.objects.filter(candidacy_scope(actor))
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return dict(rows)


def notice_list_for(*, actor: Any) -> QuerySet[Candidacy]:
    """公示: the candidates under notice in the schools the viewer belongs to."""
    return (
        Candidacy.objects.filter(school_id__in=school_ids_where(actor), state__in=UNDER_NOTICE)
        .select_related("candidate", "college", "union", "department")
        .order_by("notice_started_at", "id")
    )


def notice_candidacy_get_for(*, actor: Any, pk: int) -> Candidacy:
    """A candidacy under notice in the viewer's school, or Candidacy.DoesNotExist."""
    return notice_list_for(actor=actor).select_related("school").get(pk=pk)


def my_candidacies(*, actor: Any) -> QuerySet[Candidacy]:
    return Candidacy.objects.filter(candidate_id=actor.pk).select_related(*RELATED).order_by("-id")


def timeline_for(candidacy: Candidacy) -> QuerySet[CandidacyEvent]:
    return CandidacyEvent.objects.filter(candidacy=candidacy).order_by("created_at", "id")


def objections_of(candidacy: Candidacy) -> QuerySet[Objection]:
    return Objection.objects.filter(candidacy=candidacy).select_related("author").order_by("id")


def open_objection_get(candidacy: Candidacy, pk: int | None) -> Objection | None:
    if pk is None:
        return None
    return Objection.objects.filter(candidacy=candidacy, pk=pk, status=ObjectionStatus.OPEN).first()


def college_student_find(*, actor: Any, number: str) -> User | None:
    """A student (or officer) of one of the actor's colleges, by student number."""
    colleges = node_ids_where(actor, Role.COLLEGE_SECRETARY)
    number = (number or "").strip()
    if not colleges or not number:
        return None
    schools = school_ids_where(actor, Role.COLLEGE_SECRETARY)
    studying = (
        Membership.objects.active()
        .filter(school_id__in=schools, role__in=STUDENT_ROLES, user__number=number)
        .values("user_id")
    )
    return (
        User.objects.filter(
            number=number,
            school_id__in=schools,
            college_id__in=colleges,
            pk__in=studying,
        )
        .select_related("school", "college")
        .first()
    )


def target_unions_for(*, actor: Any) -> list[Node]:
    """Unions a college secretary may recommend to: the school's school and graduate unions
    and their own college's union."""
    schools = school_ids_where(actor, Role.COLLEGE_SECRETARY)
    colleges = node_ids_where(actor, Role.COLLEGE_SECRETARY)
    return list(
        Node.objects.filter(
            Q(school_id__in=schools, kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION])
            | Q(parent_id__in=colleges, kind=NodeKind.COLLEGE_UNION)
        ).order_by("path")
    )


def departments_of(union_ids: list[int]) -> QuerySet[Department]:
    return Department.objects.filter(union_id__in=union_ids, is_active=True).order_by(
        "union_id", "name"
    )


def union_of_school_get(school_id: int | None, pk: int | None) -> Node | None:
    if school_id is None or pk is None:
        return None
    return Node.objects.filter(pk=pk, school_id=school_id).first()


def department_get(pk: int | None) -> Department | None:
    return Department.objects.filter(pk=pk).first() if pk else None


def settings_for(school_id: int) -> SelectionSettings:
    found = SelectionSettings.objects.filter(school_id=school_id).first()
    return found if found is not None else SelectionSettings(school_id=school_id)


def advisors_of(school_id: int) -> list[User]:
    members = Membership.objects.active().filter(node_id=school_id, role=Role.ADVISOR)
    return [m.user for m in members.select_related("user")]


def secretaries_of(college_id: int) -> list[User]:
    members = Membership.objects.active().filter(node_id=college_id, role=Role.COLLEGE_SECRETARY)
    return [m.user for m in members.select_related("user")]


def objections_by(*, actor: Any) -> QuerySet[Objection]:
    """The objections the viewer lodged, with their answers (the notice page)."""
    return (
        Objection.objects.filter(author_id=actor.pk)
        .select_related("candidacy__candidate", "candidacy__union")
        .order_by("-id")
    )


# --- the to-do list (待办, see todo.py) ---------------------------------------------------
def awaiting_consent(*, actor: Any) -> QuerySet[Candidacy]:
    """Presidium candidacies of the actor's colleges waiting for the college's consent."""
    return (
        Candidacy.objects.filter(
            node_scope(actor, field="college__", roles=[Role.COLLEGE_SECRETARY]),
            state=State.RECOMMENDED,
            position__in=PRESIDIUM_POSITIONS,
        )
        .select_related("candidate")
        .order_by("id")
    )


def awaiting_school(*, actor: Any) -> QuerySet[Candidacy]:
    """Candidacies of the actor's schools waiting for the advisor: the joint review (after
    the college's consent, or at once for department posts), the decision, standing for
    the congress's election, the notice of the elected, the appointment."""
    review = Q(state=State.COLLEGE_CONSENTED) | (
        Q(state=State.RECOMMENDED) & ~Q(position__in=PRESIDIUM_POSITIONS)
    )
    return (
        Candidacy.objects.filter(node_scope(actor, field="school__", roles=[Role.ADVISOR]))
        .filter(
            review | Q(state__in=[State.REVIEWED, State.DECIDED, State.ELECTED, State.NOTICE_ENDED])
        )
        .select_related("candidate")
        .order_by("id")
    )
