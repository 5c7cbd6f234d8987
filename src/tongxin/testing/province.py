"""The tiny test province: two cities, three schools, one persona per role of the
catalogue, plus a sibling school and a sibling college so that every reach rule can be
checked. City 1 also has a county (县（区）团委) guiding a high school of its own.

Built straight through the ORM (test set-up, not a domain change: no audit events).
"""

from dataclasses import dataclass, field
from typing import Any

from tongxin.accounts.models import Membership, PoliticalStatus, Position, Role, StudentLevel, User
from tongxin.orgs.models import Node, NodeKind, OfficeKind, SchoolType
from tongxin.orgs.services import place_node

PASSWORD = "tongxin-test-pw"


def make_node(kind: str, name: str, parent: Node | None, **attrs: Any) -> Node:
    node = Node.objects.create(kind=kind, name=name, parent=parent, path="", **attrs)
    place_node(node)
    node.save(update_fields=["path", "depth", "school"])
    return node


@dataclass
class TinyProvince:
    nodes: dict[str, Node] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    issues: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        nodes = self.__dict__.get("nodes", {})
        people = self.__dict__.get("people", {})
        if name in nodes:
            return nodes[name]
        if name in people:
            return people[name]
        raise AttributeError(name)


def _school(
    p: TinyProvince,
    key: str,
    city: Node,
    code: str,
    name: str,
    colleges: list[str],
    school_type: str = SchoolType.UNDERGRADUATE,
) -> None:
    school = make_node(
        NodeKind.SCHOOL,
        name,
        city,
        code=code,
        school_type=school_type,
        student_count=12000 if school_type == SchoolType.UNDERGRADUATE else 1800,
        campus_count=1,
    )
    p.nodes[f"school_{key}"] = school
    p.nodes[f"union_{key}"] = make_node(NodeKind.SCHOOL_UNION, f"{name}学生会", school)
    if school_type == SchoolType.UNDERGRADUATE:
        graduate_name = f"{name}研究生会"
        p.nodes[f"grad_union_{key}"] = make_node(NodeKind.GRADUATE_UNION, graduate_name, school)
    p.nodes[f"academic_office_{key}"] = make_node(
        NodeKind.OFFICE, "教务处", school, office_kind=OfficeKind.ACADEMIC
    )
    p.nodes[f"logistics_office_{key}"] = make_node(
        NodeKind.OFFICE, "后勤处", school, office_kind=OfficeKind.LOGISTICS
    )
    for index, college_name in enumerate(colleges, start=1):
        college = make_node(NodeKind.COLLEGE, college_name, school)
        p.nodes[f"college_{key}{index}"] = college
        p.nodes[f"college_union_{key}{index}"] = make_node(
            NodeKind.COLLEGE_UNION, f"{college_name}学生会", college
        )
        p.nodes[f"class_{key}{index}"] = make_node(
            NodeKind.CLASS, f"{college_name}2024级1班", college
        )


def _person(
    p: TinyProvince,
    key: str,
    *,
    school: Node | None,
    number: str,
    name: str,
    role: str,
    node: Node,
    position: str = "",
    **attrs: Any,
) -> User:
    username = User.school_username(school.code, number) if school else number
    user = User.objects.create_user(
        username, PASSWORD, real_name=name, school=school, number=number if school else "", **attrs
    )
    Membership.objects.create(
        user=user, node=node, school_id=node.school_id, role=role, position=position
    )
    p.people[key] = user
    return user


def _student(
    p: TinyProvince, key: str, school_key: str, college_index: int, number: str, name: str
) -> User:
    school = p.nodes[f"school_{school_key}"]
    klass = p.nodes[f"class_{school_key}{college_index}"]
    return _person(
        p,
        key,
        school=school,
        number=number,
        name=name,
        role=Role.STUDENT,
        node=klass,
        college=p.nodes[f"college_{school_key}{college_index}"],
        klass=klass,
        major="软件工程",
        enrolment_year=2024,
        level=StudentLevel.UNDERGRADUATE,
        political_status=PoliticalStatus.LEAGUE_MEMBER,
        phone="13800001234",
    )


def build_tiny_province() -> TinyProvince:
    p = TinyProvince()
    province = make_node(NodeKind.PROVINCE, "测试省学联", None)
    p.nodes["province"] = province
    p.nodes["city_1"] = make_node(NodeKind.CITY, "一市学联", province)
    p.nodes["city_2"] = make_node(NodeKind.CITY, "二市学联", province)
    _school(p, "a", p.city_1, "TA01", "甲大学", ["计算机学院", "文学院"])
    _school(p, "b", p.city_2, "TB01", "乙学院", ["机械学院"])
    p.nodes["county_1"] = make_node(NodeKind.COUNTY, "一市城关区团委", p.city_1)
    _school(p, "c", p.county_1, "TC01", "城关高级中学", ["高一年级"], SchoolType.GENERAL_HIGH)

    _student(p, "student_a", "a", 1, "2024001", "张同学")
    _student(p, "student_a2", "a", 2, "2024002", "李同学")
    _student(p, "student_b", "b", 1, "2024001", "王同学")
    _student(p, "student_c", "c", 1, "2024001", "刘同学")
    for key, s, node_key, number, name, position in [
        ("officer_a", "a", "union_a", "2022001", "赵主席", Position.PRESIDENT),
        ("college_officer_a1", "a", "college_union_a1", "2022002", "钱部长", Position.MINISTER),
        ("college_officer_a2", "a", "college_union_a2", "2022003", "孙部长", Position.MINISTER),
        ("officer_b", "b", "union_b", "2022001", "周主席", Position.PRESIDENT),
    ]:
        college_index = 2 if key.endswith("a2") else 1
        _person(
            p,
            key,
            school=p.nodes[f"school_{s}"],
            number=number,
            name=name,
            role=Role.OFFICER,
            node=p.nodes[node_key],
            position=position,
            college=p.nodes[f"college_{s}{college_index}"],
            klass=p.nodes[f"class_{s}{college_index}"],
            level=StudentLevel.UNDERGRADUATE,
            political_status=PoliticalStatus.LEAGUE_MEMBER,
            phone="13900005678",
        )
    _person(
        p,
        "secretary_a1",
        school=p.school_a,
        number="T1001",
        name="吴书记",
        role=Role.COLLEGE_SECRETARY,
        node=p.college_a1,
    )
    _person(
        p,
        "secretary_a2",
        school=p.school_a,
        number="T1002",
        name="郑书记",
        role=Role.COLLEGE_SECRETARY,
        node=p.college_a2,
    )
    _person(
        p,
        "handler_a",
        school=p.school_a,
        number="T2001",
        name="冯老师",
        role=Role.OFFICE_HANDLER,
        node=p.logistics_office_a,
    )
    _person(
        p,
        "office_head_a",
        school=p.school_a,
        number="T2002",
        name="陈处长",
        role=Role.OFFICE_HANDLER,
        node=p.logistics_office_a,
        position=Position.OFFICE_HEAD,
    )
    _person(
        p,
        "advisor_a",
        school=p.school_a,
        number="T3001",
        name="褚老师",
        role=Role.ADVISOR,
        node=p.school_a,
        phone="13700009999",
    )
    _person(
        p,
        "advisor_b",
        school=p.school_b,
        number="T3001",
        name="卫老师",
        role=Role.ADVISOR,
        node=p.school_b,
    )
    _person(
        p,
        "city_staff_1",
        school=None,
        number="city1",
        name="蒋干事",
        role=Role.FEDERATION_STAFF,
        node=p.city_1,
    )
    _person(
        p,
        "city_staff_2",
        school=None,
        number="city2",
        name="沈干事",
        role=Role.FEDERATION_STAFF,
        node=p.city_2,
    )
    _person(
        p,
        "county_specialist",
        school=None,
        number="county1",
        name="邓专员",
        role=Role.COUNTY_SPECIALIST,
        node=p.county_1,
    )
    _person(
        p,
        "province_staff",
        school=None,
        number="prov",
        name="韩干事",
        role=Role.FEDERATION_STAFF,
        node=province,
    )
    _person(
        p,
        "province_admin",
        school=None,
        number="admin",
        name="杨管理员",
        role=Role.FEDERATION_ADMIN,
        node=province,
    )
    return p


# One persona per role of the catalogue (DESIGN.md), for matrix tests.
PERSONAS = [
    "student_a",
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "handler_a",
    "advisor_a",
    "city_staff_1",
    "county_specialist",
    "province_staff",
    "province_admin",
]
