"""Issue 17's disclosure (公示): rows of the public page and notice (everyone, without login
too: tests/test_authorization_matrix.py lets PUBLIC rows answer anonymous visitors), the list,
the disclosure's page, the comment post and the advisor's opening page; a grant per
permission. School A's assessment is disclosed (its sheets checked first)."""

from tongxin.testing.matrix import (
    EVERYONE,
    FEDERATION_ALL,
    IN_SCHOOLS,
    OVER_SCHOOL_A,
    PEOPLE_A,
    SCHOOL_A,
    Grant,
    Row,
)
from tongxin.testing.province import TinyProvince

from ..services.disclosure import disclosure_open
from .review_world import check_every_sheet

PUBLIC = {"reform: school A's public disclosure", "reform: school A's printed notice"}


def populate(province: TinyProvince) -> None:
    assessment = province.issues["reform_assessment"]
    check_every_sheet(assessment)
    province.issues["reform_disclosure"] = disclosure_open(
        actor=province.advisor_a, assessment=assessment, expected_version=assessment.version
    )


def _public(p: TinyProvince) -> str:
    d = p.issues["reform_disclosure"]
    return f"/reform/public/{p.school_a.code}/{d.assessment.academic_year}/"


def _pk(p: TinyProvince) -> int:
    return int(p.issues["reform_disclosure"].pk)


ROWS = [
    Row("reform: school A's public disclosure", _public, EVERYONE, []),
    Row("reform: school A's printed notice", lambda p: _public(p) + "notice.pdf", EVERYONE, []),
    Row("reform: the disclosures", lambda p: "/reform/disclosures/", EVERYONE, []),
    Row(
        "reform: school A's disclosure (comments)",
        lambda p: f"/reform/disclosures/{_pk(p)}/",
        [*SCHOOL_A, *OVER_SCHOOL_A],
        [],
    ),
    Row(
        "reform: comment on school A's disclosure (empty: the page again)",
        lambda p: f"/reform/disclosures/{_pk(p)}/comment/",
        SCHOOL_A,
        OVER_SCHOOL_A,
        method="post",
    ),
    Row(
        "reform: open school A's disclosure",
        lambda p: f"/reform/assessments/{p.issues['reform_assessment'].pk}/disclose/",
        ["advisor_a"],
        [],
    ),
    Row(
        "reform API: school A's disclosure",
        lambda p: f"/api/v1/reform/disclosures/{_pk(p)}",
        [*SCHOOL_A, *OVER_SCHOOL_A],
        [],
    ),
]

GRANTS = [
    Grant(
        "read school A's disclosure",
        "reform.view_disclosure",
        lambda p: p.issues["reform_disclosure"],
        [*PEOPLE_A, *OVER_SCHOOL_A],
    ),
    Grant(
        "comment on school A's open disclosure",
        "reform.comment_disclosure",
        lambda p: p.issues["reform_disclosure"],
        PEOPLE_A,
    ),
    Grant(
        "moderate school A's disclosure",
        "reform.moderate_disclosure",
        lambda p: p.issues["reform_disclosure"],
        ["advisor_a"],
    ),
    Grant(
        "open school A's disclosure",
        "reform.open_disclosure",
        lambda p: p.issues["reform_assessment"],
        ["advisor_a"],
    ),
    Grant(
        "open the disclosures' list",
        "reform.open_disclosures",
        None,
        [*IN_SCHOOLS, *FEDERATION_ALL],
    ),
]
