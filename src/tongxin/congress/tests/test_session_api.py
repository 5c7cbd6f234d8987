"""The congress sessions' JSON API: the same steps and refusals as the pages."""

import pytest

from tongxin.congress.models import SessionState
from tongxin.congress.tests.session_factories import line, walk
from tongxin.testing.clock import moment

pytestmark = pytest.mark.time_machine(moment("2025-03-03"))
API = "/api/v1/congress"


def _step(client, session_id: int, action: str, **body):
    return client.post(
        f"{API}/sessions/{session_id}/{action}", body, content_type="application/json"
    )


def test_a_college_union_walks_its_session_through_the_api(province, client_for):
    officer, advisor = client_for("college_officer_a1"), client_for("advisor_a")
    college = line(province)
    created = officer.post(f"{API}/lines/{college.pk}/sessions")
    assert created.status_code == 201
    s = created.json()
    applied = _step(
        officer,
        s["id"],
        "apply",
        version=s["version"],
        planned_start="2025-03-10",
        place="报告厅",
        agenda="工作报告",
        delegate_seats=30,
    )
    assert applied.status_code == 200, applied.json()
    assert advisor.get(f"{API}/applications").json()["items"][0]["id"] == s["id"]
    detail = advisor.get(f"{API}/sessions/{s['id']}").json()
    assert detail["steps"] == ["approve", "return", "cancel"]
    approved = _step(advisor, s["id"], "approve", version=detail["version"])
    assert approved.json()["state"] == SessionState.APPROVED
    assert [e["kind"] for e in approved.json()["timeline"]] == ["planned", "applied", "approved"]


def test_refusals_answer_with_chinese_messages(province, client_for):
    session = walk(province, SessionState.CONFIRMED)
    officer = client_for("college_officer_a1")
    early = _step(officer, session.pk, "report", version=session.version, work_report="x")
    assert early.status_code == 400 and early.json()["field"] == "state"
    stale = _step(officer, session.pk, "hold", version=session.version - 1, attendance=3)
    assert stale.status_code == 400 and "已被他人修改" in stale.json()["detail"]
    assert _step(client_for("advisor_b"), session.pk, "cancel", version=1).status_code == 404
    unknown = _step(officer, session.pk, "explode", version=session.version)
    assert unknown.status_code == 404


def test_lines_watched_and_rules(province, client_for):
    line(province)
    line(province, "union_a")
    watched = client_for("city_staff_1").get(f"{API}/watched").json()["items"]
    assert [w["union_id"] for w in watched] == [province.union_a.pk]
    assert client_for("college_officer_a1").get(f"{API}/watched").status_code == 403
    admin = client_for("province_admin")
    assert {r["level"] for r in admin.get(f"{API}/rules").json()} == {
        "school",
        "graduate",
        "college",
    }
    body = {
        "interval_months": 24,
        "reminder_days": 30,
        "assembly_max_students": 400,
        "assembly_quorum_permille": 500,
    }
    put = admin.put(f"{API}/rules/school", body, content_type="application/json")
    assert put.json()["interval_months"] == 24
    assert client_for("advisor_a").get(f"{API}/rules").status_code == 403


def test_every_endpoint_is_in_the_openapi_document(client_for):
    paths = client_for("student_a").get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/lines",
        "/lines/{line_id}",
        "/lines/{line_id}/sessions",
        "/lines/{line_id}/past",
        "/watched",
        "/applications",
        "/sessions/{session_id}",
        "/sessions/{session_id}/{action}",
        "/rules",
        "/rules/{level}",
    ]:
        assert f"{API}{path}" in paths, path
