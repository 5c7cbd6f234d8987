"""The review chain's API: the list of a level with its waiting flag, an assessment with
its steps, the steps of sheets and assessments (refusals as 400/403 in Chinese, nothing
changed), the reporting rates."""

import pytest

from tongxin.testing.clock import moment

from ..models import AssessmentState, SheetState, UnionSheet
from .review_world import assessment_of, computed_year, move

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]
API = "/api/v1/reform"
A, S = AssessmentState, SheetState


@pytest.fixture
def world(province):
    computed_year(province)
    return province


def post(client, url: str, **body):
    return client.post(url, body, content_type="application/json")


def test_the_city_lists_its_schools_with_the_waiting_flag(world, client_for):
    p = world
    move(assessment_of(p, "c"), A.SUBMITTED)
    body = client_for("city_staff_1").get(f"{API}/assessments?year=2026").json()
    rows = {r["school_id"]: r for r in body["items"]}
    assert set(rows) == {p.school_a.pk, p.school_c.pk}
    assert rows[p.school_a.pk]["waiting"] is True and rows[p.school_c.pk]["waiting"] is False
    only = client_for("city_staff_1").get(f"{API}/assessments?year=2026&state=submitted").json()
    assert [r["school_id"] for r in only["items"]] == [p.school_c.pk]
    bad = client_for("city_staff_1").get(f"{API}/assessments?state=nonsense")
    assert bad.status_code == 422


def test_steps_through_the_api(world, client_for):
    p = world
    advisor = client_for("advisor_a")
    a = assessment_of(p)
    detail = advisor.get(f"{API}/assessments/{a.pk}").json()
    sheets = {s["union_id"]: s for s in detail["sheets"]}
    union = sheets[p.union_a.pk]
    assert union["steps"] == ["school-check"] and detail["steps"] == ["submit"]
    college = sheets[p.college_union_a1.pk]
    assert college["steps"] == []  # waits for its secretary
    answer = post(client_for("secretary_a1"), f"{API}/sheets/{college['id']}/college-check",
                  version=college["version"])  # fmt: skip
    assert answer.status_code == 200 and answer.json()["state"] == S.COLLEGE_CHECKED
    refused = post(advisor, f"{API}/assessments/{a.pk}/submit", version=a.version)
    assert refused.status_code == 400 and "尚未经校团委审核" in refused.json()["detail"]
    UnionSheet.objects.filter(school=p.school_a).update(state=S.SCHOOL_CHECKED)
    done = post(advisor, f"{API}/assessments/{a.pk}/submit", version=a.version)
    assert done.status_code == 200 and done.json()["state"] == A.SUBMITTED
    stale = post(advisor, f"{API}/assessments/{a.pk}/withdraw-submit", version=a.version)
    assert stale.status_code == 400 and assessment_of(p).state == A.SUBMITTED
    city = client_for("city_staff_1")
    no_reason = post(city, f"{API}/assessments/{a.pk}/city-return", version=a.version + 1)
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "reason"
    forbidden = post(client_for("province_staff"), f"{API}/assessments/{a.pk}/city-approve",
                     version=a.version + 1)  # fmt: skip
    assert forbidden.status_code == 403 and assessment_of(p).state == A.SUBMITTED
    unknown = post(city, f"{API}/assessments/{a.pk}/approve-all", version=a.version + 1)
    assert unknown.status_code == 404
    ok = post(city, f"{API}/assessments/{a.pk}/city-approve", version=a.version + 1).json()
    assert ok["state"] == A.CITY_REVIEWED and [t["action"] for t in ok["timeline"]] == [
        "college-check",
        "submit",
        "city-approve",
    ]


def test_rates_through_the_api(world, client_for):
    p = world
    move(assessment_of(p, "a"), A.SUBMITTED)
    rates = client_for("province_staff").get(f"{API}/review/rates?year=2026").json()
    school = next(r for r in rates if r["level"] == "school")
    assert (school["expected"], school["submitted"], school["on_time"]) == (3, 1, 0)
    assert school["due"] is None  # no calendar: nothing counts as on time
    assert client_for("student_a").get(f"{API}/review/rates").status_code == 403
