import pytest

from tongxin.accounts.models import Membership, Role
from tongxin.staff.models import AcademicRecord, StaffLimit

from .factories import eligible_student, give_record, student, workbook

pytestmark = pytest.mark.django_db


def test_the_union_page_shows_the_roster_to_school_roles_and_counts_to_the_federation(
    province, client_for
):
    advisor_page = (
        client_for("advisor_a").get(f"/staff/unions/{province.union_a.pk}/").content.decode()
    )
    assert "赵主席" in advisor_page and 'data-testid="appoint-form"' in advisor_page
    city_page = (
        client_for("city_staff_1").get(f"/staff/unions/{province.union_a.pk}/").content.decode()
    )
    assert "赵主席" not in city_page and 'data-testid="union-counts"' in city_page
    officer_page = (
        client_for("officer_a").get(f"/staff/unions/{province.union_a.pk}/").content.decode()
    )
    assert "赵主席" in officer_page and 'data-testid="appoint-form"' not in officer_page


def test_advisor_appoints_through_the_page(province, client_for):
    client = client_for("advisor_a")
    client.post(f"/staff/unions/{province.union_a.pk}/departments/", {"name": "权益部"})
    eligible_student(province, "2023400", name="吴同学")
    department = province.union_a.departments.get()
    response = client.post(
        f"/staff/unions/{province.union_a.pk}/appoint/",
        {"number": "2023400", "position": "member", "department": department.pk},
        follow=True,
    )
    assert "已任命吴同学" in response.content.decode()
    assert Membership.objects.filter(user__number="2023400", role=Role.OFFICER).exists()


def test_a_refused_appointment_explains_without_figures(province, client_for):
    person = student(province, "2023401", name="郑同学")
    give_record(province, person, rank=45, cohort=100)
    response = client_for("advisor_a").post(
        f"/staff/unions/{province.union_a.pk}/appoint/",
        {"number": "2023401", "position": "president"},
        follow=True,
    )
    page = response.content.decode()
    assert "不符合任职资格" in page and "45/100" not in page and "第 45 名" not in page


def test_the_union_list_flags_a_union_over_its_limit(province, client_for):
    StaffLimit.objects.filter(level="college").update(max_staff=0 or None)
    StaffLimit.objects.filter(level="school").update(max_presidium=1)
    Membership.objects.create(
        user=student(province, "2023402"),
        node=province.union_a,
        school=province.school_a,
        role=Role.OFFICER,
        position="vice_president",
    )
    page = client_for("advisor_a").get("/staff/unions/?flagged=1").content.decode()
    assert "甲大学学生会" in page and "超限" in page
    assert "计算机学院学生会" not in page


def test_grades_upload_lists_every_bad_row(province, client_for):
    upload = workbook(
        [
            ["2024001", "2025-2026-2", "最近一学期", 3, 100, 0],
            ["0000", "2025-2026-2", "最近一学期", 1, 1, 0],
            ["2024001", "2025-2026-2", "本月", 1, 1, 0],
        ]
    )
    upload.name = "成绩.xlsx"
    response = client_for("advisor_a").post(
        "/staff/grades/", {"file": upload, "school": province.school_a.pk}
    )
    page = response.content.decode()
    assert (
        'data-testid="grade-errors"' in page
        and "本校没有学号 0000" in page
        and "统计口径应为" in page
    )
    assert not AcademicRecord.objects.exists()


def test_grades_template_is_a_real_workbook(province, client_for):
    import io

    from openpyxl import load_workbook

    response = client_for("advisor_a").get("/staff/grades/template/")
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["成绩"][1]] == [
        "学号",
        "学期",
        "统计口径",
        "综合排名",
        "专业人数",
        "未通过课程数",
    ]


def test_limits_page_saves_a_new_year(province, client_for):
    response = client_for("province_admin").post(
        "/staff/limits/",
        {"academic_year": 2027, "level": "college", "max_staff": 25, "max_presidium": 3},
    )
    assert response.status_code == 302
    row = StaffLimit.objects.get(academic_year=2027, level="college")
    assert (row.max_staff, row.max_presidium, row.max_departments) == (25, 3, None)


def test_limits_page_refuses_a_large_limit_below_the_normal_one(province, client_for):
    response = client_for("province_admin").post(
        "/staff/limits/",
        {"academic_year": 2027, "level": "school", "max_staff": 40, "max_staff_large": 30},
    )
    assert "不能低于一般上限" in response.content.decode()
    assert not StaffLimit.objects.filter(academic_year=2027).exists()


def test_flagged_unions_are_filtered_before_paginating_and_the_pager_keeps_the_filter(
    province, client_for
):
    """Issue 9 item 16: the filter ran in Python on each page of all unions, so pages came
    out short or empty, 下一页 dropped `flagged=1` and was offered past the last page."""
    from tongxin.staff.models import Department
    from tongxin.testing.province import make_node

    StaffLimit.objects.filter(level="school").update(max_departments=1)
    for n in range(32):  # school-level unions sort before the colleges' by path
        union = make_node("school_union", f"测试学生会{n:02d}", province.school_a)
        if n % 3:  # 21 of the 32 keep two departments: over the limit of one
            for name in ("权益部", "宣传部"):
                Department.objects.create(union=union, school=province.school_a, name=name)
    client = client_for("advisor_a")
    first = client.get("/staff/unions/?flagged=1")
    rows = first.context["rows"]
    assert len(rows) == 20 and all(r.breaches for r in rows)
    html = first.content.decode()
    assert "?flagged=1&amp;page=2" in html
    second = client.get("/staff/unions/?flagged=1&page=2")
    assert [r.union.name for r in second.context["rows"]] == ["测试学生会31"]
    assert "下一页" not in second.content.decode()
    assert client.get("/staff/unions/?flagged=1&page=3").status_code == 404
