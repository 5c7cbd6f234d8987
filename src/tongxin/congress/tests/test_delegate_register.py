"""Gender and ethnicity on the register (accounts.User): optional import columns, masked
like political status (accounts.view_sensitive_user: the advisor and the person)."""

from tongxin.accounts.models import Gender, User
from tongxin.imports.models import ImportJob
from tongxin.imports.tests.workbooks import fresh, run_import, student, xlsx


def test_the_import_reads_gender_and_ethnicity_when_given(province):
    rows = [
        [*student("2025101", "男同学"), "男", "汉族"],
        [*student("2025102", "女同学"), "女", "回族"],
        student("2025103", "未填同学"),  # the two columns are optional
    ]
    job = run_import(province.school_a, province.advisor_a, xlsx({"学生": rows}))
    assert job.status == ImportJob.Status.DONE
    people = {
        u.number: (u.gender, u.ethnicity) for u in User.objects.filter(number__startswith="20251")
    }
    assert people == {
        "2025101": (Gender.MALE, "汉族"),
        "2025102": (Gender.FEMALE, "回族"),
        "2025103": ("", ""),
    }


def test_a_bad_gender_or_ethnicity_is_named_and_nothing_is_written(province):
    before = User.objects.count()
    rows = [
        [*student("2025111", "甲"), "男性", "汉族"],
        [*student("2025112", "乙"), "女", "民" * 21],
        [*student("2025113", "丙"), "女", "汉族"],
    ]
    job = fresh(run_import(province.school_a, province.advisor_a, xlsx({"学生": rows})))
    assert job.status == ImportJob.Status.FAILED
    problems = [(e["row"], e["column"], e["message"]) for e in job.errors]
    assert (2, "性别", "性别“男性”无效，应为：男、女。") in problems
    assert any(line == 3 and column == "民族" for line, column, _m in problems)
    assert User.objects.count() == before


def test_gender_and_ethnicity_are_masked_like_political_status(province, client_for):
    User.objects.filter(pk=province.student_a.pk).update(gender=Gender.FEMALE, ethnicity="壮族")
    url = f"/accounts/people/{province.student_a.pk}/"
    page = client_for("secretary_a1").get(url).content.decode()
    assert "壮族" not in page and 'data-testid="gender">（不公开）' in page
    for viewer in ("advisor_a", "student_a"):
        page = client_for(viewer).get(url).content.decode()
        assert "壮族" in page and 'data-testid="gender">女' in page
