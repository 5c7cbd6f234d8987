"""The statistics API (router tested on its own; mounted at /api/v1/stats by the lead)."""

import pytest
from ninja.testing import TestClient

from tongxin.stats.api import router
from tongxin.stats.fold import fold_rights_activity
from tongxin.stats.models import WeeklyReport
from tongxin.stats.tasks import build_due_reports

from .conftest import ANONYMOUS_TITLE, SILENT_TITLE, WEEK, Week
from .factories import at

pytestmark = pytest.mark.django_db
client = TestClient(router)


def get(week: Week, persona: str, path: str):
    user = week.p.people[persona]
    user.__dict__.pop("_tongxin_grants", None)
    return client.get(path, user=user)


def test_school_figures_as_json(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    response = get(
        week, "advisor_a", f"/schools/{week.p.school_a.pk}?start=2025-03-03&end=2025-03-09"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["figures"]["counts"] == WEEK
    assert data["figures"]["on_time"] == {"numerator": 14, "denominator": 17, "value": 14 / 17}
    assert data["figures"]["first_reply_median_hours"] == pytest.approx(2.5)
    assert data["figures"]["on_time_by_clock"]["answer"]["value"] == 1.0
    assert [c["name"] for c in data["categories"]] == ["食堂餐饮", "宿舍与水电", "其他"]


def test_gates(week: Week) -> None:
    a, b = week.p.school_a.pk, week.p.school_b.pk
    assert get(week, "student_a", f"/schools/{a}").status_code == 403
    assert get(week, "officer_a", f"/schools/{a}").status_code == 403
    assert get(week, "advisor_b", f"/schools/{a}").status_code == 404
    assert get(week, "city_staff_1", f"/schools/{a}").status_code == 200
    assert get(week, "city_staff_1", f"/schools/{b}").status_code == 404
    assert get(week, "advisor_a", "/overview").status_code == 403
    assert get(week, "advisor_a", f"/schools/{a}?month=2025-13").status_code == 400


def test_overview_as_json(week: Week) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    data = get(week, "province_admin", "/overview?month=2025-03&sort=on_time").json()
    assert [r["code"] for r in data["items"]] == ["TB01", "TA01", "TC01"]
    assert data["items"][1]["satisfaction"]["value"] == pytest.approx(2 / 4)
    assert data["items"][0]["satisfaction"]["value"] is None
    city = get(week, "city_staff_1", "/overview?month=2025-03").json()
    assert [r["code"] for r in city["items"]] == ["TA01", "TC01"]  # TC01: in a county


def test_reports_as_json_keep_the_citys_view(week: Week) -> None:
    build_due_reports(now=at(3, 10, 9))
    report = WeeklyReport.objects.get(school=week.p.school_a)
    full = get(week, "advisor_a", f"/reports/{report.pk}").json()
    city = get(week, "city_staff_1", f"/reports/{report.pk}").json()
    assert full["full"] and not city["full"]
    assert [i["title"] for i in full["figures"]["overdue"]["items"]] == [
        ANONYMOUS_TITLE,
        SILENT_TITLE,
    ]
    assert [i["title"] for i in city["figures"]["overdue"]["items"]] == [ANONYMOUS_TITLE]
    assert "escalated" not in city["figures"]
    assert get(week, "officer_b", f"/reports/{report.pk}").status_code == 404
    assert get(week, "handler_a", f"/reports/{report.pk}").status_code == 403
    listed = get(week, "city_staff_1", "/reports").json()
    county_school = WeeklyReport.objects.get(school=week.p.school_c)
    assert [r["id"] for r in listed["items"]] == [report.pk, county_school.pk]
    for secret in ["张同学", "2024001"]:
        assert secret not in str(full) and secret not in str(city)
