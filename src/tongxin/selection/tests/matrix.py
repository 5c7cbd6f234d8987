"""The authorization matrix's rows of the selection app (tests/test_authorization_matrix.py)."""

from typing import Any

from tongxin.selection.models import Candidacy
from tongxin.selection.selectors import candidacy_list_for
from tongxin.testing.matrix import (
    ADVISORS,
    IN_SCHOOLS,
    OVER_COUNTY,
    SCHOOL_A,
    SECRETARIES,
    UNION_A,
    Grant,
    Row,
    others,
)

ROWS = [
    Row("candidacies", lambda p: "/selection/", ["advisor_a"], others("advisor_a")),
    Row(
        "college recommendations",
        lambda p: "/selection/college/",
        ["secretary_a1"],
        others("secretary_a1"),
    ),
    Row("public notice", lambda p: "/selection/notice/", SCHOOL_A, OVER_COUNTY),
    Row("selection settings", lambda p: "/selection/settings/", ["advisor_a"], others("advisor_a")),
    Row(
        "a candidacy",
        lambda p: f"/selection/candidacies/{p.issues['candidacy'].pk}/",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
    Row(
        "API candidacy",
        lambda p: f"/api/v1/selection/candidacies/{p.issues['candidacy'].pk}",
        ["student_a", "advisor_a", "secretary_a1"],
        [],
    ),
]

NOTICE = "notice"  # a candidate of college A1 under public notice, recommended by secretary_a1


def _on_notice(name: str, perm: str, ok: list[str], **selector: Any) -> Grant:
    return Grant(name, perm, lambda p: p.issues[NOTICE], ok, **selector)


GRANTS = [
    Grant(
        "recommend a student of college A1",
        "selection.recommend_candidate",
        lambda p: p.student_a,
        ["secretary_a1"],
    ),
    Grant(
        "recommend a student of school B (no secretary there)",
        "selection.recommend_candidate",
        lambda p: p.student_b,
        [],
    ),
    _on_notice(
        "a candidacy on notice",
        "selection.view_candidacy",
        ["candidate_a1", "secretary_a1", "advisor_a"],
        listed=candidacy_list_for,
        among=lambda p: Candidacy.objects.all(),
    ),
    Grant(
        "a candidacy of the sibling college A2",
        "selection.view_candidacy",
        lambda p: p.issues["candidacy_a2"],
        ["student_a2", "secretary_a2", "advisor_a"],
    ),
    Grant(
        "a candidacy of school B",
        "selection.view_candidacy",
        lambda p: p.issues["candidacy_b"],
        ["student_b", "advisor_b"],
    ),
    _on_notice(
        "grades' figures of a candidate on notice",
        "selection.view_candidate_grades",
        ["candidate_a1", "secretary_a1", "advisor_a"],
    ),
    _on_notice("consent for the college", "selection.consent_candidacy", ["secretary_a1"]),
    _on_notice("withdraw a recommendation", "selection.withdraw_candidacy", ["secretary_a1"]),
    _on_notice("review a candidacy", "selection.review_candidacy", ["advisor_a"]),
    _on_notice("decide a candidacy", "selection.decide_candidacy", ["advisor_a"]),
    _on_notice("publish a candidacy", "selection.publish_candidacy", ["advisor_a"]),
    _on_notice("resolve an objection", "selection.resolve_objection", ["advisor_a"]),
    _on_notice("appoint a candidate", "selection.appoint_candidacy", ["advisor_a"]),
    _on_notice("reject a candidacy", "selection.reject_candidacy", ["advisor_a"]),
    _on_notice(
        "object to a candidate (school A's students and officers, never the candidate)",
        "selection.object_to_candidacy",
        ["student_a", "student_a2", *UNION_A, "college_officer_a1", "college_officer_a2"],
    ),
    Grant(
        "selection settings of school A",
        "selection.manage_settings",
        lambda p: p.school_a,
        ["advisor_a"],
    ),
    Grant("public notice page", "selection.view_notice", None, IN_SCHOOLS),
    Grant("candidacies page", "selection.open_candidacy_list", None, ADVISORS),
    Grant("college recommendations page", "selection.open_college_list", None, SECRETARIES),
    Grant("selection settings page", "selection.open_settings", None, ADVISORS),
]
