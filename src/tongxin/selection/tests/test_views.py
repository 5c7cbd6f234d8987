"""Pages: who opens what (200 / 403 / 404), the forms, the notice without sensitive fields,
bounded queries on the lists."""

import datetime

import pytest
from django.utils import timezone

from tongxin.accounts.models import Position
from tongxin.selection.models import Candidacy, Objection, SelectionSettings, State
from tongxin.staff.tests.factories import eligible_student
from tongxin.testing.clock import moment

from .factories import at, fresh, walk

pytestmark = pytest.mark.django_db
# A notice still running when the page is used: views act at the real "now".
RUNNING = timezone.now() - datetime.timedelta(minutes=5)
EVERYONE = [
    "student_a",
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "secretary_a2",
    "handler_a",
    "advisor_a",
    "advisor_b",
    "city_staff_1",
    "province_staff",
    "province_admin",
]
FEDERATION = ["city_staff_1", "province_staff", "province_admin"]


def _expect(persona, ok, forbidden=()):
    return 200 if persona in ok else 403 if persona in forbidden else 404


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize(
    ("url", "ok", "forbidden"),
    [
        ("/selection/", {"advisor_a", "advisor_b"}, set(EVERYONE) - {"advisor_a", "advisor_b"}),
        (
            "/selection/college/",
            {"secretary_a1", "secretary_a2"},
            set(EVERYONE) - {"secretary_a1", "secretary_a2"},
        ),
        ("/selection/notice/", set(EVERYONE) - set(FEDERATION), set(FEDERATION)),
        (
            "/selection/settings/",
            {"advisor_a", "advisor_b"},
            set(EVERYONE) - {"advisor_a", "advisor_b"},
        ),
    ],
)
def test_pages_per_persona(province, client_for, persona, url, ok, forbidden):
    assert client_for(persona).get(url).status_code == _expect(persona, ok, forbidden)


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_candidacy_page_per_persona(province, client_for, persona):
    candidacy = walk(province, State.REVIEWED)
    response = client_for(persona).get(f"/selection/candidacies/{candidacy.pk}/")
    assert response.status_code == _expect(persona, {"advisor_a", "secretary_a1"})


def test_the_candidate_opens_their_own_candidacy(province, client):
    candidacy = walk(province, State.REVIEWED)
    client.force_login(candidacy.candidate)
    response = client.get(f"/selection/candidacies/{candidacy.pk}/")
    assert response.status_code == 200 and "第 5/100 名" in response.content.decode()


def test_a_missing_candidacy_is_404(province, client_for):
    assert client_for("advisor_a").get("/selection/candidacies/999999/").status_code == 404


def test_grades_on_the_candidacy_page(province, client_for):
    candidacy = walk(province, State.REVIEWED)
    url = f"/selection/candidacies/{candidacy.pk}/"
    assert "第 5/100 名" in client_for("advisor_a").get(url).content.decode()
    secretary = client_for("secretary_a1").get(url).content.decode()
    assert "第 5/100 名" in secretary and "共青团员" not in secretary


# --- the secretary's page and the recommendation --------------------------------------------


def test_the_secretary_finds_a_student_and_recommends(province, client_for):
    eligible_student(province, "2023500", name="孔同学")
    client = client_for("secretary_a1")
    page = client.get("/selection/college/?number=2023500").content.decode()
    assert "孔同学" in page and "综合排名符合要求" in page and "5/100" not in page
    response = client.post(
        "/selection/college/recommend/",
        {
            "number": "2023500",
            "union": province.union_a.pk,
            "position": Position.PRESIDENT,
            "recommendation": "表现突出。",
        },
    )
    candidacy = Candidacy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/selection/candidacies/{candidacy.pk}/"


def test_a_student_of_another_college_is_not_found(province, client_for):
    client = client_for("secretary_a2")
    page = client.get("/selection/college/?number=2024001").content.decode()
    assert "本院找不到学号为“2024001”的在读学生" in page
    response = client.post(
        "/selection/college/recommend/",
        {"number": "2024001", "union": province.union_a.pk, "position": Position.PRESIDENT},
    )
    assert response.status_code == 200 and not Candidacy.objects.exists()
    assert "本院找不到学号为“2024001”的在读学生" in response.content.decode()


def test_a_bad_recommendation_names_the_field_and_saves_nothing(province, client_for):
    eligible_student(province, "2023501")
    response = client_for("secretary_a1").post(
        "/selection/college/recommend/",
        {
            "number": "2023501",
            "union": province.union_a.pk,
            "position": Position.MEMBER,
            "recommendation": "推荐。",
        },
    )
    assert response.status_code == 200 and not Candidacy.objects.exists()
    assert "部长、副部长和干事须选择该会在设的工作部门" in response.content.decode()


def test_others_may_not_post_a_recommendation(province, client_for):
    response = client_for("advisor_a").post("/selection/college/recommend/", {"number": "1"})
    assert response.status_code == 403


# --- steps on the candidacy page --------------------------------------------------------------


def test_the_steps_through_the_page(province, client_for):
    candidacy = walk(province, State.RECOMMENDED)
    url = f"/selection/candidacies/{candidacy.pk}/"
    secretary, advisor = client_for("secretary_a1"), client_for("advisor_a")
    assert 'data-testid="step-consent"' in secretary.get(url).content.decode()
    secretary.post(f"{url}consent/", {"version": fresh(candidacy).version, "text": "院党委同意"})
    advisor.post(f"{url}review/", {"version": fresh(candidacy).version, "text": "审查通过"})
    advisor.post(f"{url}decide/", {"version": fresh(candidacy).version, "text": "校党委会议决定"})
    advisor.post(f"{url}publish/", {"version": fresh(candidacy).version})
    assert fresh(candidacy).state == State.NOTICE
    page = advisor.get(url).content.decode()
    assert "院党委同意" in page and "校党委会议决定" in page and "公示期 5 个工作日" in page


def test_a_refused_step_shows_the_message(province, client_for):
    candidacy = walk(province, State.RECOMMENDED)
    url = f"/selection/candidacies/{candidacy.pk}/"
    response = client_for("advisor_a").post(
        f"{url}review/", {"version": candidacy.version, "text": "通过"}, follow=True
    )
    assert "主席团候选人须先经院党组织同意" in response.content.decode()
    assert fresh(candidacy).state == State.RECOMMENDED


@pytest.mark.parametrize(
    ("persona", "status"),
    [("advisor_b", 404), ("secretary_a2", 404), ("student_a", 404), ("secretary_a1", 403)],
)
def test_a_step_by_the_wrong_role(province, client_for, persona, status):
    candidacy = walk(province, State.COLLEGE_CONSENTED)
    response = client_for(persona).post(
        f"/selection/candidacies/{candidacy.pk}/review/",
        {"version": candidacy.version, "text": "通过"},
    )
    assert response.status_code == status
    assert fresh(candidacy).state == State.COLLEGE_CONSENTED


# The clock stands well after FRIDAY's notice ended (10-10), whatever day the suite runs.
@pytest.mark.time_machine(moment("2025-11-03"))
def test_appointment_from_the_page(province, client_for):
    candidacy = walk(province, State.NOTICE)
    url = f"/selection/candidacies/{candidacy.pk}/"
    advisor = client_for("advisor_a")
    assert 'data-testid="step-appoint"' in advisor.get(url).content.decode()
    advisor.post(f"{url}appoint/", {"version": candidacy.version})
    assert fresh(candidacy).state == State.APPOINTED


# --- the public notice ------------------------------------------------------------------------


def test_the_notice_shows_no_sensitive_fields(province, client_for):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    candidate = candidacy.candidate
    candidate.phone = "13612345678"
    candidate.save(update_fields=["phone"])
    page = client_for("student_a2").get("/selection/notice/").content.decode()
    assert candidate.real_name in page and "计算机学院" in page and "副主席" in page
    for secret in ("13612345678", candidate.number, "共青团员", "5/100", "第 5", "综合排名"):
        assert secret not in page
    assert f"/selection/notice/{candidacy.pk}/object/" in page


def test_the_advisor_sees_the_notice_without_an_objection_form(province, client_for):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    page = client_for("advisor_a").get("/selection/notice/").content.decode()
    assert candidacy.candidate.real_name in page
    assert f"/selection/notice/{candidacy.pk}/object/" not in page


def test_a_student_objects_from_the_notice_page(province, client_for):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    client = client_for("student_a2")
    response = client.post(f"/selection/notice/{candidacy.pk}/object/", {"text": "有不实之处。"})
    assert response.status_code == 302 and fresh(candidacy).state == State.PAUSED
    page = client.get("/selection/notice/").content.decode()
    assert "公示暂停" in page and "有不实之处" in page  # under "my objections"


@pytest.mark.parametrize(
    ("persona", "status"), [("student_b", 404), ("city_staff_1", 404), ("advisor_a", 403)]
)
def test_objections_from_outside_are_refused(province, client_for, persona, status):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    response = client_for(persona).post(
        f"/selection/notice/{candidacy.pk}/object/", {"text": "异议"}
    )
    assert response.status_code == status and not Objection.objects.exists()


def test_objection_texts_stay_with_the_advisor(province, client_for, client):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    client_for("student_a2").post(
        f"/selection/notice/{candidacy.pk}/object/", {"text": "具体异议内容"}
    )
    url = f"/selection/candidacies/{candidacy.pk}/"
    advisor_page = client_for("advisor_a").get(url).content.decode()
    assert "具体异议内容" in advisor_page and "李同学" in advisor_page
    client.force_login(candidacy.candidate)
    candidate_page = client.get(url).content.decode()
    assert "具体异议内容" not in candidate_page and "李同学" not in candidate_page
    assert "收到异议" in candidate_page and "一名同学" in candidate_page


def test_the_advisor_resolves_from_the_page(province, client_for):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    client_for("student_a2").post(f"/selection/notice/{candidacy.pk}/object/", {"text": "异议"})
    objection = Objection.objects.get()
    client_for("advisor_a").post(
        f"/selection/candidacies/{candidacy.pk}/resolve/",
        {
            "version": fresh(candidacy).version,
            "objection": objection.pk,
            "outcome": "dismissed",
            "answer": "经核实不成立。",
        },
    )
    assert fresh(candidacy).state == State.NOTICE
    assert Objection.objects.get().answer == "经核实不成立。"


# --- settings ---------------------------------------------------------------------------------


def test_the_advisor_sets_the_notice_length(province, client_for):
    client = client_for("advisor_a")
    assert client.post("/selection/settings/", {"notice_workdays": "7"}).status_code == 302
    assert SelectionSettings.objects.get(school=province.school_a).notice_workdays == 7
    response = client.post("/selection/settings/", {"notice_workdays": "0"})
    assert "公示期应在 1 到 30 个工作日之间" in response.content.decode()


# --- query budgets ----------------------------------------------------------------------------


def _many(province, n, prefix):
    for i in range(n):
        walk(province, State.NOTICE, number=f"{prefix}{i:02d}", start=at(2026, 1, 5))


# Session, user, permissions, grants, the demo-banner cache and the unread count come with
# every page; the list itself adds a fixed few, whatever the number of rows.
BUDGET = 16


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("advisor_a", "/selection/"),
        ("advisor_a", "/selection/?state=notice"),
        ("secretary_a1", "/selection/college/"),
        ("student_a2", "/selection/notice/"),
    ],
)
def test_list_pages_use_a_bounded_number_of_queries(
    province, client_for, django_assert_max_num_queries, persona, url
):
    client = client_for(persona)
    _many(province, 2, "202390")
    with django_assert_max_num_queries(BUDGET):
        assert client.get(url).status_code == 200
    _many(province, 12, "202380")
    with django_assert_max_num_queries(BUDGET):
        response = client.get(url)
    assert response.content.decode().count("拟任") >= 12
