"""A school's facts: every union at both levels with the verdict in the year's scoring
words, the remark, the source and the facts; recomputing from the page and the API."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.audit.models import AuditEvent
from tongxin.orgs.models import Node
from tongxin.testing.clock import moment

from ..models import Catalogue, Level, Result, ScoringModel, Source
from ..seed import seed_scorings
from .heatmap_world import NOW, YEAR, computed
from .world import staff_union

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment(NOW))]


def page(client, school: Node, year: int = YEAR) -> str:
    response = client.get(f"/reform/schools/{school.pk}/?year={year}")
    assert response.status_code == 200
    return response.content.decode()


def row(body: str, union: Node, number: int) -> str:
    card = body.split(f'data-union="{union.pk}"')[1].split('data-testid="union-card"')[0]
    return card.split(f'data-number="{number}"')[1].split("</tr>")[0]


def test_51_staff_fails_at_40_and_the_recompute_passes_it_at_60(province, client_for) -> None:
    staff_union(province, staff=51, presidium=5, departments=6)
    computed(province)
    computed(province, Level.COLLEGE)
    client = client_for("advisor_a")
    body = page(client, province.school_a)
    staff = row(body, province.union_a, 3)
    assert ">否<" in staff and "实有 51 人" in staff and "系统计算" in staff
    assert "工作人员 51 人，上限 40 人" in staff
    departments = row(body, province.union_a, 5)
    assert "学习部、实践部、权益服务部、文体部、宣传部、组织部" in departments
    assert ">是<" in departments
    assert "计算机学院学生会" in body and "文学院学生会" in body  # table 二's unions
    assert "乙学院" not in body
    # Each union's name opens its own page (evidence, explanations) in the same year.
    assert f'href="/reform/unions/{province.union_a.pk}/?year={YEAR}"' in body

    Node.objects.filter(pk=province.school_a.pk).update(allows_large_staff=True)
    done = client.post(f"/reform/schools/{province.school_a.pk}/compute/", {"year": YEAR})
    assert done.status_code == 302 and done["Location"].endswith(f"?year={YEAR}")
    staff = row(page(client, province.school_a), province.union_a, 3)
    assert ">是<" in staff and "上限 60 人（适用较大上限）" in staff
    events = AuditEvent.objects.filter(action="reform.results.computed", actor=province.advisor_a)
    assert events.count() == 2  # table 一 and table 二 of the school


def test_sensitive_facts_show_counts_and_other_positions_their_holders(
    province, client_for
) -> None:
    staff_union(province, staff=8, presidium=3, not_members=2, other_positions=1)
    computed(province)
    body = page(client_for("city_staff_1"), province.school_a)
    political = row(body, province.union_a, 7)
    assert ">否<" in political and "不符合 2 人" in political
    assert "干部1<" not in body and "干部2<" not in body  # no names behind political status
    positions = row(body, province.union_a, 6)
    assert "干部8（" in positions and ">否<" in positions


def test_pending_evidence_and_scoring_labels(province, client_for) -> None:
    cat = computed(province)
    seed_scorings()
    cat.scoring = ScoringModel.objects.get(pass_label="达标")
    cat.save(update_fields=["scoring"])
    results = Result.objects.filter(catalogue=cat, union=province.union_a)
    results.filter(indicator__number=2).update(passed=True, source=Source.EVIDENCE)
    results.filter(indicator__number=3).update(passed=False)
    body = page(client_for("province_admin"), province.school_a)
    manual = row(body, province.union_a, 1)
    assert "待填报" in manual and "★" in manual
    assert ">达标<" in row(body, province.union_a, 2) and "依据材料" in row(
        body, province.union_a, 2
    )
    assert ">未达标<" in row(body, province.union_a, 3)
    assert "无法计算" in row(body, province.union_a, 11)  # no congress record in Tongxin


def test_a_year_without_catalogues(province, client_for) -> None:
    body = page(client_for("advisor_a"), province.school_a, 2019)
    assert "2019—2020 学年尚无指标体系" in body
    url = f"/reform/schools/{province.school_a.pk}/compute/"
    again = client_for("advisor_a").post(url, {"year": 2019})
    assert again.status_code == 200 and "2019 学年尚无指标体系，无法计算" in again.content.decode()
    assert not Result.objects.exists()


def test_reach_and_refusals(province, client_for) -> None:
    url = f"/reform/schools/{province.school_a.pk}/"
    assert client_for("advisor_b").get(url).status_code == 404
    assert client_for("county_specialist").get(url).status_code == 404
    assert client_for("officer_a").get(url).status_code == 403
    compute = f"{url}compute/"
    assert client_for("officer_a").post(compute, {"year": YEAR}).status_code == 403
    assert client_for("advisor_b").post(compute, {"year": YEAR}).status_code == 404
    assert not Result.objects.exists()
    assert client_for("advisor_a").get(f"{compute}").status_code == 405


def test_the_page_reads_a_bounded_number_of_queries(province, client_for) -> None:
    computed(province)
    computed(province, Level.COLLEGE)
    client = client_for("province_admin")
    page(client, province.school_b)
    with CaptureQueriesContext(connection) as small:
        page(client, province.school_b)  # 2 school-level unions, 1 college union
    with CaptureQueriesContext(connection) as large:
        page(client, province.school_a)  # 2 school-level unions, 2 college unions
    assert len(small) == len(large)


def test_api_school_and_recompute(province, client_for) -> None:
    staff_union(province, staff=31, presidium=5, departments=4)
    client = client_for("advisor_a")
    url = f"/api/v1/reform/schools/{province.school_a.pk}"
    done = client.post(f"{url}/compute?year={YEAR}")
    assert done.status_code == 200 and done.json()["year"] == YEAR
    assert done.json()["unions"] == 2 + 2  # school union, graduate union, two college unions
    data = client.get(f"{url}?year={YEAR}").json()
    assert [level["level"] for level in data["levels"]] == ["school", "college"]
    union_a = next(u for u in data["levels"][0]["unions"] if u["id"] == province.union_a.pk)
    staff = next(r for r in union_a["results"] if r["number"] == 3)
    assert (staff["verdict"], staff["remark"], staff["source_label"]) == (
        "是",
        "实有 31 人",
        "系统计算",
    )
    assert staff["facts"] == ["工作人员 31 人，上限 40 人"]
    assert client_for("officer_a").get(url).status_code == 403
    assert client_for("advisor_b").get(url).status_code == 404
    assert Catalogue.objects.filter(academic_year=YEAR).count() == 2
