"""The authorization matrix's rows of the rights app (tests/test_authorization_matrix.py)."""

from tongxin.testing.matrix import (
    EVERYONE,
    FEDERATION,
    OVER_COUNTY,
    SCHOOL_A,
    Row,
    others,
)

QUEUE_READERS = ["officer_a", "college_officer_a1", "secretary_a1"]

ROWS = [
    Row("submit an issue", lambda p: "/rights/submit/", ["student_a"], others("student_a")),
    Row(
        "similar issues",
        lambda p: "/rights/similar/?title=食堂",
        ["student_a"],
        others("student_a"),
    ),
    Row("my issues", lambda p: "/rights/mine/", EVERYONE, []),
    Row("union queue", lambda p: "/rights/queue/", QUEUE_READERS, others(*QUEUE_READERS)),
    Row("office inbox", lambda p: "/rights/inbox/", ["handler_a"], others("handler_a")),
    Row("echo wall", lambda p: "/rights/wall/", SCHOOL_A, OVER_COUNTY),
    Row("rights settings", lambda p: "/rights/settings/", ["advisor_a"], others("advisor_a")),
    Row(
        "rights categories",
        lambda p: "/rights/categories/",
        ["province_admin"],
        others("province_admin"),
    ),
    Row(
        "issue referred to logistics",
        lambda p: f"/rights/issues/{p.issues['referred'].pk}/",
        ["student_a", "officer_a", "handler_a", "advisor_a"],
        [],
    ),
    Row(
        "issue in college union A1",
        lambda p: f"/rights/issues/{p.issues['college_a1'].pk}/",
        ["student_a", "officer_a", "college_officer_a1", "secretary_a1", "advisor_a"],
        [],
    ),
    Row(
        "anonymous issue",
        lambda p: f"/rights/issues/{p.issues['anonymous'].pk}/",
        ["student_a", "officer_a", "advisor_a"],
        [],
    ),
    Row(
        "issue escalated to the city",
        lambda p: f"/rights/issues/{p.issues['escalated'].pk}/",
        ["student_a", "officer_a", "advisor_a", *FEDERATION],
        [],
    ),
    Row(
        "issue of the sibling school",
        lambda p: f"/rights/issues/{p.issues['school_b'].pk}/",
        [],
        [],
    ),
    Row(
        "photo of the referred issue",
        lambda p: f"/rights/photos/{p.issues['referred'].photos.get().pk}/",
        ["student_a", "officer_a", "handler_a", "advisor_a"],
        [],
    ),
    Row("API my issues", lambda p: "/api/v1/rights/issues/mine", EVERYONE, []),
    Row("API queue", lambda p: "/api/v1/rights/queue", QUEUE_READERS, others(*QUEUE_READERS)),
    Row(
        "API referred issue",
        lambda p: f"/api/v1/rights/issues/{p.issues['referred'].pk}",
        ["student_a", "officer_a", "handler_a", "advisor_a"],
        [],
    ),
    Row(
        "API sibling school's issue",
        lambda p: f"/api/v1/rights/issues/{p.issues['school_b'].pk}",
        [],
        [],
    ),
    Row(
        "county school's issue escalated to the city",
        lambda p: f"/rights/issues/{p.issues['county_escalated'].pk}/",
        OVER_COUNTY,
        [],
    ),
    Row(
        "county school's issue not escalated",
        lambda p: f"/rights/issues/{p.issues['county_open'].pk}/",
        [],
        [],
    ),
]
