"""Part G's rows and grants: the ratings list, an assessment's rating page and its posts,
the letter's PDF, the rectification pages and posts, their API and the item's files.

The world: LAST year's tables computed for school A (this year's assessment stays
preparing for the chain's rows), union A's ★ item 11 set failing, the assessment
confirmed, city 1's proposal confirmed by the province (one open rectification item of
union A) and the feedback letter issued."""

from tongxin.testing.matrix import (
    ADVISORS,
    FEDERATION_ALL,
    OFFICERS,
    OVER_SCHOOL_A,
    SECRETARIES,
    UNION_A,
    Grant,
    Row,
    others,
)
from tongxin.testing.province import TinyProvince

from ..models import AssessmentState, Check, Level, RectificationItem, Result
from ..services.letter import letter_issue
from ..services.rating import rating_confirm, rating_propose
from ..services.results import results_compute
from .rating_world import scale
from .review_world import assessment_of, move
from .world import catalogue, this_year

FEDERATION = ["city_staff_1", "county_specialist", "province_staff", "province_admin"]
SCHOOL_READERS = ["officer_a", "college_officer_a1", "secretary_a1", "advisor_a"]
PROVINCE_LEVEL = ["province_staff", "province_admin"]
ITEM_READERS = ["officer_a", "advisor_a", *OVER_SCHOOL_A]
VIEWERS = ["advisor_a", *OVER_SCHOOL_A]


def populate(province: TinyProvince) -> None:
    year = this_year() - 1
    for level in (Level.SCHOOL, Level.COLLEGE):
        cat = catalogue(level, year)
        results_compute(actor=province.province_admin, catalogue=cat, scope=province.school_a)
    Result.objects.filter(
        catalogue__academic_year=year,
        union=province.union_a,
        indicator__computes=Check.CONGRESS_ON_SCHEDULE,
    ).update(passed=False, remark="召开时间：2019-05-20")
    a = move(assessment_of(province, "a", year), AssessmentState.CONFIRMED)
    rating = rating_propose(
        actor=province.city_staff_1,
        assessment=a,
        scale=scale(),
        grade="qualified",
        note="",
        expected_version=0,
    )
    rating_confirm(
        actor=province.province_admin,
        assessment=a,
        grade="",
        note="",
        expected_version=rating.version,
    )
    letter_issue(actor=province.province_admin, assessment=a)
    province.issues["reform_rated_assessment"] = a
    province.issues["reform_rectification"] = RectificationItem.objects.get(assessment=a)


def _rated(p: TinyProvince) -> int:
    return int(p.issues["reform_rated_assessment"].pk)


def _item(p: TinyProvince) -> int:
    return int(p.issues["reform_rectification"].pk)


ROWS = [
    Row("reform: the ratings list", lambda p: "/reform/ratings/", FEDERATION, others(*FEDERATION)),
    Row(
        "reform: school A's rating page",
        lambda p: f"/reform/assessments/{_rated(p)}/rating/",
        VIEWERS,
        [],
    ),
    Row(
        "reform: propose school A's rating (empty: the page again)",
        lambda p: f"/reform/assessments/{_rated(p)}/rating/propose/",
        ["city_staff_1"],
        ["advisor_a", *PROVINCE_LEVEL],
        method="post",
    ),
    Row(
        "reform: confirm school A's rating (empty: the page again)",
        lambda p: f"/reform/assessments/{_rated(p)}/rating/confirm/",
        PROVINCE_LEVEL,
        ["advisor_a", "city_staff_1"],
        method="post",
    ),
    Row(
        "reform: issue school A's letter (already issued: the page again)",
        lambda p: f"/reform/assessments/{_rated(p)}/letter/",
        PROVINCE_LEVEL,
        ["advisor_a", "city_staff_1"],
        method="post",
    ),
    Row(
        "reform: school A's feedback letter (PDF)",
        lambda p: f"/reform/assessments/{_rated(p)}/letter.pdf",
        VIEWERS,
        [],
    ),
    Row(
        "reform: the rectification rates",
        lambda p: "/reform/rectification/",
        FEDERATION,
        others(*FEDERATION),
    ),
    Row(
        "reform: the rectification items",
        lambda p: "/reform/rectification/items/",
        [*SCHOOL_READERS, *FEDERATION],
        others(*SCHOOL_READERS, *FEDERATION),
    ),
    Row(
        "reform: union A's rectification item",
        lambda p: f"/reform/rectification/items/{_item(p)}/",
        ITEM_READERS,
        [],
    ),
    Row(
        "reform: a note on union A's item (empty: the page again)",
        lambda p: f"/reform/rectification/items/{_item(p)}/note/",
        ["officer_a", "advisor_a"],
        OVER_SCHOOL_A,
        method="post",
    ),
    Row(
        "reform: accept union A's item (empty: the page again)",
        lambda p: f"/reform/rectification/items/{_item(p)}/accept/",
        OVER_SCHOOL_A,
        ["officer_a", "advisor_a"],
        method="post",
    ),
    Row(
        "reform: the files of union A's rectification item",
        lambda p: f"/attachments/on/reform.rectificationitem/{_item(p)}/",
        ITEM_READERS,
        [],
    ),
    Row(
        "reform API: the ratings list",
        lambda p: "/api/v1/reform/ratings",
        FEDERATION,
        others(*FEDERATION),
    ),
    Row(
        "reform API: school A's rating",
        lambda p: f"/api/v1/reform/ratings/{_rated(p)}",
        VIEWERS,
        [],
    ),
    Row(
        "reform API: the rectification rates",
        lambda p: "/api/v1/reform/rectification/rates",
        FEDERATION,
        others(*FEDERATION),
    ),
    Row(
        "reform API: the rectification items",
        lambda p: "/api/v1/reform/rectification/items",
        [*SCHOOL_READERS, *FEDERATION],
        others(*SCHOOL_READERS, *FEDERATION),
    ),
    Row(
        "reform API: union A's rectification item",
        lambda p: f"/api/v1/reform/rectification/items/{_item(p)}",
        ITEM_READERS,
        [],
    ),
]


def _assessment(p: TinyProvince) -> object:
    return p.issues["reform_rated_assessment"]


def _rectification(p: TinyProvince) -> object:
    return p.issues["reform_rectification"]


GRANTS = [
    Grant(
        "propose school A's rating",
        "reform.propose_rating",
        _assessment,
        ["city_staff_1"],
    ),
    Grant(
        "confirm school A's rating",
        "reform.confirm_rating",
        _assessment,
        PROVINCE_LEVEL,
    ),
    Grant("issue school A's letter", "reform.issue_letter", _assessment, PROVINCE_LEVEL),
    Grant(
        "read union A's rectification item",
        "reform.view_rectification",
        _rectification,
        [*UNION_A, "advisor_a", *OVER_SCHOOL_A],
    ),
    Grant(
        "note on union A's rectification item",
        "reform.note_rectification",
        _rectification,
        [*UNION_A, "advisor_a"],
    ),
    Grant(
        "attach files to union A's open rectification item",
        "reform.attach_to_rectification",
        _rectification,
        [*UNION_A, "advisor_a"],
    ),
    Grant(
        "accept union A's rectification",
        "reform.accept_rectification",
        _rectification,
        OVER_SCHOOL_A,
    ),
    Grant(
        "open the rectification items",
        "reform.open_rectification",
        None,
        [*OFFICERS, *SECRETARIES, *ADVISORS, *FEDERATION_ALL],
    ),
    Grant(
        "open the rectification rates",
        "reform.open_rectification_rates",
        None,
        FEDERATION_ALL,
    ),
    Grant("open the ratings list", "reform.open_ratings", None, FEDERATION_ALL),
]
