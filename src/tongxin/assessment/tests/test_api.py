import json

import pytest

from tongxin.assessment import services
from tongxin.assessment.models import Rating

from .factories import close, open_round, rate, rated, scores, union_with_officers
from .test_views import RATER_NAMES

pytestmark = pytest.mark.django_db
API = "/api/v1/assessment"


@pytest.fixture
def p(province):
    return union_with_officers(province)


@pytest.fixture
def round_(p):
    return open_round(p)


def _post(client, body):
    return client.post(f"{API}/ratings", data=json.dumps(body), content_type="application/json")


def test_rater_lists_and_rates_once(p, round_, client_for):
    client = client_for("student_a")
    services.report_submit(
        actor=p.officer_a, rated=rated(round_, p.officer_a), text="组织迎新和权益周"
    )
    todo = client.get(f"{API}/to-rate").json()
    names = {item["officer_name"]: item for item in todo["items"]}
    assert set(names) == {"赵主席", "王部长", "刘干事"}
    target = names["赵主席"]
    assert target["report"] == "组织迎新和权益周" and target["rated_by_me"] is False
    created = _post(client, {"rated": target["rated_id"], **scores(81, 82, 83, 84, 85)})
    assert created.status_code == 201, created.content
    assert created.json()["work"] == 84
    again = _post(client, {"rated": target["rated_id"], **scores(99)})
    assert again.status_code == 400 and "只能评一次" in again.json()["detail"]
    bad = _post(client, {"rated": names["王部长"]["rated_id"], **scores(80, 80, 80, 80, 101)})
    assert bad.status_code == 400 and bad.json()["field"] == "discipline"
    assert Rating.objects.count() == 1
    todo = client.get(f"{API}/to-rate").json()
    assert {i["officer_name"]: i["rated_by_me"] for i in todo["items"]}["赵主席"] is True


def test_api_permissions(p, round_, client_for):
    target = rated(round_, p.officer_a).pk
    assert client_for("handler_a").get(f"{API}/to-rate").status_code == 403
    assert _post(client_for("handler_a"), {"rated": target, **scores(80)}).status_code == 403
    assert _post(client_for("officer_a"), {"rated": target, **scores(80)}).status_code == 404
    assert client_for("student_a").get(f"{API}/mine").status_code == 403
    assert client_for("officer_a").get(f"{API}/mine").status_code == 200


def test_closed_round_refuses_ratings_over_the_api(p, round_, client_for):
    close(p, round_)
    response = _post(
        client_for("student_a"), {"rated": rated(round_, p.officer_a).pk, **scores(80)}
    )
    assert response.status_code == 400 and "已经结束" in response.json()["detail"]


def test_own_results_show_scores_and_group_averages_but_no_rater(p, round_, client_for):
    client = client_for("officer_a")
    before = client.get(f"{API}/mine").json()["items"][0]
    assert before["published"] is False and before["score"] is None
    for key in ["advisor_a", "secretary_a1", "student_a", "student_a2", "minister_a", "member_a"]:
        rate(p, key, round_, "officer_a", scores(80, 90, 70, 100, 60))
    close(p, round_)
    hidden = client.get(f"{API}/mine").json()["items"][0]
    assert hidden["score"] is None and hidden["dimensions"] == []  # closed, not yet published
    services.round_publish(actor=p.advisor_a, round_=round_, expected_version=None)
    response = client.get(f"{API}/mine")
    mine = response.json()["items"][0]
    assert mine["published"] is True and float(mine["score"]) == 80.0
    assert mine["level_label"] == "合格"
    assert {d["key"]: d["score"] for d in mine["dimensions"]}["work"] == 100.0
    assert {g["key"]: (g["score"], g["count"]) for g in mine["groups"]} == {
        "teacher": (80.0, 2),
        "delegate": (80.0, 2),
        "peer": (80.0, 2),
    }
    body = json.dumps(response.json(), ensure_ascii=False)
    assert "甲大学学生会" in body  # Chinese is compared as text, not \u escapes
    assert not [name for name in RATER_NAMES if name in body]


def test_the_endpoints_are_in_the_openapi_document(p, client_for):
    paths = client_for("officer_a").get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/assessment/to-rate", "/api/v1/assessment/ratings"} <= set(paths)
    assert "/api/v1/assessment/mine" in paths
