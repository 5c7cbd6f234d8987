from django.test import Client

from tongxin.notifications.services import notify
from tongxin.orgs.models import Node


def test_me_names_the_roles(province, client_for):
    body = client_for("officer_a").get("/api/v1/me").json()
    assert body["real_name"] == "赵主席"
    assert [(g["role"], g["position"], g["node_id"]) for g in body["grants"]] == [
        ("officer", "president", province.union_a.pk)
    ]


def test_org_tree_is_the_callers_scope_in_tree_order(province, client_for):
    body = client_for("advisor_a").get("/api/v1/orgs/nodes").json()
    ids = [n["id"] for n in body["items"]]
    assert province.school_a.pk in ids and province.school_b.pk not in ids
    assert ids[0] == province.school_a.pk  # the school comes before what lies below it
    children = (
        client_for("advisor_a").get(f"/api/v1/orgs/nodes?parent={province.college_a1.pk}").json()
    )
    assert {n["kind"] for n in children["items"]} == {"college_union", "class"}


def test_province_staff_page_through_the_tree(province, client_for):
    first = client_for("province_staff").get("/api/v1/orgs/nodes").json()
    assert first["page"] == 1 and first["has_next"] is False
    # The whole tiny tree: the province, two cities and county 1, schools A, B and C with
    # their unions, offices, colleges and classes.
    assert len(first["items"]) == 30 == Node.objects.count()


def test_session_posts_need_csrf(province):
    client = Client(enforce_csrf_checks=True)
    client.force_login(province.student_a)
    [n] = notify(recipients=[province.student_a], verb="t.x.y", title="x")
    assert client.post(f"/api/v1/notifications/{n.pk}/read").status_code == 403


def test_token_clients_need_no_csrf(province, client_for):
    raw = client_for("student_a").post("/accounts/tokens/", {"name": "app"}).context["new_token"]
    [n] = notify(recipients=[province.student_a], verb="t.x.y", title="x")
    response = Client(enforce_csrf_checks=True).post(
        f"/api/v1/notifications/{n.pk}/read", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200 and response.json()["read"] is True


def test_bad_token_is_401(province):
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer tx_nope").status_code == 401


def test_openapi_describes_the_endpoints(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/me", "/api/v1/orgs/nodes", "/api/v1/notifications"} <= set(paths)
