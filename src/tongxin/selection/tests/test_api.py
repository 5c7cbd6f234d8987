"""The JSON API: a whole path through the steps, scoping (404), pages a role may not use (403),
refusals as 400 naming the field, the notice without sensitive fields."""

import datetime
import json

import pytest
from django.utils import timezone

from tongxin.accounts.models import Position
from tongxin.selection.models import Candidacy, State
from tongxin.staff.tests.factories import eligible_student

from .factories import fresh, walk

pytestmark = pytest.mark.django_db
RUNNING = timezone.now() - datetime.timedelta(minutes=5)


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def _step(client, pk, action, **body):
    version = client.get(f"/api/v1/selection/candidacies/{pk}").json()["version"]
    return _post(
        client, f"/api/v1/selection/candidacies/{pk}/{action}", {"version": version, **body}
    )


def test_a_presidium_candidate_through_the_api(province, client_for):
    eligible_student(province, "2023600", name="严同学")
    secretary, advisor = client_for("secretary_a1"), client_for("advisor_a")
    created = _post(
        secretary,
        "/api/v1/selection/candidacies",
        {
            "number": "2023600",
            "union": province.union_a.pk,
            "position": Position.PRESIDENT,
            "recommendation": "推荐。",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert secretary.get(f"/api/v1/selection/candidacies/{pk}").json()["steps"] == [
        "consent",
        "withdraw",
    ]
    for client, action, body in [
        (secretary, "consent", {"text": "同意"}),
        (advisor, "review", {"text": "通过"}),
        (advisor, "decide", {"text": "决定"}),
        (advisor, "publish", {}),
    ]:
        response = _step(client, pk, action, **body)
        assert response.status_code == 200, response.content
    detail = advisor.get(f"/api/v1/selection/candidacies/{pk}").json()
    assert detail["state"] == State.NOTICE and detail["notice_workdays"] == 5
    assert [e["kind"] for e in detail["timeline"]] == [
        "recommended",
        "consented",
        "reviewed",
        "decided",
        "published",
    ]
    assert detail["shows_figures"] and any("5/100" in c["text"] for c in detail["eligibility"])


def test_an_objection_through_the_api_pauses_and_the_advisor_answers(province, client_for):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    student, advisor = client_for("student_a2"), client_for("advisor_a")
    notice = student.get("/api/v1/selection/notice").json()["items"]
    assert [n["id"] for n in notice] == [candidacy.pk] and notice[0]["can_object"]
    lodged = _post(
        student, f"/api/v1/selection/notice/{candidacy.pk}/objections", {"text": "有异议"}
    )
    assert lodged.status_code == 201
    detail = advisor.get(f"/api/v1/selection/candidacies/{candidacy.pk}").json()
    assert detail["state"] == State.PAUSED and detail["steps"] == ["resolve", "reject"]
    objection = detail["objections"][0]
    answered = _step(
        advisor,
        candidacy.pk,
        "resolve",
        objection=objection["id"],
        outcome="dismissed",
        answer="不成立。",
    )
    assert answered.status_code == 200 and answered.json()["state"] == State.NOTICE


def test_refusals_are_400_with_the_field(province, client_for):
    candidacy = walk(province, State.RECOMMENDED)
    response = _step(client_for("advisor_a"), candidacy.pk, "review", text="通过")
    assert response.status_code == 400 and response.json()["field"] == "state"
    stale = _post(
        client_for("secretary_a1"),
        f"/api/v1/selection/candidacies/{candidacy.pk}/consent",
        {"version": candidacy.version + 5, "text": "同意"},
    )
    assert stale.status_code == 400 and "刷新" in stale.json()["detail"]
    missing = _post(
        client_for("secretary_a1"),
        f"/api/v1/selection/candidacies/{candidacy.pk}/consent",
        {"text": "同意"},
    )
    assert missing.status_code == 400 and "版本号" in missing.json()["detail"]
    assert fresh(candidacy).state == State.RECOMMENDED


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("advisor_a", 200),
        ("secretary_a1", 200),
        ("secretary_a2", 404),
        ("advisor_b", 404),
        ("student_a", 404),
        ("city_staff_1", 404),
        ("province_admin", 404),
    ],
)
def test_detail_per_persona(province, client_for, persona, status):
    candidacy = walk(province, State.RECOMMENDED)
    response = client_for(persona).get(f"/api/v1/selection/candidacies/{candidacy.pk}")
    assert response.status_code == status


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("advisor_a", 1),
        ("secretary_a1", 1),
        ("secretary_a2", 0),
        ("advisor_b", 0),
        ("student_a", 0),
    ],
)
def test_list_per_persona(province, client_for, persona, count):
    walk(province, State.RECOMMENDED)
    response = client_for(persona).get("/api/v1/selection/candidacies")
    assert response.status_code == 200 and len(response.json()["items"]) == count


def test_a_step_by_a_role_in_reach_without_the_permission_is_403(province, client_for):
    candidacy = walk(province, State.COLLEGE_CONSENTED)
    assert _step(client_for("secretary_a1"), candidacy.pk, "review", text="x").status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"), [("advisor_a", 403), ("student_a", 403), ("secretary_a1", 201)]
)
def test_only_college_secretaries_recommend(province, client_for, persona, status):
    eligible_student(province, "2023601")
    response = _post(
        client_for(persona),
        "/api/v1/selection/candidacies",
        {
            "number": "2023601",
            "union": province.union_a.pk,
            "position": "president",
            "recommendation": "推荐。",
        },
    )
    assert response.status_code == status


def test_an_unknown_number_is_400_naming_the_field(province, client_for):
    response = _post(
        client_for("secretary_a1"),
        "/api/v1/selection/candidacies",
        {"number": "0000", "union": province.union_a.pk, "position": "president"},
    )
    assert response.status_code == 400 and response.json()["field"] == "number"
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("student_a", 200), ("city_staff_1", 403)])
def test_the_notice_api_per_persona(province, client_for, persona, status):
    assert client_for(persona).get("/api/v1/selection/notice").status_code == status


def test_the_notice_api_carries_no_sensitive_fields(province, client_for):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    body = client_for("student_a2").get("/api/v1/selection/notice").content.decode()
    for secret in (candidacy.candidate.number, "phone", "political", "rank", "5/100", "共青团员"):
        assert secret not in body


@pytest.mark.parametrize(("persona", "status"), [("student_b", 404), ("advisor_a", 403)])
def test_objections_from_outside_the_school_or_role(province, client_for, persona, status):
    candidacy = walk(province, State.NOTICE, start=RUNNING)
    response = _post(
        client_for(persona), f"/api/v1/selection/notice/{candidacy.pk}/objections", {"text": "x"}
    )
    assert response.status_code == status


def test_the_openapi_document_lists_selection(province, client_for):
    paths = client_for("student_a").get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/selection/candidacies/{candidacy_id}/{action}" in paths
