"""The demo province in the database, at a tiny scale."""

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count, F
from django.test import Client

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.assessment.models import Round, RoundClock, RoundStatus
from tongxin.audit.models import AuditEvent
from tongxin.audit.services import verify_chains
from tongxin.demo.build import PASSWORD, DemoRefused, build_demo
from tongxin.demo.naming import ELIGIBLE_STATUSES
from tongxin.notifications.models import Notification
from tongxin.orgs.models import Node, NodeKind
from tongxin.testing.clock import SHANGHAI, moment
from tongxin.testing.province import build_tiny_province

TINY: dict[str, Any] = {"cities": 2, "schools": 3, "students": 60}
CATALOGUE_ROLES = [
    Role.STUDENT,
    Role.OFFICER,
    Role.COLLEGE_SECRETARY,
    Role.OFFICE_HANDLER,
    Role.ADVISOR,
    Role.FEDERATION_STAFF,
    Role.COUNTY_SPECIALIST,
    Role.FEDERATION_ADMIN,
]

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Everything a person would see, without database ids."""
    return {
        "nodes": list(
            Node.objects.order_by("pk").values_list(
                "kind", "name", "code", "depth", "school__code", "parent__name", "student_count"
            )
        ),
        "users": list(
            User.objects.filter(is_system=False)
            .order_by("pk")
            .values_list(
                "username", "real_name", "number", "major", "klass__name", "political_status"
            )
        ),
        "memberships": list(
            Membership.objects.order_by("pk").values_list(
                "user__username", "node__name", "role", "position", "start", "end", "end_reason"
            )
        ),
    }


def _build_and_forget(seed: int) -> dict[str, list[tuple[Any, ...]]]:
    with transaction.atomic():
        build_demo(seed=seed, **TINY)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_same_seed_builds_the_same_province_twice():
    first = _build_and_forget(11)
    assert not Node.objects.exists()
    second = _build_and_forget(11)
    assert first == second
    assert first["users"] != _build_and_forget(12)["users"]


def test_build_produces_the_tiny_province():
    result = build_demo(**TINY)
    assert result.created
    province = Node.objects.get(kind=NodeKind.PROVINCE)
    assert province.is_demo
    assert Node.objects.filter(kind=NodeKind.CITY).count() == 2
    assert list(Node.objects.filter(kind=NodeKind.SCHOOL).values_list("code", flat=True)) == [
        "YS001",
        "YS002",
        "YS003",
    ]
    assert Membership.objects.active().filter(role=Role.STUDENT).count() == 60
    assert result.counts["students"] == 60


def test_second_build_builds_nothing_and_returns_the_same_logins():
    first = build_demo(**TINY)
    counts = (Node.objects.count(), User.objects.count(), Membership.objects.count())
    again = build_demo(seed=99, **TINY)
    assert not again.created
    assert (Node.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert again.logins == first.logins
    assert again.seed == first.seed and again.counts == first.counts


def test_a_database_with_a_real_province_is_refused():
    build_tiny_province()
    nodes = Node.objects.count()
    with pytest.raises(DemoRefused, match="非演示的省学联"):
        build_demo(**TINY)
    assert Node.objects.count() == nodes


def test_tree_paths_and_schools_are_consistent():
    build_demo(**TINY)
    for node in Node.objects.select_related("parent"):
        parent_path = node.parent.path if node.parent else ""
        assert node.path == f"{parent_path}{node.pk}/"
    in_schools = Membership.objects.filter(node__school__isnull=False)
    assert not in_schools.exclude(school_id=F("node__school_id")).exists()
    assert not Membership.objects.filter(node__school__isnull=True, school__isnull=False).exists()
    students = User.objects.filter(memberships__role=Role.STUDENT)
    assert not students.exclude(klass__parent=F("college")).exists()
    assert not students.exclude(college__school=F("school")).exists()


def test_union_limits_and_officer_eligibility_hold():
    build_demo(cities=2, schools=4, students=900)
    officers = Membership.objects.active().filter(role=Role.OFFICER)
    school_level = officers.filter(
        node__kind__in=[NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION]
    ).values("node")
    assert max(row["n"] for row in school_level.annotate(n=Count("pk"))) <= 40
    presidium = school_level.filter(position__in=PRESIDIUM_POSITIONS).annotate(n=Count("pk"))
    assert max(row["n"] for row in presidium) <= 5
    assert not officers.exclude(user__political_status__in=ELIGIBLE_STATUSES).exists()
    student_ids = Membership.objects.filter(role=Role.STUDENT).values("user_id")
    assert not officers.exclude(user_id__in=student_ids).exists()
    ended = Membership.objects.filter(role=Role.OFFICER, end__isnull=False)
    assert ended.exists() and set(ended.values_list("end_reason", flat=True)) == {"任期届满"}


def test_all_accounts_share_one_password_hash():
    build_demo(**TINY)
    hashes = User.objects.filter(is_system=False).values("password").distinct()
    assert hashes.count() == 1


def test_one_login_per_role_and_each_can_log_in():
    result = build_demo(**TINY)
    assert [login.role for login in result.logins] == CATALOGUE_ROLES
    for login in result.logins:
        response = Client().post(
            "/accounts/login/",
            {"school_code": login.school_code, "login": login.login, "password": PASSWORD},
        )
        assert response.status_code == 302, login.line()


def test_logins_name_school_code_and_number_or_username():
    logins = {login.role: login for login in build_demo(**TINY).logins}
    assert logins[Role.STUDENT].line().startswith("同学（")
    assert "学校代码 YS001，学号/工号 " in logins[Role.OFFICER].line()
    assert "主席" in logins[Role.OFFICER].label
    assert logins[Role.FEDERATION_STAFF].line().startswith("学联工作人员（")
    assert "用户名 city01" in logins[Role.FEDERATION_STAFF].line()
    assert "用户名 province_admin" in logins[Role.FEDERATION_ADMIN].line()


def test_counties_guide_the_secondary_schools_and_have_one_specialist_each():
    result = build_demo(**TINY)
    counties = Node.objects.filter(kind=NodeKind.COUNTY)
    assert counties.count() == 2 * 2  # two per city
    assert set(counties.values_list("parent__kind", flat=True)) == {NodeKind.CITY}
    in_counties = Node.objects.filter(kind=NodeKind.SCHOOL, parent__kind=NodeKind.COUNTY)
    assert in_counties.exists()
    assert set(in_counties.values_list("school_type", flat=True)) == {"secondary_vocational"}
    specialists = Membership.objects.active().filter(role=Role.COUNTY_SPECIALIST)
    assert sorted(specialists.values_list("node_id", flat=True)) == sorted(
        counties.values_list("pk", flat=True)
    )
    login = next(x for x in result.logins if x.role == Role.COUNTY_SPECIALIST)
    assert login.line().startswith("学生会组织工作专员（") and "用户名 county" in login.line()
    county = Membership.objects.get(user_id=login.user_id).node
    assert in_counties.filter(parent=county).exists()


def test_demo_banner_shows_on_the_login_page():
    build_demo(**TINY)
    assert 'data-testid="demo-banner"' in Client().get("/accounts/login/").text


def test_build_is_one_audit_event_on_the_federation_chain():
    result = build_demo(**TINY)
    event = AuditEvent.objects.get(action="demo.province.generated")
    assert event.chain.key == "federation"
    assert event.data["students"] == 60 and event.data["seed"] == result.seed
    assert verify_chains()[1] == []


def test_each_persona_has_a_few_notifications():
    result = build_demo(**TINY)
    for login in result.logins:
        # the welcome and role notices, plus what the first school's open assessment round,
        # selection stories and printed logins' rights stories sent through the real services
        # (the officer's union gets every scripted issue's news); the bulk year sends none
        assert 2 <= Notification.objects.filter(recipient_id=login.user_id).count() <= 50
    assert Notification.objects.filter(read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.time_machine(moment("2026-12-07", 10))
def test_built_for_another_day_the_open_round_and_its_clock_date_from_that_day():
    build_demo(**(TINY | {"today": datetime.date(2026, 11, 27)}))
    round_ = Round.objects.get(status=RoundStatus.OPEN)
    noon = datetime.datetime(2026, 11, 27, 12, tzinfo=SHANGHAI)
    assert round_.opened_at == noon and round_.deadline == datetime.date(2026, 12, 11)
    assert RoundClock.objects.get(round=round_, stopped_at__isnull=True).started_at == noon
    assert AuditEvent.objects.get(action="assessment.round.opened").created_at == noon
