"""The heat map's page, its Excel export and its JSON: the same figures, the same scope,
the query count of the page not growing with the schools."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tongxin.testing.clock import moment

from .heatmap_world import NOW, YEAR, computed, item_3_spread

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment(NOW))]


@pytest.fixture
def spread(province):
    cat = computed(province)
    item_3_spread(province, cat)
    return cat


def rows_of(body: str) -> list[str]:
    return body.split('data-testid="heatmap-row"')[1:]


def test_province_admin_sees_every_school_with_the_chart_and_the_table(
    province, client_for, spread
) -> None:
    response = client_for("province_admin").get("/reform/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "2025—2026 学年" in body and 'id="chart-heatmap"' in body
    assert 'id="reform-heatmap"' in body and "echarts.min.js" in body
    rows = rows_of(body)
    assert [("甲大学" in r, "乙学院" in r, "城关高级中学" in r) for r in rows] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    assert ">50%<" in rows[0] and ">100%<" in rows[1]
    passing = body.split('data-testid="passing-row"')[1].split("</tr>")[0]
    assert '<td class="text-center fw-semibold">2</td>' in passing  # item 3: B and C
    assert f"/reform/schools/{province.school_a.pk}/?year={YEAR}" in body


def test_city_staff_see_their_schools_and_another_city_is_404(province, client_for, spread) -> None:
    client = client_for("city_staff_1")
    body = client.get("/reform/").content.decode()
    assert "甲大学" in body and "城关高级中学" in body and "乙学院" not in body
    assert client.get(f"/reform/?city={province.city_2.pk}").status_code == 404
    assert client.get(f"/reform/?county={province.county_1.pk}").status_code == 200


def test_the_filter_keeps_the_query_in_the_export_link(province, client_for, spread) -> None:
    url = f"/reform/?city={province.city_1.pk}&type=general_high"
    body = client_for("province_admin").get(url).content.decode()
    assert f"heatmap.xlsx?year={YEAR}&amp;level=school&amp;city={province.city_1.pk}" in body
    assert [("城关高级中学" in r) for r in rows_of(body)] == [True]


def test_a_year_without_catalogue_says_so(province, client_for) -> None:
    body = client_for("province_staff").get("/reform/?year=2019").content.decode()
    assert "2019—2020 学年尚无表一指标体系" in body
    assert "echarts" not in body  # no chart to draw: the library is not loaded


def test_hostile_filters_answer_404_or_the_defaults(province, client_for) -> None:
    client = client_for("province_admin")
    for query in ("year=9223372036854775808&level=x&type=y", "year=-1", "year=0"):
        response = client.get(f"/reform/?{query}")
        assert (
            response.status_code == 200 and f"{YEAR}—{YEAR + 1} 学年" in response.content.decode()
        )
    for query in ("city=abc", "city=99999999999999999999", f"county={province.school_a.pk}"):
        assert client.get(f"/reform/?{query}").status_code == 404
        assert client.get(f"/api/v1/reform/heatmap?{query}").status_code == 404
    school = f"/reform/schools/{province.school_a.pk}/?year=99999"
    assert client.get(school).status_code == 200


def test_page_queries_do_not_grow_with_schools(province, client_for, spread) -> None:
    client = client_for("province_admin")
    one_school = f"/reform/?city={province.city_2.pk}"
    for url in ("/reform/", one_school):  # warm: the session, the menu's and the nodes' memos
        client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert len(rows_of(client.get(one_school).content.decode())) == 1
    with CaptureQueriesContext(connection) as three:
        assert len(rows_of(client.get("/reform/").content.decode())) == 3
    assert len(one) == len(three)


def test_export_holds_the_table(province, client_for, spread) -> None:
    response = client_for("province_admin").get(f"/reform/heatmap.xlsx?year={YEAR}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("学校代码", "学校", "城市", "县（区）", "学校类型", "1. 服务定位")
    assert len(rows[0]) == 5 + 11
    by_code = {r[0]: r for r in rows[1:4]}
    assert by_code["TA01"][1:5] == ("甲大学", "一市学联", None, "本科")
    assert by_code["TC01"][2:5] == ("一市学联", "一市城关区团委", "普通高中")
    assert by_code["TA01"][5 + 2] == 0.5 and by_code["TB01"][5 + 2] == 1
    assert rows[4][0] == "达标学校数" and rows[4][5 + 2] == 2
    assert rows[5][0] == "较上一学年" and rows[5][5 + 2] == "—"


def test_export_of_another_city_is_404(province, client_for, spread) -> None:
    url = f"/reform/heatmap.xlsx?city={province.city_2.pk}"
    assert client_for("city_staff_1").get(url).status_code == 404


def test_api_heatmap(province, client_for, spread) -> None:
    data = client_for("city_staff_1").get("/api/v1/reform/heatmap?level=school").json()
    assert data["year"] == YEAR and data["level"] == "school"
    assert [s["code"] for s in data["schools"]] == ["TA01", "TC01"]
    item_3 = next(c for c in data["schools"][0]["cells"] if c["number"] == 3)
    assert item_3 == {
        "number": 3,
        "unions": 2,
        "judged": 2,
        "passed": 1,
        "share": 0.5,
        "passes": False,
    }
    column = next(i for i in data["indicators"] if i["number"] == 3)
    assert (column["passing_schools"], column["change"]) == (1, None)  # C only, in city 1
    assert next(i for i in data["indicators"] if i["number"] == 1)["mark"] == "★"
    high = client_for("city_staff_1").get("/api/v1/reform/heatmap?type=general_high").json()
    assert [s["code"] for s in high["schools"]] == ["TC01"]
    schema = client_for("city_staff_1").get("/api/v1/openapi.json").json()
    listed = schema["paths"]["/api/v1/reform/heatmap"]["get"]["parameters"]
    assert {p["name"] for p in listed} == {"year", "level", "city", "county", "type"}
    refused = client_for("city_staff_1").get(f"/api/v1/reform/heatmap?city={province.city_2.pk}")
    assert refused.status_code == 404


def test_school_roles_may_not_open_the_heat_map(province, client_for) -> None:
    assert client_for("advisor_a").get("/reform/").status_code == 403
    assert client_for("advisor_a").get("/api/v1/reform/heatmap").status_code == 403


def test_the_menu_shows_the_heat_map_to_federation_staff(province, client_for) -> None:
    assert 'href="/reform/"' in client_for("province_staff").get("/").content.decode()
    assert 'href="/reform/"' not in client_for("student_a").get("/").content.decode()
