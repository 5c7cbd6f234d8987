"""What the staff pages say: limits by academic year, the roster by rank, and each term's
warning with that term's own figures."""

import re

import pytest

from tongxin.accounts.models import Membership, Position, Role
from tongxin.staff.models import AcademicWarning, StaffLimit
from tongxin.staff.selectors import roster_of
from tongxin.staff.services.academic import grades_import

from .factories import student, workbook

pytestmark = pytest.mark.django_db


def test_limits_page_names_the_academic_year_it_starts(province, client_for):
    assert StaffLimit.objects.filter(academic_year=2017).exists()  # seeded by a migration
    page = client_for("province_admin").get("/staff/limits/").content.decode()
    table = page.split('data-testid="limits-table"', 1)[1].split("</table>", 1)[0]
    assert "<td>2017–2018 学年起</td>" in table


def test_union_roster_lists_officers_by_rank(province, client_for):
    union = province.union_a
    for number, name, position in [
        ("2023501", "艾干事", Position.MEMBER),
        ("2023502", "白部长", Position.MINISTER),
        ("2023503", "蔡副主席", Position.VICE_PRESIDENT),
        ("2023504", "丁副部长", Position.VICE_MINISTER),
    ]:
        person = student(province, number, name=name)
        Membership.objects.create(
            user=person, node=union, school_id=union.school_id, role=Role.OFFICER, position=position
        )
    assert [m.user.real_name for m in roster_of(union)] == [
        "赵主席",
        "蔡副主席",
        "白部长",
        "丁副部长",
        "艾干事",
    ]
    page = client_for("advisor_a").get(f"/staff/unions/{union.pk}/").content.decode()
    order = [page.index(n) for n in ["赵主席", "蔡副主席", "白部长", "丁副部长", "艾干事"]]
    assert order == sorted(order)


def _upload(province, term, rank):
    rows = [[n, term, "最近一学期", 2, 100, 0] for n in ["2022001", "2022003"]]
    rows.append(["2022002", term, "最近一学期", rank, 100, 0])
    grades_import(
        actor=province.advisor_a,
        school=province.school_a,
        stream=workbook(rows),
        file_name="成绩.xlsx",
    )


def test_each_terms_warning_shows_that_terms_rank(province, client_for):
    # The later term arrives first; the earlier term's file is uploaded afterwards.
    _upload(province, "2025-2026-2", 40)
    _upload(province, "2025-2026-1", 31)
    by_term = {w.term: w.explanation for w in AcademicWarning.objects.all()}
    assert "第 40/100 名" in by_term["2025-2026-2"]
    assert "第 31/100 名" in by_term["2025-2026-1"]
    page = client_for("advisor_a").get("/staff/warnings/").content.decode()
    assert re.search(r"31/100", page) and re.search(r"40/100", page)
