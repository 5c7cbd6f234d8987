import pytest

from tongxin.accounts.models import Membership, Position, Role
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.staff.limits import breaches, counts_for
from tongxin.staff.models import Department, ExitRecord, StaffLimit
from tongxin.staff.services.structure import (
    department_create,
    officer_appoint,
    officer_exit,
    rotation_save,
)

from .factories import eligible_student, give_record, student

pytestmark = pytest.mark.django_db


@pytest.fixture
def dept(province):
    return department_create(actor=province.advisor_a, union=province.union_a, name="权益部")


def test_appointing_an_eligible_student_to_a_department(province, dept):
    user = eligible_student(province, "2023200")
    membership = officer_appoint(
        actor=province.advisor_a,
        user=user,
        union=province.union_a,
        position=Position.MEMBER,
        department=dept,
    )
    assert membership.appointment.department == dept
    assert AuditEvent.objects.filter(action="staff.officer.appointed").count() == 1


def test_any_other_title_is_refused(province, dept):
    user = eligible_student(province, "2023201")
    with pytest.raises(DomainError) as err:
        officer_appoint(
            actor=province.advisor_a,
            user=user,
            union=province.union_a,
            position="secretary_general",
            department=dept,
        )
    assert err.value.field == "position"


def test_an_ineligible_student_cannot_be_appointed(province, dept):
    user = student(province, "2023202")
    give_record(province, user, rank=31, cohort=100)
    with pytest.raises(DomainError) as err:
        officer_appoint(
            actor=province.advisor_a,
            user=user,
            union=province.union_a,
            position=Position.MEMBER,
            department=dept,
        )
    assert "不符合任职资格" in err.value.message and "31" not in err.value.message


def test_the_staff_limit_names_the_limit_and_the_count(province, dept):
    StaffLimit.objects.filter(level="school").update(max_staff=2)
    officer_appoint(
        actor=province.advisor_a,
        user=eligible_student(province, "2023203"),
        union=province.union_a,
        position=Position.MEMBER,
        department=dept,
    )  # officer_a + this one = 2
    with pytest.raises(DomainError) as err:
        officer_appoint(
            actor=province.advisor_a,
            user=eligible_student(province, "2023204"),
            union=province.union_a,
            position=Position.MEMBER,
            department=dept,
        )
    assert err.value.message == "甲大学学生会工作人员已有 2 人，已达上限 2 人，不能再增加。"


def test_a_large_school_has_the_larger_limit(province, dept):
    StaffLimit.objects.filter(level="school").update(max_staff=2, max_staff_large=3)
    province.school_a.allows_large_staff = True
    province.school_a.save()
    for number in ("2023205", "2023206"):
        officer_appoint(
            actor=province.advisor_a,
            user=eligible_student(province, number),
            union=province.union_a,
            position=Position.MEMBER,
            department=dept,
        )
    assert counts_for(province.union_a).staff == 3


def test_the_presidium_limit(province):
    StaffLimit.objects.filter(level="school").update(max_presidium=1)  # officer_a is 主席
    with pytest.raises(DomainError) as err:
        officer_appoint(
            actor=province.advisor_a,
            user=eligible_student(province, "2023207"),
            union=province.union_a,
            position=Position.VICE_PRESIDENT,
        )
    assert "主席团成员已有 1 人" in err.value.message


def test_departments_are_limited_and_no_standing_centres(province):
    StaffLimit.objects.filter(level="school").update(max_departments=1)
    department_create(actor=province.advisor_a, union=province.union_a, name="学习部")
    with pytest.raises(DomainError) as err:
        department_create(actor=province.advisor_a, union=province.union_a, name="文体部")
    assert "工作部门已有 1 个" in err.value.message
    with pytest.raises(DomainError):
        department_create(actor=province.advisor_a, union=province.union_a, name="新媒体中心")


def test_college_unions_have_no_limits_unless_the_province_sets_them(province):
    department = Department.objects.create(
        union=province.college_union_a1, school=province.school_a, name="x"
    )
    for number in range(2023210, 2023216):
        officer_appoint(
            actor=province.advisor_a,
            user=eligible_student(province, str(number)),
            union=province.college_union_a1,
            position=Position.MEMBER,
            department=department,
        )
    StaffLimit.objects.filter(level="college").update(max_staff=3)
    assert [b.rule for b in breaches(province.college_union_a1)] == ["staff"]


def test_a_union_over_a_lowered_limit_is_flagged_not_fixed(province, dept):
    officer_appoint(
        actor=province.advisor_a,
        user=eligible_student(province, "2023220"),
        union=province.union_a,
        position=Position.MEMBER,
        department=dept,
    )
    StaffLimit.objects.filter(level="school").update(max_staff=1)
    [breach] = breaches(province.union_a)
    assert breach.message == "甲大学学生会工作人员现有 2 人，超过上限 1 人。"
    assert counts_for(province.union_a).staff == 2


def test_only_the_schools_advisor_appoints(province, dept):
    with pytest.raises(NotAllowed):
        officer_appoint(
            actor=province.advisor_b,
            user=eligible_student(province, "2023221"),
            union=province.union_a,
            position=Position.MEMBER,
            department=dept,
        )


def test_exit_ends_the_membership_and_keeps_history(province):
    membership = Membership.objects.get(user=province.officer_a, role=Role.OFFICER)
    record = officer_exit(
        actor=province.advisor_a, membership=membership, kind="voluntary", reason="学业繁忙"
    )
    membership.refresh_from_db()
    assert membership.end is not None and "主动辞职" in membership.end_reason
    assert ExitRecord.objects.get() == record


def test_rotation_only_for_presidium_without_overlap(province):
    import datetime

    d = datetime.date
    assert (
        rotation_save(
            actor=province.advisor_a,
            union=province.union_a,
            slots=[(province.officer_a, d(2026, 9, 1), d(2026, 10, 31))],
        )
        == 1
    )
    with pytest.raises(DomainError) as err:
        rotation_save(
            actor=province.advisor_a,
            union=province.union_a,
            slots=[(province.student_a, d(2026, 9, 1), d(2026, 10, 31))],
        )
    assert "不是本会主席团成员" in err.value.message
