"""Part D's rows and grants: 我的改革自评, a union's page and API, the posts of evidence and
explanations, and the evidence's own permissions (its files). Union A's item 1 carries an
open evidence of its officer."""

from tongxin.testing.matrix import (
    OVER_SCHOOL_A,
    UNION_A,
    Grant,
    Row,
    others,
)
from tongxin.testing.province import TinyProvince

from ..services.evidence import evidence_submit

MINE_OK = ["officer_a", "college_officer_a1", "secretary_a1", "advisor_a"]
UNION_A_READERS = ["officer_a", "advisor_a", *OVER_SCHOOL_A]


def populate(province: TinyProvince) -> None:
    result = province.issues["reform_manual_result"]
    province.issues["reform_evidence"] = evidence_submit(
        actor=province.officer_a,
        result=result,
        expected_version=result.version,
        claim_passed=True,
        claim_value="",
        text="学生会未承担宿舍管理、文明督查等行政职能，附校团委说明。",
    )


def _union_a(p: TinyProvince) -> int:
    return int(p.union_a.pk)


def _manual(p: TinyProvince) -> int:
    return int(p.issues["reform_manual_result"].pk)


def _evidence(p: TinyProvince) -> int:
    return int(p.issues["reform_evidence"].pk)


ROWS = [
    Row("reform: my unions' self-assessment", lambda p: "/reform/mine/", MINE_OK, others(*MINE_OK)),
    Row(
        "reform: union A's results",
        lambda p: f"/reform/unions/{_union_a(p)}/",
        UNION_A_READERS,
        [],
    ),
    Row(
        "reform: college union A1's results",
        lambda p: f"/reform/unions/{p.college_union_a1.pk}/",
        ["officer_a", "college_officer_a1", "secretary_a1", "advisor_a", *OVER_SCHOOL_A],
        [],
    ),
    Row(
        "reform: explain union A's item 1 (empty: the page again)",
        lambda p: f"/reform/results/{_manual(p)}/explain/",
        ["officer_a"],
        ["advisor_a", *OVER_SCHOOL_A],
        method="post",
    ),
    Row(
        "reform: evidence for union A's item 1 (empty: the page again)",
        lambda p: f"/reform/results/{_manual(p)}/evidence/",
        ["officer_a"],
        ["advisor_a", *OVER_SCHOOL_A],
        method="post",
    ),
    Row(
        "reform: confirm union A's evidence (empty: the page again)",
        lambda p: f"/reform/evidence/{_evidence(p)}/confirm/",
        ["advisor_a"],
        ["officer_a", *OVER_SCHOOL_A],
        method="post",
    ),
    Row(
        "reform: reject union A's evidence (empty: the page again)",
        lambda p: f"/reform/evidence/{_evidence(p)}/reject/",
        ["advisor_a"],
        ["officer_a", *OVER_SCHOOL_A],
        method="post",
    ),
    Row(
        "reform API: union A's results",
        lambda p: f"/api/v1/reform/unions/{_union_a(p)}/results",
        UNION_A_READERS,
        [],
    ),
    Row(
        "reform: the files of union A's evidence",
        lambda p: f"/attachments/on/reform.evidence/{_evidence(p)}/",
        UNION_A_READERS,
        [],
    ),
]

GRANTS = [
    Grant(
        "read union A's evidence",
        "reform.view_evidence",
        lambda p: p.issues["reform_evidence"],
        [*UNION_A, "advisor_a", *OVER_SCHOOL_A],
    ),
    Grant(
        "attach files to union A's open evidence",
        "reform.attach_to_evidence",
        lambda p: p.issues["reform_evidence"],
        UNION_A,
    ),
]
