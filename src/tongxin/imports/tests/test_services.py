import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tongxin.accounts.models import Membership, PoliticalStatus, Position, Role, StudentLevel, User
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.imports.models import ImportJob
from tongxin.imports.services import import_job_create, import_job_run
from tongxin.notifications.models import Notification
from tongxin.orgs.models import Node, NodeKind, OfficeKind

from .workbooks import fresh, run_import, staff, student, upload, xlsx

VALID = {
    "学院": [["新闻学院"], ["计算机学院"]],
    "班级": [["新闻2025级1班", "新闻学院"], ["计算机2025级1班", "计算机学院"]],
    "职能部门": [["保卫处", "保卫处"], ["后勤处", "后勤处"]],
    "学生": [
        student("2025001", "甲同学", "新闻学院", "新闻2025级1班", political="中共党员"),
        student("2025002", "乙同学", "计算机学院", "计算机2025级1班", level="研究生"),
        student("2025003", "丙同学", phone=13800003333, email="bing@example.edu.cn"),
    ],
    "教职工": [
        staff("T9001", "丁老师", "校团委", "校团委老师"),
        staff("T9002", "戊书记", "新闻学院", "院团委书记"),
        staff("T9003", "己老师", "保卫处", "职能部门经办人"),
        staff("T9004", "庚处长", "后勤处", "职能部门负责人"),
    ],
}


def _counts() -> tuple[int, int, int]:
    return Node.objects.count(), User.objects.count(), Membership.objects.count()


def test_valid_import_creates_the_units_with_paths(province):
    job = run_import(province.school_a, province.advisor_a, xlsx(VALID))
    assert job.status == ImportJob.Status.DONE and job.progress == 100
    college = Node.objects.get(school=province.school_a, name="新闻学院")
    assert college.kind == NodeKind.COLLEGE and college.parent_id == province.school_a.pk
    assert college.path == f"{province.school_a.path}{college.pk}/"
    assert college.depth == province.school_a.depth + 1
    new_class = Node.objects.get(name="新闻2025级1班")
    assert new_class.path == f"{college.path}{new_class.pk}/"
    assert new_class.school_id == province.school_a.pk
    cs_class = Node.objects.get(name="计算机2025级1班")
    assert cs_class.parent_id == province.college_a1.pk
    office = Node.objects.get(school=province.school_a, name="保卫处")
    assert office.office_kind == OfficeKind.SECURITY and office.kind == NodeKind.OFFICE
    # 计算机学院 and 后勤处 existed: reused, never doubled.
    assert Node.objects.filter(school=province.school_a, name="计算机学院").count() == 1
    assert Node.objects.filter(school=province.school_a, name="后勤处").count() == 1
    assert job.counts == {
        "colleges": 1,
        "classes": 2,
        "offices": 1,
        "students": 3,
        "staff": 4,
        "reused": 2,
    }


def test_valid_import_creates_people_without_usable_password(province):
    run_import(province.school_a, province.advisor_a, xlsx(VALID))
    first = User.objects.get(username="TA01:2025001")
    assert first.real_name == "甲同学" and first.number == "2025001"
    assert first.school_id == province.school_a.pk
    assert first.college.name == "新闻学院" and first.klass.name == "新闻2025级1班"
    assert (first.major, first.enrolment_year) == ("软件工程", 2024)
    assert first.political_status == PoliticalStatus.PARTY_MEMBER
    assert first.level == StudentLevel.UNDERGRADUATE
    assert User.objects.get(number="2025002").level == StudentLevel.GRADUATE
    third = User.objects.get(username="TA01:2025003")
    assert (third.phone, third.email) == ("13800003333", "bing@example.edu.cn")
    assert third.klass_id == province.class_a1.pk
    imported = User.objects.filter(school=province.school_a, number__in=["2025001", "T9004"])
    assert all(not u.has_usable_password() and u.is_active for u in imported)


def test_valid_import_grants_the_memberships_the_rows_imply(province):
    run_import(province.school_a, province.advisor_a, xlsx(VALID))
    rows = {
        m.user.number: (m.role, m.node.name, m.position, m.school_id)
        for m in Membership.objects.filter(
            user__number__in=["2025001", "2025003", "T9001", "T9002", "T9003", "T9004"],
            user__school=province.school_a,
        ).select_related("user", "node")
    }
    school = province.school_a.pk
    assert rows == {
        "2025001": (Role.STUDENT, "新闻2025级1班", "", school),
        "2025003": (Role.STUDENT, "计算机学院2024级1班", "", school),
        "T9001": (Role.ADVISOR, "甲大学", "", school),
        "T9002": (Role.COLLEGE_SECRETARY, "新闻学院", "", school),
        "T9003": (Role.OFFICE_HANDLER, "保卫处", "", school),
        "T9004": (Role.OFFICE_HANDLER, "后勤处", Position.OFFICE_HEAD, school),
    }
    assert Membership.objects.get(user__number="2025001").start == timezone.localdate()


def test_valid_import_is_audited_and_notifies_the_uploader(province):
    job = run_import(province.school_a, province.advisor_a, xlsx(VALID))
    actions = list(
        AuditEvent.objects.filter(target_id=str(job.pk), target_type="imports.importjob")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["imports.job.created", "imports.roster.imported"]
    event = AuditEvent.objects.get(action="imports.roster.imported")
    assert event.actor_id == province.advisor_a.pk
    assert event.school_id == province.school_a.pk
    assert event.data["students"] == 3 and event.data["staff"] == 4
    note = Notification.objects.get(recipient=province.advisor_a, verb="imports.roster.imported")
    assert note.url == f"/imports/jobs/{job.pk}/"
    assert "学生 3 人" in note.body


BAD = {
    "学院": [["新闻学院"], ["新闻学院"]],
    "班级": [["法学2025级1班", "法学院"], ["新闻2025级1班", "新闻学院"]],
    "职能部门": [["保卫处", "保安处"]],
    "学生": [
        student("2025001", "甲同学", "新闻学院", "新闻2025级1班"),
        student("2025002", ""),
        student("2025003", political="入党积极分子"),
        student("2025004", year=datetime.date(2024, 9, 1)),
        student("2025005", phone="1380000"),
        student("2025006", college="文学院", klass="计算机学院2024级1班"),
        student("2025007", college="法学院"),
        student("2025001", "重复同学", "新闻学院", "新闻2025级1班"),
        student("2024001"),
        student("2025010", level="博士"),
        student("2025011", email="not-an-email"),
        student("2025012", year="二〇二四"),
        student("20 25"),
    ],
    "教职工": [
        staff("T9001", "丁老师", "校团委", "辅导员"),
        staff("T9002", "戊书记", "后勤处", "院团委书记"),
        staff("2025003", "己老师", "保卫处", "职能部门经办人"),
        staff("T3001", "庚老师", "", "职能部门经办人"),
    ],
}
EXPECTED_BAD = [
    ("学院", 3, "学院名称", "与本表第 2 行重复"),
    ("班级", 2, "所属学院", "学院“法学院”不存在"),
    ("职能部门", 2, "类别", "类别“保安处”无效"),
    ("学生", 3, "姓名", "姓名不能为空"),
    ("学生", 4, "政治面貌", "“入党积极分子”无效，应为：群众、共青团员、中共预备党员、中共党员。"),
    ("学生", 5, "入学年份", "不要填日期"),
    ("学生", 6, "手机号", "不是有效的 11 位手机号"),
    ("学生", 7, "班级", "属于“计算机学院”，与所填学院“文学院”不一致"),
    ("学生", 8, "学院", "学院“法学院”不存在"),
    ("学生", 9, "学号", "与“学生”表第 2 行重复"),
    ("学生", 10, "学号", "在本校已存在"),
    ("学生", 11, "层次", "层次“博士”无效"),
    ("学生", 12, "邮箱", "格式不正确"),
    ("学生", 13, "入学年份", "应为四位年份"),
    ("学生", 14, "学号", "只能包含字母、数字"),
    ("教职工", 2, "身份", "身份“辅导员”无效"),
    ("教职工", 3, "所在单位", "不是本校的学院"),
    ("教职工", 4, "工号", "与“学生”表第 4 行重复"),
    ("教职工", 5, "工号", "在本校已存在"),
    ("教职工", 5, "所在单位", "所在单位不能为空"),
]


def test_bad_file_writes_nothing_and_lists_every_bad_row(province):
    before = _counts()
    job = run_import(province.school_a, province.advisor_a, xlsx(BAD))
    assert job.status == ImportJob.Status.FAILED
    assert _counts() == before
    found = [(e["sheet"], e["row"], e["column"], e["message"]) for e in job.errors]
    assert [f[:3] for f in found] == [e[:3] for e in EXPECTED_BAD]
    for (_sheet, _row, _column, message), expected in zip(found, EXPECTED_BAD, strict=True):
        assert expected[3] in message
    assert job.counts == {"errors": 20, "bad_rows": 19}


def test_rejection_is_audited_and_notified(province):
    job = run_import(province.school_a, province.advisor_a, xlsx(BAD))
    event = AuditEvent.objects.get(action="imports.roster.rejected", target_id=str(job.pk))
    assert event.data["errors"] == 20
    note = Notification.objects.get(recipient=province.advisor_a, verb="imports.roster.rejected")
    assert "未写入任何数据" in note.body


def test_numbers_repeated_within_the_file_are_refused(province):
    content = xlsx(
        {
            "学生": [student("S1"), student("S2"), student("S1")],
            "教职工": [staff("S2", "老师", "校团委", "校团委老师")],
        }
    )
    job = run_import(province.school_a, province.advisor_a, content)
    assert [(e["sheet"], e["row"], e["column"]) for e in job.errors] == [
        ("学生", 4, "学号"),
        ("教职工", 2, "工号"),
    ]
    assert "“S1”与“学生”表第 2 行重复" in job.errors[0]["message"]
    assert not User.objects.filter(number__in=["S1", "S2"]).exists()


def test_numbers_already_in_the_school_are_duplicates(province):
    content = xlsx(
        {"学生": [student("2024002")], "教职工": [staff("T1001", "某", "", "校团委老师")]}
    )
    job = run_import(province.school_a, province.advisor_a, content)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "学号"), (2, "工号")]
    assert all("在本校已存在" in e["message"] for e in job.errors)


def test_a_number_taken_in_another_school_is_free(province):
    # 2024001 exists in school B (王同学) as well as in A; in school B's import only B counts.
    content = xlsx({"学生": [student("2024002", college="机械学院", klass="机械学院2024级1班")]})
    job = run_import(province.school_b, province.advisor_b, content)
    assert job.status == ImportJob.Status.DONE
    assert User.objects.get(username="TB01:2024002").klass_id == province.class_b1.pk


def test_a_second_import_reuses_units_created_by_the_first(province):
    run_import(province.school_a, province.advisor_a, xlsx({"学院": [["新闻学院"]]}))
    second = xlsx(
        {
            "班级": [["新闻2025级1班", "新闻学院"]],
            "学生": [student("N1", college="新闻学院", klass="新闻2025级1班")],
        }
    )
    job = run_import(province.school_a, fresh(province.advisor_a), second)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert User.objects.get(number="N1").college.name == "新闻学院"


def test_an_existing_office_of_another_kind_is_reported(province):
    job = run_import(
        province.school_a, province.advisor_a, xlsx({"职能部门": [["后勤处", "教务处"]]})
    )
    assert job.errors[0]["column"] == "类别"
    assert "已存在，类别为“后勤处”" in job.errors[0]["message"]


def test_unknown_sheets_and_missing_headers_are_reported(province):
    book = xlsx({"学生名单": [["x"]], "学生": [["学号", "姓名"], student("1")]}, headers=False)
    job = run_import(province.school_a, province.advisor_a, book)
    assert job.status == ImportJob.Status.FAILED
    assert job.errors[0]["sheet"] == "学生名单" and "无法识别的工作表" in job.errors[0]["message"]
    missing = [e["column"] for e in job.errors if e["sheet"] == "学生"]
    assert missing == ["学院", "专业", "班级", "入学年份", "层次", "政治面貌", "手机号"]


def test_an_empty_workbook_is_refused(province):
    job = run_import(province.school_a, province.advisor_a, xlsx({"学生": []}))
    assert job.status == ImportJob.Status.FAILED
    assert "没有可导入的数据" in job.errors[0]["message"]


def test_a_corrupt_file_fails_the_job_with_a_message(province):
    job = ImportJob.objects.create(
        school=province.school_a, uploaded_by=province.advisor_a, original_name="坏.xlsx"
    )
    job.file.save("bad.xlsx", ContentFile(b"PK\x03\x04 definitely not a workbook"))
    job = import_job_run(actor=province.advisor_a, job=job)
    assert job.status == ImportJob.Status.FAILED
    assert "无法读取该文件" in job.errors[0]["message"]


def test_a_job_runs_only_once(province):
    job = run_import(province.school_a, province.advisor_a, xlsx(VALID))
    again = import_job_run(actor=province.advisor_a, job=job)
    assert again.status == ImportJob.Status.DONE
    assert User.objects.filter(number="2025001").count() == 1


def test_the_uploader_must_still_advise_the_school_when_it_runs(province):
    job = import_job_create(
        actor=province.advisor_a, school=province.school_a, upload=upload(xlsx(VALID))
    )
    Membership.objects.filter(user=province.advisor_a).update(
        end=timezone.localdate().replace(year=2000)
    )
    job = import_job_run(actor=fresh(province.advisor_a), job=fresh(job))
    assert job.status == ImportJob.Status.FAILED
    assert "已不是本校团委老师" in job.errors[0]["message"]
    assert not User.objects.filter(number="2025001").exists()


@pytest.mark.parametrize("persona", ["advisor_b", "secretary_a1", "student_a", "province_admin"])
def test_only_the_schools_advisor_may_create_a_job(province, persona):
    with pytest.raises(NotAllowed):
        import_job_create(
            actor=province.people[persona], school=province.school_a, upload=upload(xlsx(VALID))
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("名单.xls", b"whatever", "只能上传 .xlsx 文件"),
        ("名单.xlsx", b"", "文件是空的"),
        ("名单.xlsx", b"not a zip at all", "无法读取该文件"),
    ],
)
def test_create_refuses_files_that_are_not_workbooks(province, name, content, message):
    with pytest.raises(DomainError, match=message):
        import_job_create(
            actor=province.advisor_a, school=province.school_a, upload=upload(content, name)
        )
    assert not ImportJob.objects.exists()


def test_a_crash_while_writing_rolls_everything_back(province, monkeypatch):
    from tongxin.imports import services

    def half_then_crash(plan):
        Node.objects.create(kind=NodeKind.COLLEGE, name="半途学院", parent=province.school_a)
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "write_plan", half_then_crash)
    before = _counts()
    job = run_import(province.school_a, province.advisor_a, xlsx(VALID))
    assert job.status == ImportJob.Status.FAILED
    assert "内部错误" in job.errors[0]["message"]
    assert _counts() == before


def test_a_job_ends_even_when_its_rejection_cannot_be_recorded(province, monkeypatch):
    from tongxin.imports import services

    def broken_notify(**kwargs):
        raise RuntimeError("inbox down")

    monkeypatch.setattr(services, "notify", broken_notify)
    before = _counts()
    job = run_import(province.school_a, province.advisor_a, xlsx(VALID))
    assert (job.status, job.progress) == (ImportJob.Status.FAILED, 100)
    assert job.finished_at is not None and "内部错误" in job.errors[0]["message"]
    assert _counts() == before
