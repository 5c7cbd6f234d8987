"""The statistics pages: who gets 200 / 403 / 404, what they show, exports, query budgets."""

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from tongxin.stats.fold import fold_rights_activity
from tongxin.stats.models import WeeklyReport
from tongxin.stats.tasks import build_due_reports
from tongxin.testing.province import PERSONAS, TinyProvince

from .conftest import ANONYMOUS_TITLE, Week
from .factories import Story, at

pytestmark = pytest.mark.django_db
ALL = [*PERSONAS, "advisor_b"]
FEDERATION = ["city_staff_1", "province_staff", "province_admin"]
NEVER = ["student_a", "officer_a", "college_officer_a1", "secretary_a1", "handler_a"]
NEVER_REPORTS = ["student_a", "secretary_a1", "handler_a"]
PROVINCE = ["province_staff", "province_admin"]
COUNTY = ["county_specialist"]  # over county 1's school C only


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[TinyProvince, dict[str, int]], str]
    ok: list[str]
    forbidden: list[str]  # 403; everyone else 404

    def expected(self, persona: str) -> int:
        if persona in self.ok:
            return 200
        return 403 if persona in self.forbidden else 404


SCHOOL_A = ["advisor_a", *FEDERATION]
SCHOOL_B = ["advisor_b", *PROVINCE]
NOT_OVERVIEW = [*NEVER, "advisor_a", "advisor_b"]
REPORT_LIST = ["officer_a", "college_officer_a1", "advisor_a", "advisor_b", *FEDERATION, *COUNTY]
REPORT_A = ["officer_a", "advisor_a", *FEDERATION]


def school(key: str, suffix: str = "") -> Callable[[TinyProvince, dict[str, int]], str]:
    return lambda p, r: f"/stats/schools/{p.nodes[key].pk}/{suffix}"


def report(key: str, suffix: str = "") -> Callable[[TinyProvince, dict[str, int]], str]:
    return lambda p, r: f"/stats/reports/{r[key]}/{suffix}"


MATRIX = [
    Row("school A", school("school_a"), SCHOOL_A, NEVER),
    Row("school B", school("school_b"), SCHOOL_B, NEVER),
    Row("school A export", school("school_a", "export.xlsx"), SCHOOL_A, NEVER),
    Row("a union is no school", school("union_a"), [], NEVER),
    Row("a missing school", lambda p, r: "/stats/schools/999999/", [], NEVER),
    Row("overview", lambda p, r: "/stats/overview/", [*FEDERATION, *COUNTY], NOT_OVERVIEW),
    Row(
        "overview export",
        lambda p, r: "/stats/overview/export.xlsx",
        [*FEDERATION, *COUNTY],
        NOT_OVERVIEW,
    ),
    Row("report list", lambda p, r: "/stats/reports/", REPORT_LIST, NEVER_REPORTS),
    Row("report of A", report("a"), REPORT_A, NEVER_REPORTS),
    Row("report of A as PDF", report("a", "report.pdf"), REPORT_A, NEVER_REPORTS),
    Row("report of A as Excel", report("a", "report.xlsx"), REPORT_A, NEVER_REPORTS),
    Row("report of B", report("b"), SCHOOL_B, NEVER_REPORTS),
]


@pytest.fixture
def reports(province: TinyProvince) -> dict[str, int]:
    build_due_reports(now=timezone.now())
    return {
        "a": WeeklyReport.objects.get(school=province.school_a).pk,
        "b": WeeklyReport.objects.get(school=province.school_b).pk,
    }


@pytest.mark.parametrize("row", MATRIX, ids=lambda r: r.name)
def test_matrix(row: Row, province: TinyProvince, reports: dict[str, int], client_for) -> None:
    url = row.url(province, reports)
    got = {persona: client_for(persona).get(url).status_code for persona in ALL}
    assert got == {persona: row.expected(persona) for persona in ALL}


def test_anonymous_visitors_are_sent_to_login(province: TinyProvince) -> None:
    response = Client().get(f"/stats/schools/{province.school_a.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_entry_sends_each_reader_to_their_page(province: TinyProvince, client_for) -> None:
    assert (
        client_for("advisor_a").get("/stats/")["Location"]
        == f"/stats/schools/{province.school_a.pk}/"
    )
    assert client_for("city_staff_1").get("/stats/")["Location"] == "/stats/overview/"
    assert client_for("officer_a").get("/stats/").status_code == 403


def test_the_school_page_shows_the_hand_computed_month(week: Week, client_for) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    html = (
        client_for("advisor_a")
        .get(f"/stats/schools/{week.p.school_a.pk}/?start=2025-03-03&end=2025-03-09")
        .content.decode()
    )
    for expected in [
        "甲大学",
        "82.4%",
        "50.0%",
        "2.5 小时",
        "27.0 小时",
        "stats-charts",
        "echarts-6.1.0/echarts.min.js",
    ]:
        assert expected in html
    for secret in ["张同学", "2024001", ANONYMOUS_TITLE]:
        assert secret not in html


def test_nothing_rated_shows_a_dash(province: TinyProvince, clock, client_for) -> None:
    Story(province, clock).submit(at(3, 3, 9))
    fold_rights_activity(now=at(3, 3, 12))
    html = (
        client_for("advisor_a")
        .get(f"/stats/schools/{province.school_a.pk}/?month=2025-03")
        .content.decode()
    )
    assert 'data-testid="satisfaction">—<' in html and 'data-testid="on-time">—<' in html


def test_a_bad_period_is_explained(province: TinyProvince, client_for) -> None:
    response = client_for("advisor_a").get(
        f"/stats/schools/{province.school_a.pk}/?start=2025-03-09&end=2025-03-01"
    )
    assert response.status_code == 200 and "截止日期不能早于起始日期。" in response.content.decode()


def test_the_overview_lists_the_schools_in_reach_and_sorts_by_rate(week: Week, client_for) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    city = client_for("city_staff_1").get("/stats/overview/?month=2025-03").content.decode()
    assert "甲大学" in city and "乙学院" not in city
    best_first = (
        client_for("province_admin")
        .get("/stats/overview/?month=2025-03&sort=-on_time")
        .content.decode()
    )
    assert best_first.index("甲大学") < best_first.index("乙学院")  # 82.4 % before 50 %
    worst_first = (
        client_for("province_admin")
        .get("/stats/overview/?month=2025-03&sort=on_time")
        .content.decode()
    )
    assert worst_first.index("乙学院") < worst_first.index("甲大学")
    for sort in ["-satisfaction", "satisfaction"]:  # B has no rating: last either way
        page = (
            client_for("province_admin")
            .get(f"/stats/overview/?month=2025-03&sort={sort}")
            .content.decode()
        )
        assert page.index("甲大学") < page.index("乙学院")


def test_exports_are_excel_with_the_figures(week: Week, client_for) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    response = client_for("advisor_a").get(
        f"/stats/schools/{week.p.school_a.pk}/export.xlsx?start=2025-03-03&end=2025-03-09"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    summary = {r[0]: r[1:] for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["收到"][0] == 9
    assert summary["按时率（全部时限）"][1] == pytest.approx(14 / 17)
    assert summary["满意率"][1] == pytest.approx(2 / 4)
    overview = client_for("city_staff_1").get("/stats/overview/export.xlsx?month=2025-03")
    rows = list(
        load_workbook(io.BytesIO(overview.content))
        .worksheets[0]
        .iter_rows(min_row=2, values_only=True)
    )
    assert [r[0] for r in rows] == ["TA01", "TC01"]  # TC01: city 1's school in a county
    assert [(r[0], r[3], round(r[6], 3), r[7], r[8]) for r in rows[:1]] == [
        ("TA01", 9, 0.824, 14, 17)
    ]
    assert rows[1][2] == "一市学联 · 一市城关区团委"
    for content in [response.content, overview.content]:
        text = str([c for s in load_workbook(io.BytesIO(content)).worksheets for c in s.values])
        assert "张同学" not in text and "2024001" not in text


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_issues(p: TinyProvince, clock, n: int) -> None:
    for k in range(n):
        day = 11 + k // 3  # in time order: the rate limit counts from midnight on
        Story(p, clock).submit(at(3, day, 9, k)).accept(at(3, day, 10, k))


# Session, user, two permission tables, memberships, the school, the rollup queries, the
# school's reports, the demo flag and the unread count: a fixed number whatever the issues.
PAGES = [
    ("advisor_a", lambda p: f"/stats/schools/{p.school_a.pk}/?month=2025-03", 14),
    ("province_admin", lambda p: "/stats/overview/?month=2025-03&sort=-satisfaction", 10),
    ("officer_a", lambda p: "/stats/reports/", 9),
]


@pytest.mark.parametrize(("persona", "url", "budget"), PAGES, ids=[p[0] for p in PAGES])
def test_query_counts_do_not_grow_with_the_issues(
    week: Week, persona: str, url, budget: int, client_for, django_assert_max_num_queries
) -> None:
    fold_rights_activity(now=at(3, 10, 9))
    build_due_reports(now=at(3, 10, 9))
    client = client_for(persona)
    client.get(url(week.p))  # warm: the session's first save, the demo flag's cache
    before = _queries(client, url(week.p))
    _more_issues(week.p, week.clock, 12)
    fold_rights_activity(now=at(3, 20, 9))
    client.get(url(week.p))  # warm again: ten days on, the demo flag's cache entry expired
    with django_assert_max_num_queries(budget):
        assert client.get(url(week.p)).status_code == 200
    assert _queries(client, url(week.p)) == before


def test_report_page_query_count(week: Week, client_for, django_assert_max_num_queries) -> None:
    build_due_reports(now=at(3, 10, 9))
    report = WeeklyReport.objects.get(school=week.p.school_a)
    client = client_for("city_staff_1")
    client.get("/stats/reports/")
    with django_assert_max_num_queries(8):
        assert client.get(f"/stats/reports/{report.pk}/").status_code == 200
