"""One login per role of the catalogue, chosen the same way on every run: in the first
school (YS001) and its city, the lowest number wins; the county specialist is the first
one whose county guides a school."""

from dataclasses import dataclass

from django.db.models import QuerySet

from tongxin.accounts.models import Membership, Position, Role
from tongxin.orgs.models import Node, NodeKind, OfficeKind


@dataclass(frozen=True)
class DemoLogin:
    role: str
    label: str  # the role in Chinese, with where it is held
    user_id: int
    real_name: str
    school_id: int | None
    school_code: str  # empty for federation staff
    login: str  # the student/staff number, or the username of federation staff

    def line(self) -> str:
        if self.school_code:
            where = f"学校代码 {self.school_code}，学号/工号 {self.login}"
        else:
            where = f"用户名 {self.login}"
        return f"{self.label}：{where}（{self.real_name}）"


def demo_province() -> Node | None:
    return Node.objects.filter(kind=NodeKind.PROVINCE, is_demo=True).order_by("pk").first()


def first_school(province: Node) -> Node | None:
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path)
    return schools.order_by("code").first()


def _plain_students(school: Node) -> QuerySet[Membership]:
    """Active students who hold nothing else, now or in the past; first-years first."""
    others = Membership.objects.filter(school=school).exclude(role=Role.STUDENT)
    return (
        Membership.objects.active()
        .filter(school=school, role=Role.STUDENT)
        .exclude(user_id__in=others.values("user_id"))
        .order_by("-user__enrolment_year", "user__number")
    )


def _choices(province: Node, school: Node) -> list[QuerySet[Membership]]:
    active = Membership.objects.active()
    return [
        _plain_students(school),
        active.filter(
            school=school,
            role=Role.OFFICER,
            node__kind=NodeKind.SCHOOL_UNION,
            position=Position.PRESIDENT,
        ),
        active.filter(school=school, role=Role.COLLEGE_SECRETARY),
        active.filter(
            school=school,
            role=Role.OFFICE_HANDLER,
            node__office_kind=OfficeKind.LOGISTICS,
            position=Position.OFFICE_HEAD,
        ),
        active.filter(node=school, role=Role.ADVISOR),
        active.filter(node_id=school.city_pk or 0, role=Role.FEDERATION_STAFF),
        # The first county (by username) that guides a school.
        active.filter(
            node__path__startswith=province.path,
            node__children__kind=NodeKind.SCHOOL,
            role=Role.COUNTY_SPECIALIST,
        ).order_by("user__username"),
        active.filter(node=province, role=Role.FEDERATION_ADMIN),
    ]


def _login(membership: Membership) -> DemoLogin:
    """Labelled with where the role is held, e.g. 学生会工作人员（东江大学学生会主席）."""
    user = membership.user
    where = f"{membership.node.name}{membership.get_position_display()}"
    return DemoLogin(
        role=membership.role,
        label=f"{Role(membership.role).label}（{where}）",
        user_id=user.pk,
        real_name=user.real_name,
        school_id=user.school_id,
        school_code=user.school.code if user.school else "",
        login=user.number if user.school else user.username,
    )


def demo_logins(province: Node) -> list[DemoLogin]:
    """Student, union officer, college league secretary, office handler, league advisor,
    city federation staff, county specialist, province federation admin — in that order."""
    school = first_school(province)
    if school is None:
        return []
    logins = []
    for queryset in _choices(province, school):
        if not queryset.ordered:
            queryset = queryset.order_by("user__number", "user__username", "pk")
        membership = queryset.select_related("user__school", "node").first()
        if membership is not None:
            logins.append(_login(membership))
    return logins


def login_lines(logins: list[DemoLogin], password: str) -> list[str]:
    """What `tongxin demo` prints, and `tongxin serve` again once it is ready."""
    return [
        f"所有演示账号的密码：{password}",
        "各角色的登录账号（学校人员填学校代码和学号/工号，学联工作人员只填用户名）：",
        *(f"  {login.line()}" for login in logins),
    ]
