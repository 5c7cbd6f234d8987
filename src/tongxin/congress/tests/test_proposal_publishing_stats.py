"""The proposal statistics on a hand-computed session (proposal_factories_publishing.
stats_world): every figure of every reach asserted, by year, category, school, union, office
and city, on the page and through the API."""

import json

import pytest

from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince

from .. import proposal_publish as pub
from .proposal_factories_publishing import stats_world

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-06-15"))]
NOW = moment("2026-06-15")


def counts(**over: int) -> dict[str, int]:
    base = dict.fromkeys(pub.FIGURE_NAMES, 0)
    return base | over


# Union A's 2026 session: 1 draft and 2 withdrawn are not collected; 3 submitted; 4, 5
# referred (4 past due); 6 replied A; 7 done A 满意; 8 done C 不满意; 9 progressing B;
# 10 further D 不满意 (past due); 11 not accepted; 12 merged into 7; 13 done A 基本满意.
UNION_A = counts(
    collected=11,  # 3..13
    accepted=8,  # 4, 5, 6, 7, 8, 9, 10, 13
    not_accepted=1,
    merged=1,
    handled=6,  # 6, 7, 8, 9, 10, 13
    class_A=3,  # 6, 7, 13
    class_B=1,
    class_C=1,
    class_D=1,
    rated=4,  # 7, 8, 10, 13
    satisfied=2,  # 7, 13
    overdue=2,  # 4, 10
)
# School A adds the college union's 20 (referred, due later).
SCHOOL_A = UNION_A | {"collected": 12, "accepted": 9}


def test_the_officer_counts_their_union_of_the_year(province: TinyProvince) -> None:
    stats_world(province)
    scope = pub.in_year(pub.stats_scope_for(province.officer_a), 2026)
    assert pub.figures(scope, NOW) == UNION_A
    assert pub.stats_years_for(province.officer_a) == [2026, 2025]
    # 2025: union A's older session with one submitted proposal.
    assert pub.figures(pub.in_year(pub.stats_scope_for(province.officer_a), 2025), NOW) == counts(
        collected=1
    )


def test_the_advisor_counts_the_school_and_the_city_its_schools(province: TinyProvince) -> None:
    stats_world(province)
    for who in ("advisor_a", "city_staff_1"):
        scope = pub.in_year(pub.stats_scope_for(province.people[who]), 2026)
        assert pub.figures(scope, NOW) == SCHOOL_A, who
    city_2 = pub.in_year(pub.stats_scope_for(province.city_staff_2), 2026)
    assert pub.figures(city_2, NOW) == counts(collected=1)
    province_scope = pub.in_year(pub.stats_scope_for(province.province_staff), 2026)
    assert pub.figures(province_scope, NOW)["collected"] == 13
    # A college union's officer sees their own union only; a student nothing.
    college = pub.in_year(pub.stats_scope_for(province.college_officer_a1), 2026)
    assert pub.figures(college, NOW) == counts(collected=1, accepted=1)
    assert not pub.stats_scope_for(province.student_a2).exists()
    assert not pub.stats_scope_for(province.county_specialist).exists()


def test_by_category_and_by_office(province: TinyProvince) -> None:
    stats_world(province)
    scope = pub.in_year(pub.stats_scope_for(province.officer_a), 2026)
    by_category = {r["category"]: r for r in pub.figures_by(scope, "category", now=NOW)}
    assert {k: r["collected"] for k, r in by_category.items()} == {
        "education": 3,  # 4, 5, 13
        "life": 5,  # 3, 6, 7, 11, 12
        "rights": 1,
        "growth": 1,
        "other": 1,
    }
    assert by_category["education"]["handled"] == 1
    assert by_category["education"]["overdue"] == 1
    assert by_category["life"]["class_A"] == 2
    school = pub.in_year(pub.stats_scope_for(province.advisor_a), 2026)
    offices = {
        r["lead_office__name"]: r
        for r in pub.figures_by(
            school.filter(lead_office_id__isnull=False),
            "lead_office_id",
            "lead_office__name",
            now=NOW,
        )
    }
    logistics = offices[province.logistics_office_a.name]
    academic = offices[province.academic_office_a.name]
    assert {k: logistics[k] for k in pub.FIGURE_NAMES} == counts(
        collected=4, accepted=4, handled=3, class_A=3, rated=2, satisfied=2, overdue=1
    )
    assert {k: academic[k] for k in pub.FIGURE_NAMES} == counts(
        collected=5, accepted=5, handled=3, class_B=1, class_C=1, class_D=1, rated=2, overdue=1
    )


def test_the_page_shows_the_figures_with_school_union_and_office(
    province: TinyProvince, client_for
) -> None:
    stats_world(province)
    client = client_for("advisor_a")
    page = client.get("/congress/proposals/stats/").content.decode()
    assert "2026年提案统计" in page
    assert province.school_a.name in page
    drilled = client.get(
        f"/congress/proposals/stats/?year=2026&school={province.school_a.pk}"
    ).content.decode()
    assert "按承办部门" in drilled and province.academic_office_a.name in drilled
    assert province.college_union_a1.name in drilled
    # A school out of reach is missing alike.
    other = client.get(f"/congress/proposals/stats/?school={province.school_b.pk}")
    assert other.status_code == 404


def test_the_federation_figures_come_from_the_api(province: TinyProvince, client_for) -> None:
    stats_world(province)
    body = json.loads(
        client_for("province_staff").get("/api/v1/congress/proposals/stats?year=2026").content
    )
    assert body["year"] == 2026 and body["years"] == [2026, 2025]
    assert body["totals"]["collected"] == 13
    cities = {r["name"]: r["figures"] for r in body["by_city"]}
    assert cities[province.city_1.name] == SCHOOL_A
    assert cities[province.city_2.name] == counts(collected=1)
    schools = {r["name"]: r["figures"]["collected"] for r in body["by_school"]}
    assert schools == {province.school_a.name: 12, province.school_b.name: 1}
    officer = json.loads(
        client_for("officer_a").get("/api/v1/congress/proposals/stats?year=2026").content
    )
    assert officer["totals"] == UNION_A
    assert client_for("student_a").get("/api/v1/congress/proposals/stats").status_code == 403
    assert client_for("student_a").get("/congress/proposals/stats/").status_code == 403


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_cost_the_same_whatever_the_number_of_proposals(
    province: TinyProvince, client_for
) -> None:
    """Aggregates, not rows: more proposals (and a second session's) add no query."""
    from ..proposal_models import ProposalState
    from .proposal_factories_publishing import proposal

    w = stats_world(province)
    urls = [
        "/congress/proposals/stats/?year=2026",
        f"/congress/proposals/stats/?year=2026&school={province.school_a.pk}",
        "/congress/proposals/",
    ]
    clients = {"/congress/proposals/": client_for("student_a")}
    for u in urls:  # warm: the login's first request loads its session and grants
        (clients.get(u) or client_for("advisor_a")).get(u)
    before = {u: _queries(clients.get(u) or client_for("advisor_a"), u) for u in urls}
    for n in range(30):
        proposal(
            w.session,
            ProposalState.DONE,
            lead=province.student_a,
            title=f"追加{n}",
            lead_office=province.academic_office_a,
            result_class="A",
            handled_at=NOW,
        )
    after = {u: _queries(clients.get(u) or client_for("advisor_a"), u) for u in urls}
    assert after == before
