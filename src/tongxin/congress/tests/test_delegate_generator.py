"""The demo's delegates: YS001's school union holds its session with confirmed delegates,
the printed student among them; a college union's list is under public notice."""

import pytest
from django.utils import timezone

from tongxin.accounts.models import Role, User
from tongxin.congress.delegate_selectors import delegacies_of
from tongxin.congress.generator.delegates import session_for
from tongxin.congress.models import DelegateList, DelegateListState, SessionState
from tongxin.demo.build import build_demo
from tongxin.orgs.models import NodeKind

pytestmark = pytest.mark.django_db


def test_the_demo_writes_confirmed_delegates_and_a_list_under_notice():
    result = build_demo(cities=2, schools=3, students=120, issues=0)
    assert result.counts["delegate_lists"] >= 2
    student_login = next(login for login in result.logins if login.role == Role.STUDENT)
    student = User.objects.get(
        username=User.school_username(student_login.school_code, student_login.login)
    )
    school_list = DelegateList.objects.get(school__code="YS001", union__kind=NodeKind.SCHOOL_UNION)
    assert school_list.state == DelegateListState.CONFIRMED
    assert school_list.session.state == SessionState.HELD
    assert school_list.members.filter(user=student).exists()
    assert [d.delegate_list_id for d in delegacies_of(student, timezone.localdate())] == [
        school_list.pk
    ]
    officers = school_list.members.filter(is_officer=True).count()
    assert officers * 100 <= 40 * school_list.members.count()
    college_list = DelegateList.objects.get(
        school__code="YS001", union__kind=NodeKind.COLLEGE_UNION, state=DelegateListState.NOTICE
    )
    assert college_list.members.count() == sum(q.seats for q in college_list.quotas.all())


def _write(province):
    from types import SimpleNamespace

    from tongxin.congress.generator.delegates import write_delegates
    from tongxin.demo.clock import build_day

    login = SimpleNamespace(role=Role.STUDENT, login="2024001", school_code="TA01")
    return write_delegates(province.province, build_day(), [login])


def test_the_sessions_part_held_session_is_reused_and_stays_held(province):
    from .delegate_world import add_students

    add_students(province, 1, 10, 3001000)
    add_students(province, 2, 5, 3002000)
    held = session_for(
        province.union_a, SessionState.HELD, creator=province.advisor_a, on=timezone.localdate()
    )
    assert _write(province) == {"delegate_lists": 1}  # no college union has a presidium
    held.refresh_from_db()
    dl = DelegateList.objects.get(session=held)
    assert held.state == SessionState.HELD and dl.state == DelegateListState.CONFIRMED
    assert dl.members.filter(user=province.student_a).exists()


def test_a_union_whose_open_session_is_not_approved_is_left_alone(province):
    applied = session_for(
        province.union_a, SessionState.APPLIED, creator=province.advisor_a, on=timezone.localdate()
    )
    assert _write(province) == {"delegate_lists": 0}
    applied.refresh_from_db()
    assert applied.state == SessionState.APPLIED and not DelegateList.objects.exists()
