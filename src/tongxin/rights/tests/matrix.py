"""The authorization matrix's rows of the rights app (tests/test_authorization_matrix.py)."""

from tongxin.rights.models import Issue
from tongxin.rights.selectors import issue_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    EVERYONE,
    FEDERATION,
    HANDLERS_A,
    IN_SCHOOLS,
    OFFICERS,
    OVER_COUNTY,
    OVER_SCHOOL_A,
    SCHOOL_A,
    SECRETARIES,
    STUDENTS,
    UNION_A,
    Grant,
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

ANSWER_REFERRED = ["handler_a", "office_head_a"]  # school A's logistics office, the lead

GRANTS = [
    Grant("submit an issue", "rights.submit_issue", None, STUDENTS),
    Grant("support an issue", "rights.support_issue", None, STUDENTS),
    Grant(
        "an issue referred to logistics",
        "rights.view_issue",
        lambda p: p.issues["referred"],
        ["student_a", *UNION_A, *ANSWER_REFERRED, "advisor_a"],
        listed=issue_list_for,
        among=lambda p: Issue.objects.select_related("union", "school"),
    ),
    Grant(
        "an issue with the academic office as co-office",
        "rights.view_issue",
        lambda p: p.issues["co_office"],
        ["student_a2", *UNION_A, *HANDLERS_A, "advisor_a"],
    ),
    Grant(
        "an anonymous issue",
        "rights.view_issue",
        lambda p: p.issues["anonymous"],
        ["student_a", *UNION_A, "advisor_a"],
    ),
    Grant(
        "a county school's issue escalated to the city",
        "rights.view_issue",
        lambda p: p.issues["county_escalated"],
        ["student_c", "county_specialist", *OVER_SCHOOL_A],
    ),
    Grant("union queue", "rights.view_queue", None, [*OFFICERS, *SECRETARIES]),
    Grant("office inbox", "rights.view_inbox", None, HANDLERS_A),
    Grant(
        "withdraw one's issue",
        "rights.withdraw_issue",
        lambda p: p.issues["referred"],
        ["student_a"],
    ),
    Grant(
        "rate one's answer", "rights.rate_issue", lambda p: p.issues["co_office"], ["student_a2"]
    ),
    Grant(
        "handle an issue of college union A1",
        "rights.handle_issue",
        lambda p: p.issues["college_a1"],
        ["college_officer_a1"],
    ),
    Grant(
        "handle an issue of union A", "rights.handle_issue", lambda p: p.issues["referred"], UNION_A
    ),
    Grant(
        "discuss (comment, attach) an issue one reads",
        "rights.discuss_issue",
        lambda p: p.issues["referred"],
        ["student_a", *UNION_A, *ANSWER_REFERRED, "advisor_a"],
    ),
    Grant(
        "the reporter of an anonymous issue does not discuss it",
        "rights.discuss_issue",
        lambda p: p.issues["anonymous"],
        [*UNION_A, "advisor_a"],
    ),
    Grant(
        "answer as the lead office",
        "rights.answer_referred_issue",
        lambda p: p.issues["co_office"],
        ANSWER_REFERRED,
    ),
    Grant(
        "approve the lead office's answer",
        "rights.approve_answer",
        lambda p: p.issues["co_office"],
        ["office_head_a"],
    ),
    Grant(
        "add a co-office's input",
        "rights.add_office_input",
        lambda p: p.issues["co_office"],
        ["academic_handler_a"],
    ),
    Grant(
        "unseal an anonymous issue",
        "rights.unseal_issue",
        lambda p: p.issues["anonymous"],
        ["advisor_a"],
    ),
    Grant(
        "rights settings of school A", "rights.manage_settings", lambda p: p.school_a, ["advisor_a"]
    ),
    Grant("rights settings page", "rights.open_settings", None, ADVISORS),
    Grant("issue categories", "rights.manage_categories", None, ["province_admin"]),
    Grant("echo wall", "rights.view_wall", None, IN_SCHOOLS),
]
