import io

import pytest
from pypdf import PdfReader

from tongxin.accounts.models import Position
from tongxin.staff.services.structure import department_create, officer_appoint, record_add
from tongxin.training.services import attendance_record, session_create

from .factories import eligible_student, give_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(province):
    import datetime

    person = eligible_student(province, "2023500", name="林同学")
    department = department_create(actor=province.advisor_a, union=province.union_a, name="学习部")
    officer_appoint(
        actor=province.advisor_a,
        user=person,
        union=province.union_a,
        position=Position.MINISTER,
        department=department,
    )
    session = session_create(
        actor=province.advisor_a,
        host=province.school_a,
        kind="qingma",
        title="青马工程第一讲",
        date=datetime.date(2026, 10, 12),
        hours="4",
    )
    attendance_record(actor=province.advisor_a, session=session, entries=[(person, "4", 95)])
    record_add(
        actor=province.advisor_a,
        officer=person,
        kind="reward",
        title="优秀学生干部",
        reason="迎新工作突出",
    )
    give_record(province, person, rank=17, cohort=100, term="2026-2027-1")
    return person


def test_the_archive_shows_the_officers_timeline(province, client_for, officer):
    page = client_for("advisor_a").get(f"/staff/people/{officer.pk}/archive/").content.decode()
    for expected in ("甲大学学生会部长", "青马工程第一讲", "优秀学生干部", "第 17/100 名"):
        assert expected in page


def test_the_college_secretary_sees_meets_or_not_without_figures(province, client_for, officer):
    page = client_for("secretary_a1").get(f"/staff/people/{officer.pk}/archive/").content.decode()
    assert "综合排名符合要求" in page and "17/100" not in page


def test_the_pdf_holds_the_chinese_text(province, client_for, officer):
    response = client_for("advisor_a").get(f"/staff/people/{officer.pk}/archive.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "成长档案" in text and "林同学" in text and "青马工程第一讲" in text


def test_others_cannot_open_someone_elses_archive(province, client_for, officer):
    assert client_for("officer_a").get(f"/staff/people/{officer.pk}/archive/").status_code == 404
    assert client_for("advisor_b").get(f"/staff/people/{officer.pk}/archive/").status_code == 404
    assert (
        client_for("student_a").get(f"/staff/people/{province.student_a.pk}/archive/").status_code
        == 200
    )
