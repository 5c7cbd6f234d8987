"""Read queries about people, scoped to the viewer in the database."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from tongxin.orgs.models import Node, NodeKind

from .models import ApiToken, Membership, PasswordReset, Role, User
from .reach import node_scope


def user_list_for(*, actor: Any) -> QuerySet[User]:
    """People the actor may open: a school's advisor sees the school, a college league
    secretary the college. Everyone else gets an empty list."""
    scope = node_scope(actor, field="school__", roles=[Role.ADVISOR]) | node_scope(
        actor, field="college__", roles=[Role.COLLEGE_SECRETARY]
    )
    return User.objects.filter(scope, is_system=False).select_related("school", "college", "klass")


def user_get_for(*, actor: Any, pk: int) -> User:
    """One person, or User.DoesNotExist when missing *or* out of reach (views answer 404)."""
    if actor.pk == pk:
        return User.objects.select_related("school", "college", "klass").get(pk=pk)
    return user_list_for(actor=actor).get(pk=pk)


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("node").order_by("-start", "-id")


def active_members_of(node_ids: list[int], role: str = Role.OFFICER) -> QuerySet[Membership]:
    return (
        Membership.objects.active()
        .filter(node_id__in=node_ids, role=role)
        .select_related("user", "node")
        .order_by("node_id", "position", "user__real_name")
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def password_resets_of(user: User) -> QuerySet[PasswordReset]:
    return PasswordReset.objects.filter(user=user).select_related("by").order_by("-created_at")


def login_name(*, school_code: str, login: str) -> str:
    """The one normal form of what someone typed to log in: the login name that
    authentication, the throttle's counters and the audit lookup all use. School codes are
    matched as stored (typed "ys001" is the school YS001); numbers and usernames are trimmed."""
    code, login = school_code.strip(), login.strip()
    if not code:
        return login
    stored = (
        Node.objects.filter(kind=NodeKind.SCHOOL, code__in={code, code.upper()})
        .values_list("code", flat=True)
        .first()
    )
    return User.school_username(stored or code.upper(), login)


def search_q(term: str) -> Q:
    term = term.strip()
    return Q(real_name__icontains=term) | Q(number__icontains=term) if term else Q()


def user_for_activation(uidb64: str) -> User | None:
    """The person an activation link names (the token itself is checked by the service)."""
    from django.utils.encoding import force_str
    from django.utils.http import urlsafe_base64_decode

    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError):
        return None
    return User.objects.filter(pk=pk, is_system=False).first()


def nodes_by_id(ids: list[int]) -> dict[int, Node]:
    return Node.objects.in_bulk(ids)


def college_home(college: Node) -> dict[str, Any]:
    """A college league secretary's card: classes, students and the college union's staff."""
    unions = Node.objects.filter(parent=college, kind=NodeKind.COLLEGE_UNION)
    return {
        "class_count": Node.objects.filter(parent=college, kind=NodeKind.CLASS).count(),
        "student_count": User.objects.filter(
            college=college, memberships__role=Role.STUDENT
        ).count(),
        "officers": list(active_members_of([u.pk for u in unions])[:60]),
    }


def school_home(school: Node) -> dict[str, Any]:
    """An advisor's card: the school's size and each union's active staff (first 40)."""
    unions = (
        Node.objects.filter(
            school=school,
            kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION],
        )
        .annotate(
            staff=Count(
                "memberships",
                filter=Q(memberships__role=Role.OFFICER, memberships__end__isnull=True),
            )
        )
        .order_by("path")
    )
    return {
        "college_count": Node.objects.filter(school=school, kind=NodeKind.COLLEGE).count(),
        "people_count": User.objects.filter(school=school).count(),
        "unions": list(unions[:40]),
    }
