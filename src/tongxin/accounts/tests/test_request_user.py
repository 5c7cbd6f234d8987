"""The request's user in one prepared statement (request_user.py) against the ORM's
definitions it replaces: the same user row, the same active grants in the same order."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tongxin.accounts.models import Membership, Position, Role, User
from tongxin.accounts.reach import grants_of, user_with_grants

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)


def _orm_grants(user: User) -> list:
    return grants_of(User.objects.get(pk=user.pk))  # a fresh object: the ORM path


@pytest.mark.parametrize("persona", ["student_a", "officer_a", "advisor_a", "province_admin"])
def test_the_same_user_and_grants_as_the_orm(province, persona):
    user = province.people[persona]
    loaded = user_with_grants(user.pk)
    assert loaded is not None
    fresh = User.objects.get(pk=user.pk)
    for field in User._meta.concrete_fields:  # converted as the ORM converts (SQLite: text)
        assert getattr(loaded, field.attname) == getattr(fresh, field.attname), field.name
    assert loaded._state.adding is False and loaded._state.db == "default"
    assert loaded._tongxin_grants == _orm_grants(user)
    assert loaded._tongxin_grants  # every persona holds a role


@time_machine.travel(NOON, tick=False)
def test_only_active_memberships_count_and_the_oldest_comes_first(province):
    officer = province.officer_a
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    Membership.objects.filter(user=officer).update(start=today - 30 * day)  # built "today"
    for start, end, node in [
        (today - 10 * day, today - day, province.union_b),  # ended yesterday
        (today + day, None, province.union_b),  # starts tomorrow
        (today, today, province.college_union_a1),  # today only: active
        (today - 5 * day, None, province.grad_union_a),  # active
    ]:
        Membership.objects.create(
            user=officer,
            node=node,
            school_id=node.school_id,
            role=Role.OFFICER,
            position=Position.MINISTER,
            start=start,
            end=end,
        )
    grants = user_with_grants(officer.pk)._tongxin_grants  # type: ignore[union-attr]
    assert grants == _orm_grants(officer)
    assert [g.node_id for g in grants] == [
        province.union_a.pk,
        province.college_union_a1.pk,
        province.grad_union_a.pk,
    ]
    assert grants[0].school_path == province.school_a.path


def test_someone_without_a_role_still_comes_back_in_one_statement(
    province, django_assert_num_queries
):
    nobody = User.objects.create_user("nobody", "x", real_name="无")
    with django_assert_num_queries(1):
        loaded = user_with_grants(nobody.pk)
    assert loaded == nobody and loaded._tongxin_grants == []  # type: ignore[union-attr]


@pytest.mark.parametrize("user_id", [999_999, "12abc", None])
def test_no_such_user_is_none(province, user_id):
    assert user_with_grants(user_id) is None
