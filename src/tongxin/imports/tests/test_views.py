import zipfile
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tongxin.accounts.models import Membership, Role, User
from tongxin.imports import uploads
from tongxin.imports.models import ImportJob
from tongxin.imports.services import import_job_create
from tongxin.imports.spec import SHEETS

from .workbooks import run_import, staff, student, upload, xlsx

NOT_ADVISORS = [
    "student_a",
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "handler_a",
    "city_staff_1",
    "province_staff",
    "province_admin",
]
GOOD = {"学生": [student("2025001", "甲同学")], "教职工": [staff("T9", "乙", "", "校团委老师")]}


def _zip_without_workbook() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return buffer.getvalue()


def _pending_job(province) -> ImportJob:
    return import_job_create(
        actor=province.advisor_a, school=province.school_a, upload=upload(xlsx(GOOD))
    )


def test_advisor_sees_the_upload_page_with_recent_jobs(province, client_for):
    job = run_import(province.school_a, province.advisor_a, xlsx(GOOD))
    response = client_for("advisor_a").get(reverse("imports:upload"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="upload-form"' in html and 'enctype="multipart/form-data"' in html
    assert reverse("imports:job-detail", args=[job.pk]) in html
    assert 'type="hidden" name="school"' in html  # one school: no choice to make


def test_other_schools_jobs_are_not_listed(province, client_for):
    run_import(province.school_a, province.advisor_a, xlsx(GOOD))
    html = client_for("advisor_b").get(reverse("imports:upload")).content.decode()
    assert "还没有导入记录" in html


@pytest.mark.parametrize("persona", NOT_ADVISORS)
@pytest.mark.parametrize("url_name", ["imports:upload", "imports:template"])
def test_pages_are_forbidden_to_everyone_but_advisors(province, client_for, persona, url_name):
    assert client_for(persona).get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("persona", NOT_ADVISORS)
def test_job_pages_are_forbidden_to_everyone_but_advisors(province, client_for, persona):
    job = _pending_job(province)
    client = client_for(persona)
    assert client.get(reverse("imports:job-detail", args=[job.pk])).status_code == 403
    assert client.get(reverse("imports:job-status", args=[job.pk])).status_code == 403


def test_upload_is_forbidden_to_a_student(province, client_for):
    response = client_for("student_a").post(
        reverse("imports:upload"), {"school": province.school_a.pk, "file": upload(xlsx(GOOD))}
    )
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_advisor_of_another_school_gets_404_on_a_job(province, client_for):
    job = _pending_job(province)
    client = client_for("advisor_b")
    assert client.get(reverse("imports:job-detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("imports:job-status", args=[job.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_upload_runs_the_job_and_redirects_to_it(
    province, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("advisor_a").post(
            reverse("imports:upload"),
            {"school": province.school_a.pk, "file": upload(xlsx(GOOD))},
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job-detail", args=[job.pk])
    assert job.status == ImportJob.Status.DONE  # the task ran (immediate backend in tests)
    assert job.uploaded_by == province.advisor_a and job.original_name == "名单.xlsx"
    assert User.objects.filter(username="TA01:2025001").exists()


def test_upload_into_another_school_is_refused(province, client_for):
    response = client_for("advisor_b").post(
        reverse("imports:upload"), {"school": province.school_a.pk, "file": upload(xlsx(GOOD))}
    )
    assert response.status_code == 400
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_advisor_of_two_schools_chooses_one(province, client_for):
    Membership.objects.create(
        user=province.advisor_a, node=province.school_b, school=province.school_b, role=Role.ADVISOR
    )
    client = client_for("advisor_a")
    html = client.get(reverse("imports:upload")).content.decode()
    assert '<select class="form-select' in html and "乙学院" in html and "甲大学" in html
    content = xlsx({"学生": [student("Y1", college="机械学院", klass="机械学院2024级1班")]})
    client.post(
        reverse("imports:upload"), {"school": province.school_b.pk, "file": upload(content)}
    )
    assert ImportJob.objects.get().school == province.school_b


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("名单.csv", b"a,b\n1,2\n", "只能上传 .xlsx 文件"),
        ("名单.xlsx", b"\x00\x01 corrupt", "无法读取该文件"),
        ("名单.xlsx", _zip_without_workbook(), "无法读取该文件"),
    ],
)
def test_bad_files_get_a_clear_message(province, client_for, name, content, message):
    response = client_for("advisor_a").post(
        reverse("imports:upload"),
        {"school": province.school_a.pk, "file": upload(content, name)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_oversized_file_gets_a_clear_message(province, client_for, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    response = client_for("advisor_a").post(
        reverse("imports:upload"), {"school": province.school_a.pk, "file": upload(xlsx(GOOD))}
    )
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


def test_missing_file_gets_a_message(province, client_for):
    response = client_for("advisor_a").post(
        reverse("imports:upload"), {"school": province.school_a.pk}
    )
    assert response.status_code == 400
    assert "请选择要上传的 .xlsx 文件" in response.content.decode()


def test_template_is_a_workbook_with_the_headers(province, client_for):
    response = client_for("advisor_a").get(reverse("imports:template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["说明", "学院", "班级", "职能部门", "学生", "教职工"]
    for spec in SHEETS:
        assert [c.value for c in book[spec.name][1]] == spec.headers
    guide = "\n".join(str(row[0].value or "") for row in book["说明"].iter_rows())
    assert "全部成功或全部不写入" in guide


def test_the_filled_in_template_imports(province, client_for):
    book = load_workbook(BytesIO(client_for("advisor_a").get(reverse("imports:template")).content))
    book["学院"].append(["新闻学院"])
    book["班级"].append(["新闻2025级1班", "新闻学院"])
    book["学生"].append(student("2025001", "甲", "新闻学院", "新闻2025级1班"))
    buffer = BytesIO()
    book.save(buffer)
    job = run_import(province.school_a, province.advisor_a, buffer.getvalue())
    assert job.status == ImportJob.Status.DONE, job.errors


def test_a_running_job_page_polls_its_status(province, client_for):
    job = _pending_job(province)
    html = client_for("advisor_a").get(reverse("imports:job-detail", args=[job.pk])).content
    page = html.decode()
    assert f'hx-get="{reverse("imports:job-status", args=[job.pk])}"' in page
    assert 'hx-trigger="every 1s"' in page and 'role="progressbar"' in page
    partial = client_for("advisor_a").get(reverse("imports:job-status", args=[job.pk]))
    assert partial.status_code == 200
    text = partial.content.decode()
    assert text.lstrip().startswith('<div id="job-status"') and "<html" not in text
    assert 'hx-trigger="every 1s"' in text and "排队中" in text


def test_a_finished_job_stops_polling_and_shows_the_outcome(province, client_for):
    job = run_import(province.school_a, province.advisor_a, xlsx(GOOD))
    text = client_for("advisor_a").get(reverse("imports:job-status", args=[job.pk])).content
    page = text.decode()
    assert "hx-trigger" not in page and 'data-status="done"' in page
    assert "学生 1 人" in page and "教职工 1 人" in page


def test_a_failed_job_shows_the_error_table(province, client_for):
    bad = xlsx({"学生": [student("2025001", phone="12345")]})
    job = run_import(province.school_a, province.advisor_a, bad)
    html = client_for("advisor_a").get(reverse("imports:job-detail", args=[job.pk])).content
    page = html.decode()
    assert 'data-testid="error-table"' in page
    assert "<td>2</td>" in page and "手机号" in page and "不是有效的 11 位手机号" in page
    assert "未写入任何数据" in page


def test_long_error_lists_are_paginated(province, client_for):
    bad = xlsx({"学生": [student(f"S{n}", phone="1") for n in range(150)]})
    job = run_import(province.school_a, province.advisor_a, bad)
    client = client_for("advisor_a")
    first = client.get(reverse("imports:job-detail", args=[job.pk])).content.decode()
    assert first.count("不是有效的 11 位手机号") == 100 and "page=2" in first
    second = client.get(reverse("imports:job-detail", args=[job.pk]) + "?page=2").content.decode()
    assert second.count("不是有效的 11 位手机号") == 50
