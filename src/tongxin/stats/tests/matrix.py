"""The authorization matrix's rows of the stats app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    COUNTY,
    FEDERATION,
    OVER_COUNTY,
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
