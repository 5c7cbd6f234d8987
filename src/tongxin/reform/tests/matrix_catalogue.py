"""The authorization matrix's rows of the catalogue and the scoring models (part A).

Readers of the catalogue (officers, league secretaries, advisors, every federation
member) open the read pages; only the province's admin opens the edit pages; students and
office handlers get 403 everywhere. The permissions' grants are in matrix_base.py. The
API's writes (copy, publish) are judged per persona in test_catalogue_api.py: a POST with
no body answers 400 or 422 to the admin, which a row cannot say."""

from typing import Any

from tongxin.testing.matrix import Grant, Row, others
from tongxin.testing.province import TinyProvince

READERS = [
    "officer_a",
    "college_officer_a1",
    "secretary_a1",
    "advisor_a",
    "city_staff_1",
    "county_specialist",
    "province_staff",
    "province_admin",
]
NOT_READERS = others(*READERS)  # students, office handlers
ADMIN = ["province_admin"]
NOT_ADMIN = others(*ADMIN)


def populate(province: TinyProvince) -> None:
    """Nothing of its own: the rows read the year's tables that matrix_base computed."""


def _published(p: TinyProvince) -> Any:
    return p.issues["reform_catalogue"]


def _draft(p: TinyProvince) -> Any:
    return p.issues["reform_college_catalogue"]


def _draft_indicator(p: TinyProvince) -> int:
    return int(_draft(p).indicators.order_by("number").first().pk)


ROWS: list[Row] = [
    Row("reform catalogue list", lambda p: "/reform/catalogues/", READERS, NOT_READERS),
    Row(
        "reform catalogue (published table 一)",
        lambda p: f"/reform/catalogues/{_published(p).pk}/",
        READERS,
        NOT_READERS,
    ),
    Row(
        "reform catalogue (draft table 二)",
        lambda p: f"/reform/catalogues/{_draft(p).pk}/",
        READERS,
        NOT_READERS,
    ),
    Row(
        "reform catalogue edit",
        lambda p: f"/reform/catalogues/{_draft(p).pk}/edit/",
        ADMIN,
        NOT_ADMIN,
    ),
    Row(
        "reform catalogue copy (no year: the page again)",
        lambda p: f"/reform/catalogues/{_published(p).pk}/copy/",
        ADMIN,
        NOT_ADMIN,
        method="post",
    ),
    Row(
        "reform catalogue publish (no version: the page again)",
        lambda p: f"/reform/catalogues/{_draft(p).pk}/publish/",
        ADMIN,
        NOT_ADMIN,
        method="post",
    ),
    Row(
        "reform indicator new",
        lambda p: f"/reform/catalogues/{_draft(p).pk}/indicators/new/",
        ADMIN,
        NOT_ADMIN,
    ),
    Row(
        "reform indicator edit",
        lambda p: f"/reform/indicators/{_draft_indicator(p)}/edit/",
        ADMIN,
        NOT_ADMIN,
    ),
    Row(
        "reform indicator delete (confirmation)",
        lambda p: f"/reform/indicators/{_draft_indicator(p)}/delete/",
        ADMIN,
        NOT_ADMIN,
    ),
    Row(
        "reform indicator delete (no version: the page again)",
        lambda p: f"/reform/indicators/{_draft_indicator(p)}/delete/",
        ADMIN,
        NOT_ADMIN,
        method="post",
    ),
    Row("reform scoring models", lambda p: "/reform/scoring/", READERS, NOT_READERS),
    Row("reform scoring model new", lambda p: "/reform/scoring/new/", ADMIN, NOT_ADMIN),
    Row(
        "reform scoring model edit",
        lambda p: f"/reform/scoring/{_draft(p).scoring_id}/edit/",
        ADMIN,
        NOT_ADMIN,
    ),
    Row("API reform catalogues", lambda p: "/api/v1/reform/catalogues", READERS, NOT_READERS),
    Row(
        "API reform catalogue",
        lambda p: f"/api/v1/reform/catalogues/{_published(p).pk}",
        READERS,
        NOT_READERS,
    ),
    Row("API reform scoring models", lambda p: "/api/v1/reform/scoring", READERS, NOT_READERS),
]

GRANTS: list[Grant] = []
