import datetime

import pytest

from tongxin.accounts.models import Membership, Position, Role
from tongxin.accounts.reach import grants_of
from tongxin.accounts.services import membership_end, membership_grant, system_actor
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed


def test_advisor_appoints_a_student_to_the_union(province):
    membership = membership_grant(
        actor=province.advisor_a,
        user=province.student_a,
        node=province.union_a,
        role=Role.OFFICER,
        position=Position.MINISTER,
    )
    assert membership.school_id == province.school_a.pk
    assert ("officer", "minister") in {(g.role, g.position) for g in grants_of(province.student_a)}
    assert (
        AuditEvent.objects.filter(
            action="accounts.membership.granted", school=province.school_a
        ).count()
        == 1
    )


@pytest.mark.parametrize("position", ["", "secretary_general", Position.OFFICE_HEAD])
def test_only_the_allowed_union_titles_exist(province, position):
    with pytest.raises(DomainError) as err:
        membership_grant(
            actor=province.advisor_a,
            user=province.student_a,
            node=province.union_a,
            role=Role.OFFICER,
            position=position,
        )
    assert err.value.field == "position"


def test_a_role_is_held_only_at_its_kind_of_node(province):
    with pytest.raises(DomainError) as err:
        membership_grant(
            actor=province.advisor_a,
            user=province.student_a,
            node=province.college_a1,
            role=Role.OFFICER,
            position=Position.MEMBER,
        )
    assert err.value.field == "node"


def test_nobody_holds_a_role_in_another_school(province):
    with pytest.raises(DomainError):
        membership_grant(
            actor=province.province_admin,
            user=province.student_b,
            node=province.union_a,
            role=Role.OFFICER,
            position=Position.MEMBER,
        )


def test_advisor_cannot_appoint_in_another_school(province):
    with pytest.raises(NotAllowed):
        membership_grant(
            actor=province.advisor_a,
            user=province.student_b,
            node=province.union_b,
            role=Role.OFFICER,
            position=Position.MEMBER,
        )


def test_ending_keeps_history_and_removes_reach(province):
    membership = Membership.objects.get(user=province.officer_a, role=Role.OFFICER)
    membership_end(
        actor=province.advisor_a,
        membership=membership,
        reason="任期届满",
        end=datetime.date(2020, 1, 1),
    )
    assert Membership.objects.filter(pk=membership.pk, end_reason="任期届满").exists()
    fresh = type(province.officer_a).objects.get(pk=province.officer_a.pk)
    assert grants_of(fresh) == []


def test_ending_needs_a_reason(province):
    membership = Membership.objects.get(user=province.officer_a, role=Role.OFFICER)
    with pytest.raises(DomainError) as err:
        membership_end(actor=province.advisor_a, membership=membership, reason="  ")
    assert err.value.field == "reason"


def test_the_system_actor_cannot_log_in(db):
    actor = system_actor()
    assert actor.is_system and not actor.is_active and system_actor().pk == actor.pk
