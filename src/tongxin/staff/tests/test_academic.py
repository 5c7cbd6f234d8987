import pytest

from tongxin.accounts.models import Membership, Role
from tongxin.core.errors import NotAllowed
from tongxin.notifications.models import Notification
from tongxin.staff.models import AcademicRecord, AcademicWarning, WarningStatus
from tongxin.staff.services.academic import GradesRejected, grades_import

from .factories import give_record, workbook

pytestmark = pytest.mark.django_db


def _import(province, rows, actor="advisor_a"):
    return grades_import(
        actor=province.people[actor],
        school=province.school_a,
        stream=workbook(rows),
        file_name="成绩.xlsx",
    )


OFFICERS = ["2022001", "2022002", "2022003"]


def _term(province, term, **ranks):
    """Import one term for school A's three officers: rank 2 unless given as n2022002=31."""
    rows = [[n, term, "最近一学期", ranks.get(f"n{n}", 2), 100, 0] for n in OFFICERS]
    return _import(province, rows)


def test_a_good_file_writes_every_row(province):
    upload = _import(
        province,
        [
            ["2024001", "2025-2026-2", "最近一学期", 3, 100, 0],
            ["2024001", "2025-2026-2", "入学以来", 5, 100, 0],
            ["2024002", "2025-2026-2", "最近一学年", 50, 100, 1],
        ],
    )
    assert upload.rows == 3 and AcademicRecord.objects.count() == 3


def test_every_bad_row_is_listed_and_nothing_written(province):
    with pytest.raises(GradesRejected) as err:
        _import(
            province,
            [
                ["2024001", "2025-2026-2", "最近一学期", 3, 100, 0],
                ["9999999", "2025-2026-2", "最近一学期", 3, 100, 0],  # unknown number
                ["2024002", "2025年春", "最近一学期", 3, 100, 0],  # bad term
                ["2024002", "2025-2026-2", "本月", 3, 100, 0],  # bad window
                ["2024002", "2025-2026-2", "入学以来", 120, 100, 0],  # rank above cohort
                ["2024002", "2025-2026-2", "最近一学年", -1, 100, "两门"],  # bad numbers
                ["2024001", "2025-2026-2", "最近一学期", 4, 100, 0],  # duplicate
            ],
        )
    found = {(e.row, e.column) for e in err.value.errors}
    assert found == {
        (3, "学号"),
        (4, "学期"),
        (5, "统计口径"),
        (6, "综合排名"),
        (7, "综合排名"),
        (7, "未通过课程数"),
        (8, "学号"),
    }
    assert all(e.message for e in err.value.errors)
    assert not AcademicRecord.objects.exists()


def test_a_number_of_another_school_is_unknown(province):
    with pytest.raises(GradesRejected) as err:
        grades_import(
            actor=province.advisor_b,
            school=province.school_b,
            stream=workbook([["2024002", "2025-2026-2", "最近一学期", 3, 100, 0]]),
            file_name="x.xlsx",
        )
    assert err.value.errors[0].message == "本校没有学号 2024002"


def test_wrong_headers_and_a_damaged_file(province):
    import io

    with pytest.raises(GradesRejected) as err:
        grades_import(
            actor=province.advisor_a,
            school=province.school_a,
            stream=workbook([], headers=["姓名", "成绩"]),
            file_name="x.xlsx",
        )
    assert "表头应为" in err.value.errors[0].message
    with pytest.raises(GradesRejected) as err:
        grades_import(
            actor=province.advisor_a,
            school=province.school_a,
            stream=io.BytesIO(b"not excel"),
            file_name="x.xlsx",
        )
    assert "不是有效的 Excel" in err.value.errors[0].message


def test_the_academic_office_may_upload_for_its_school_only(province):
    membership = Membership.objects.create(
        user=province.student_a2,
        node=province.academic_office_a,
        school=province.school_a,
        role=Role.OFFICE_HANDLER,
    )
    assert membership
    _import(province, [["2024001", "2025-2026-2", "最近一学期", 3, 100, 0]], actor="student_a2")
    with pytest.raises(NotAllowed):
        _import(
            province, [["2024001", "2025-2026-2", "最近一学期", 3, 100, 0]], actor="handler_a"
        )  # logistics


def test_an_officer_who_no_longer_qualifies_is_warned(province):
    give_record(province, province.college_officer_a1, term="2025-2026-1")  # was fine last term
    _term(province, "2025-2026-2", n2022002=31)
    warning = AcademicWarning.objects.get()
    assert warning.officer == province.college_officer_a1 and warning.status == WarningStatus.OPEN
    assert "第 31/100 名" in warning.explanation
    mine = Notification.objects.get(
        recipient=province.college_officer_a1, verb="staff.warning.raised"
    )
    assert "31/100" in mine.body


def test_presidium_hears_of_a_warning_without_figures(province):
    from tongxin.accounts.models import Position
    from tongxin.staff.services.structure import department_create, officer_appoint

    from .factories import eligible_student

    department = department_create(actor=province.advisor_a, union=province.union_a, name="学习部")
    member = eligible_student(province, "2023300", name="周干事")
    officer_appoint(
        actor=province.advisor_a,
        user=member,
        union=province.union_a,
        position=Position.MEMBER,
        department=department,
    )
    _import(
        province,
        [
            ["2023300", "2025-2026-2", "最近一学期", 80, 100, 2],
            ["2022001", "2025-2026-2", "最近一学期", 2, 100, 0],
            ["2022002", "2025-2026-2", "最近一学期", 2, 100, 0],
            ["2022003", "2025-2026-2", "最近一学期", 2, 100, 0],
        ],
    )
    told = Notification.objects.get(recipient=province.officer_a, verb="staff.warning.raised")
    assert "周干事" in told.body and "80" not in told.body and "2 门" not in told.body


def test_a_warning_that_persists_into_the_next_term_proposes_an_exit(province):
    _term(province, "2025-2026-1", n2022002=31)
    _term(province, "2025-2026-2", n2022002=40)
    latest = AcademicWarning.objects.get(term="2025-2026-2")
    assert latest.status == WarningStatus.EXIT_PROPOSED and latest.previous.term == "2025-2026-1"


def test_meeting_the_rule_again_clears_the_warning(province):
    _term(province, "2025-2026-1", n2022002=31)
    _term(province, "2025-2026-2", n2022002=10)
    assert AcademicWarning.objects.get().status == WarningStatus.CLEARED


def test_an_officer_without_any_grades_is_warned_for_missing_records(province):
    _import(
        province,
        [
            ["2022001", "2025-2026-2", "最近一学期", 2, 100, 0],
            ["2022002", "2025-2026-2", "最近一学期", 2, 100, 0],
        ],
    )
    warning = AcademicWarning.objects.get()
    assert warning.officer == province.college_officer_a2 and warning.rule == "records"
