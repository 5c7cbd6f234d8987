import json

import pytest
from django.test import Client

from tongxin.rights.models import Issue, RightsSettings, Status

from .factories import category, submit

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, body: dict) -> object:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_a_token_client_walks_the_whole_loop(province, client_for):
    def token(persona):
        raw = client_for(persona).post("/accounts/tokens/", {"name": "app"}).context["new_token"]
        client = Client(enforce_csrf_checks=True)
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        return client

    student, officer, handler = token("student_a"), token("officer_a"), token("handler_a")
    created = _post(
        student,
        "/api/v1/rights/issues",
        {
            "category": category().pk,
            "title": "自习室空调坏了",
            "description": "三楼自习室空调不制冷。",
        },
    )
    assert created.status_code == 201
    issue = created.json()
    assert issue["writer"] == "我" and issue["status"] == "submitted"
    steps = [
        (officer, "accept", {"reply": "收到"}),
        (officer, "refer", {"lead_office": province.logistics_office_a.pk}),
        (handler, "office-answer", {"text": "已安排维修"}),
        (officer, "feed-back", {"text": "空调已修好"}),
        (student, "rate", {"rating": "satisfied"}),
    ]
    for client, action, body in steps:
        version = client.get(f"/api/v1/rights/issues/{issue['id']}").json()["version"]
        response = _post(
            client, f"/api/v1/rights/issues/{issue['id']}/{action}", {"version": version, **body}
        )
        assert response.status_code == 200, response.content
    detail = student.get(f"/api/v1/rights/issues/{issue['id']}").json()
    assert detail["status"] == "closed" and detail["rating"] == "satisfied"
    assert [e["kind"] for e in detail["timeline"]] == [
        "submitted",
        "accepted",
        "referred",
        "answered",
        "fed_back",
        "rated",
    ]


def test_a_refused_transition_is_a_400_with_a_chinese_message(province, client_for):
    issue = submit(province)
    response = _post(
        client_for("officer_a"),
        f"/api/v1/rights/issues/{issue.pk}/start",
        {"version": issue.version},
    )
    assert response.status_code == 400 and "当前状态" in response.json()["detail"]
    stale = _post(
        client_for("officer_a"),
        f"/api/v1/rights/issues/{issue.pk}/accept",
        {"version": issue.version + 5, "reply": "x"},
    )
    assert stale.status_code == 400 and "已被他人修改" in stale.json()["detail"]


def test_missing_version_and_unknown_action(province, client_for):
    issue = submit(province)
    assert (
        _post(
            client_for("officer_a"), f"/api/v1/rights/issues/{issue.pk}/accept", {"reply": "x"}
        ).status_code
        == 400
    )
    assert (
        _post(client_for("officer_a"), f"/api/v1/rights/issues/{issue.pk}/explode", {}).status_code
        == 404
    )


def test_not_allowed_is_403_and_out_of_reach_is_404(province, client_for):
    issue = submit(province)
    assert (
        _post(
            client_for("student_a"),
            f"/api/v1/rights/issues/{issue.pk}/accept",
            {"version": issue.version, "reply": "x"},
        ).status_code
        == 403
    )
    assert (
        _post(
            client_for("officer_b"),
            f"/api/v1/rights/issues/{issue.pk}/accept",
            {"version": issue.version, "reply": "x"},
        ).status_code
        == 404
    )
    assert Issue.objects.get(pk=issue.pk).status == Status.SUBMITTED


def test_queue_is_keyset_paginated(province, client_for):
    RightsSettings.objects.create(school=province.school_a, daily_submission_limit=100)
    for n in range(23):
        submit(province, title=f"问题 {n}")
    first = client_for("officer_a").get("/api/v1/rights/queue").json()
    assert len(first["items"]) == 20 and first["next_before"] == first["items"][-1]["id"]
    second = (
        client_for("officer_a").get(f"/api/v1/rights/queue?before={first['next_before']}").json()
    )
    assert len(second["items"]) == 3 and second["next_before"] is None


def test_submit_with_an_unknown_category_is_refused(province, client_for):
    response = _post(
        client_for("student_a"),
        "/api/v1/rights/issues",
        {"category": 99999, "title": "x", "description": "y"},
    )
    assert response.status_code == 400 and "未知的类别" in response.json()["detail"]
    assert not Issue.objects.exists()


def test_the_rights_endpoints_are_in_the_openapi_document(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/rights/issues",
        "/api/v1/rights/issues/mine",
        "/api/v1/rights/queue",
        "/api/v1/rights/issues/{issue_id}",
        "/api/v1/rights/issues/{issue_id}/{action}",
    } <= set(paths)
