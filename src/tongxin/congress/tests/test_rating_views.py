"""The rating's pages and API: the table, the rate form, the Excel export (opened), the JSON
table and action with its refusals."""

import io
import json

import pytest
from openpyxl import load_workbook

from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince

from ..models import Grade, Rating, SessionState
from ..services.rating import rate_congress
from .rating_factories import D, line_for, session_for

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-06-15"))]


def rated(p: TinyProvince, union: str = "union_a", grade: str = Grade.EXCELLENT, notes: str = ""):
    return rate_congress(
        actor=p.city_staff_1, union=p.nodes[union], year=2025, grade=grade, notes=notes, version=0
    )


def test_city_staff_see_their_unions_with_facts(province: TinyProvince, client_for) -> None:
    line = line_for(province.union_a, due_on=D(2026, 9, 1))
    session_for(line, SessionState.REPORTED, by=province.officer_a, held_start=D(2025, 5, 8))
    rated(province, notes="程序规范。")
    page = client_for("city_staff_1").get("/congress/ratings/?year=2025").content.decode()
    assert "甲大学学生会" in page and "甲大学研究生会" in page and "城关高级中学学生会" in page
    assert "乙学院学生会" not in page
    assert "程序规范。" in page and "2025年度代表大会评定" in page
    assert "提案" not in page.split("<thead>")[1].split("</thead>")[0]  # part 2 adds it


def test_grade_filter_on_the_page(province: TinyProvince, client_for) -> None:
    rated(province, grade=Grade.ATTENTION, notes="未按期召开。")
    page = client_for("city_staff_1").get("/congress/ratings/?year=2025&grade=attention")
    body = page.content.decode()
    assert "甲大学学生会" in body and "甲大学研究生会" not in body


def test_advisor_sees_college_unions_only(province: TinyProvince, client_for) -> None:
    body = client_for("advisor_a").get("/congress/ratings/").content.decode()
    assert "计算机学院学生会" in body and "文学院学生会" in body and "甲大学研究生会" not in body


def test_rating_on_the_page(province: TinyProvince, client_for) -> None:
    url = f"/congress/ratings/{province.union_a.pk}/2025/"
    client = client_for("city_staff_1")
    assert 'name="grade"' in client.get(url).content.decode()
    response = client.post(url, {"grade": Grade.QUALIFIED, "notes": "", "version": "0"})
    assert response.status_code == 302
    assert Rating.objects.get(union=province.union_a, year=2025).grade == Grade.QUALIFIED
    table = client.get(response["Location"]).content.decode()
    assert "合格" in table


def test_attention_without_notes_shows_the_field_error(province, client_for) -> None:
    url = f"/congress/ratings/{province.union_a.pk}/2025/"
    response = client_for("city_staff_1").post(
        url, {"grade": Grade.ATTENTION, "notes": "", "version": "0"}
    )
    assert response.status_code == 200 and "评为重点关注时须填写评语" in response.content.decode()
    assert not Rating.objects.exists()


def test_stale_form_is_refused_on_the_page(province: TinyProvince, client_for) -> None:
    rated(province)
    url = f"/congress/ratings/{province.union_a.pk}/2025/"
    response = client_for("city_staff_1").post(url, {"grade": Grade.QUALIFIED, "version": "0"})
    assert "已被他人修改" in response.content.decode()
    assert Rating.objects.get().grade == Grade.EXCELLENT


def test_province_staff_read_but_may_not_post(province: TinyProvince, client_for) -> None:
    url = f"/congress/ratings/{province.union_b.pk}/2025/"
    client = client_for("province_staff")
    page = client.get(url).content.decode()
    assert 'name="grade"' not in page and "您可以查看本评定" in page
    assert client.post(url, {"grade": Grade.EXCELLENT, "version": "0"}).status_code == 403


def test_a_future_year_is_404(province: TinyProvince, client_for) -> None:
    url = f"/congress/ratings/{province.union_a.pk}/2027/"
    assert client_for("city_staff_1").get(url).status_code == 404


def test_export_holds_the_table(province: TinyProvince, client_for) -> None:
    line = line_for(province.union_a, due_on=D(2026, 9, 1), last_held_on=D(2025, 5, 8))
    session_for(line, SessionState.HELD, by=province.officer_a, held_start=D(2025, 5, 8))
    rated(province, grade=Grade.ATTENTION, notes="报告未提交。")
    response = client_for("city_staff_1").get("/congress/ratings/export.xlsx?year=2025")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("城市", "学校代码", "学校", "学生会", "层级", "已申请")
    by_union = {row[3]: row for row in rows[1:]}
    assert set(by_union) == {"甲大学学生会", "甲大学研究生会", "城关高级中学学生会"}
    union_a = by_union["甲大学学生会"]
    assert union_a[:3] == ("一市学联", "TA01", "甲大学")
    assert union_a[5:10] == ("是", "是", "是", "否", "是")
    assert union_a[10].date() == D(2025, 5, 8)
    assert union_a[12:15] == ("重点关注", "报告未提交。", "蒋干事")
    assert by_union["甲大学研究生会"][12] == "未评定"


def test_api_table_and_rating(province: TinyProvince, client_for) -> None:
    client = client_for("city_staff_1")
    table = client.get("/api/v1/congress/ratings?year=2025").json()
    row = next(r for r in table["items"] if r["union_id"] == province.union_a.pk)
    assert row["rating"] is None and row["version"] == 0 and row["may_rate"]
    body = {"year": 2025, "grade": "excellent", "notes": "好", "version": row["version"]}
    url = f"/api/v1/congress/ratings/{province.union_a.pk}"
    done = client.post(url, json.dumps(body), content_type="application/json")
    assert done.status_code == 200 and done.json()["rating"]["grade_label"] == "优"
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 400 and again.json()["field"] == "version"


def test_api_refusals(province: TinyProvince, client_for) -> None:
    body = json.dumps({"year": 2025, "grade": "excellent", "version": 0})
    url = f"/api/v1/congress/ratings/{province.union_a.pk}"
    assert (
        client_for("province_staff").post(url, body, content_type="application/json").status_code
        == 403
    )
    assert (
        client_for("city_staff_2").post(url, body, content_type="application/json").status_code
        == 404
    )
    assert client_for("county_specialist").get("/api/v1/congress/ratings").status_code == 403
    missing = json.dumps({"year": 2025, "grade": "", "version": 0})
    refused = client_for("city_staff_1").post(url, missing, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["field"] == "grade"
