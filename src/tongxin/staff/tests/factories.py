"""Staff test helpers: grade workbooks and officers made eligible through real records."""

import io
from typing import Any

from openpyxl import Workbook

from tongxin.accounts.models import PoliticalStatus, Role, StudentLevel, User
from tongxin.staff.grades import HEADERS, SHEET
from tongxin.staff.models import AcademicRecord, AcademicUpload
from tongxin.testing.province import TinyProvince

TERM = "2025-2026-2"


def workbook(rows: list[list[Any]], *, headers: list[str] = HEADERS) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def give_record(
    p: TinyProvince,
    user: User,
    *,
    rank: int = 5,
    cohort: int = 100,
    failed: int = 0,
    window: str = "term",
    term: str = TERM,
) -> AcademicRecord:
    upload, _ = AcademicUpload.objects.get_or_create(
        school=user.school, uploaded_by=p.advisor_a, term=term, file_name="test.xlsx"
    )
    return AcademicRecord.objects.create(
        school=user.school,
        student=user,
        upload=upload,
        term=term,
        window=window,
        rank=rank,
        cohort_size=cohort,
        failed_outstanding=failed,
    )


def student(
    p: TinyProvince,
    number: str,
    *,
    name: str = "新同学",
    level: str = StudentLevel.UNDERGRADUATE,
    politics: str = PoliticalStatus.LEAGUE_MEMBER,
    enrolment_year: int = 2023,
    school: str = "a",
) -> User:
    from tongxin.accounts.models import Membership

    school_node = p.nodes[f"school_{school}"]
    klass = p.nodes[f"class_{school}1"]
    user = User.objects.create_user(
        User.school_username(school_node.code, number),
        None,
        real_name=name,
        school=school_node,
        number=number,
        college=p.nodes[f"college_{school}1"],
        klass=klass,
        level=level,
        political_status=politics,
        enrolment_year=enrolment_year,
    )
    Membership.objects.create(user=user, node=klass, school=school_node, role=Role.STUDENT)
    return user


def eligible_student(p: TinyProvince, number: str, **kwargs: Any) -> User:
    user = student(p, number, **kwargs)
    give_record(p, user)
    return user
