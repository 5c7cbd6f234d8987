"""The authorization matrix's rows of the stats app (tests/test_authorization_matrix.py)."""

from tongxin.orgs.models import Node
from tongxin.stats.models import WeeklyReport
from tongxin.stats.selectors import report_list_for, school_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    COUNTY,
    FEDERATION,
    FEDERATION_ALL,
    OFFICERS,
    OVER_COUNTY,
    OVER_SCHOOL_A,
    UNION_A,
    Grant,
    Row,
    others,
)

REPORT_READERS = ["officer_a", "college_officer_a1", "advisor_a", *FEDERATION, *COUNTY]

ROWS = [
    Row(
        "stats of school A",
        lambda p: f"/stats/schools/{p.school_a.pk}/",
        ["advisor_a", *FEDERATION],
        others("advisor_a", *FEDERATION, *COUNTY),
    ),
    Row(
        "stats of school B",
        lambda p: f"/stats/schools/{p.school_b.pk}/",
        ["province_staff", "province_admin"],
        others("advisor_a", *FEDERATION, *COUNTY),
    ),
    Row(
        "stats of county school C",
        lambda p: f"/stats/schools/{p.school_c.pk}/",
        OVER_COUNTY,
        others("advisor_a", *OVER_COUNTY),
    ),
    Row("stats overview", lambda p: "/stats/overview/", OVER_COUNTY, others(*OVER_COUNTY)),
    Row("weekly reports", lambda p: "/stats/reports/", REPORT_READERS, others(*REPORT_READERS)),
]

GRANTS = [
    Grant("statistics pages", "stats.view_stats", None, [*ADVISORS, *FEDERATION_ALL]),
    Grant(
        "statistics of school A",
        "stats.view_school_stats",
        lambda p: p.school_a,
        ["advisor_a", *OVER_SCHOOL_A],
        listed=school_list_for,
        among=lambda p: Node.objects.all(),
    ),
    Grant(
        "statistics of county school C",
        "stats.view_school_stats",
        lambda p: p.school_c,
        ["county_specialist", *OVER_SCHOOL_A],
    ),
    Grant("federation overview", "stats.view_overview", None, FEDERATION_ALL),
    Grant(
        "weekly reports page",
        "stats.view_report_list",
        None,
        [*OFFICERS, *ADVISORS, *FEDERATION_ALL],
    ),
    Grant(
        "school A's weekly report",
        "stats.view_weekly_report",
        lambda p: WeeklyReport.objects.get(school=p.school_a),
        [*UNION_A, "advisor_a", *OVER_SCHOOL_A],
        listed=report_list_for,
        among=lambda p: WeeklyReport.objects.select_related("school"),
    ),
    Grant(
        "school A's full weekly report (the school side only)",
        "stats.view_full_weekly_report",
        lambda p: WeeklyReport.objects.get(school=p.school_a),
        [*UNION_A, "advisor_a"],
    ),
    Grant("build a weekly report (the worker only)", "stats.build_weekly_report", None, ["system"]),
]
